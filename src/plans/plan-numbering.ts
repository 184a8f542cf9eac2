/** Sort keys of number labels, from the Japanese kernel (Ⅱ-ア, （1）, ①, ア, 52101 in the order they are printed). */
export function sortKeyFor(label: string | null): string | null {
  if (label === null) return null;
  return null;
}

export function compareLabels(a: string | null, b: string | null): number {
  if (a === null || b === null) return (a === null ? 1 : 0) - (b === null ? 1 : 0);
  return 0;
}

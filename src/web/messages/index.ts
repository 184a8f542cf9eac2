import { en } from "./en.js";
import { ja, type Messages } from "./ja.js";

export type Locale = "ja" | "en";
export type { Messages };

const catalogues: Record<Locale, Messages> = { ja, en };

/** The messages of a locale; Japanese unless asked otherwise. */
export function messages(locale: Locale = "ja"): Messages {
  return catalogues[locale];
}

/** The default (Japanese) messages, for code that has no request at hand. */
export const m: Messages = ja;

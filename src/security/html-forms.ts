/**
 * Reads the forms out of one of our server-rendered pages, as a browser would submit them: enough of HTML
 * for hono/jsx output (double-quoted attributes, escaped text), not a general parser. The security sweeps use
 * it to fill every text field of every form without knowing the forms in advance.
 */
export type FormField = {
  name: string;
  kind: "text" | "textarea" | "hidden" | "choice" | "other";
  value: string;
};
export type HtmlForm = { action: string; method: string; enctype: string; fields: FormField[] };

const attr = (tag: string, name: string): string | null => {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m ? unescapeHtml(m[1]!) : null;
};
const has = (tag: string, name: string) => new RegExp(`\\s${name}(=|\\s|/?>)`).test(tag);

export function unescapeHtml(s: string): string {
  return s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, "&");
}

const TEXT_TYPES = new Set(["text", "search", "email", "url", "tel", "number", "date", "password", ""]);

/** @example formsOf('<form method="post" action="/x"><input name="a" value="1"/></form>') → [{ action: "/x", … }] */
export function formsOf(html: string): HtmlForm[] {
  const out: HtmlForm[] = [];
  for (const m of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)) {
    const open = ` ${m[1]}`;
    const body = m[2]!;
    const fields: FormField[] = [];
    const tags =
      /<input\b([^>]*)>|<textarea\b([^>]*)>([\s\S]*?)<\/textarea>|<select\b([^>]*)>([\s\S]*?)<\/select>/g;
    for (const t of body.matchAll(tags)) {
      const tag = ` ${t[1] ?? t[2] ?? t[4]}`;
      const name = attr(tag, "name");
      if (!name) continue;
      if (t[2] !== undefined) {
        fields.push({ name, kind: "textarea", value: unescapeHtml(t[3] ?? "") });
      } else if (t[4] !== undefined) {
        const options = [...(t[5] ?? "").matchAll(/<option\b([^>]*)>/g)].map((o) => ` ${o[1]}`);
        const chosen = options.find((o) => has(o, "selected")) ?? options[0];
        fields.push({ name, kind: "choice", value: chosen ? (attr(chosen, "value") ?? "") : "" });
      } else {
        const type = (attr(tag, "type") ?? "").toLowerCase();
        if (type === "checkbox" || type === "radio") {
          if (has(tag, "checked")) fields.push({ name, kind: "choice", value: attr(tag, "value") ?? "on" });
        } else if (type === "hidden") fields.push({ name, kind: "hidden", value: attr(tag, "value") ?? "" });
        else if (type === "file" || type === "submit") fields.push({ name, kind: "other", value: "" });
        else if (TEXT_TYPES.has(type)) fields.push({ name, kind: "text", value: attr(tag, "value") ?? "" });
      }
    }
    out.push({
      action: attr(open, "action") ?? "",
      method: (attr(open, "method") ?? "get").toLowerCase(),
      enctype: attr(open, "enctype") ?? "application/x-www-form-urlencoded",
      fields,
    });
  }
  return out;
}

/** The url-encoded body of a form, with some fields replaced. */
export function formBody(form: HtmlForm, replace: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const f of form.fields) {
    if (f.kind === "other") continue;
    params.append(f.name, f.name in replace ? replace[f.name]! : f.value);
  }
  return params.toString();
}

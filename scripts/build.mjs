// The production build: every source file of src/ (tests left out) transpiled by esbuild, file by file, into dist/
// with the same folder layout, so paths resolved from import.meta.url (migrations, static files, demo documents,
// the import worker) hold in both. No bundling, no type checking (that is `npm run typecheck`). Takes well under a
// second; `npm start` runs it before starting the server. docs/decisions/0020-production-build.md
import { cpSync, existsSync, readdirSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const src = path.join(root, "src");
const out = path.join(root, "dist");

const entryPoints = [];
const assets = [];
(function walk(dir) {
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) walk(file);
    else if (
      /\.(test|spec)\.tsx?$/.test(name) ||
      /(test-db|test-support|test-factories|\.factories)\.tsx?$/.test(name)
    )
      continue;
    else if (/\.tsx?$/.test(name) && !name.endsWith(".d.ts")) entryPoints.push(file);
    else assets.push(file);
  }
})(src);

const t0 = performance.now();
rmSync(out, { recursive: true, force: true });
await build({
  entryPoints,
  outdir: out,
  outbase: src,
  format: "esm",
  platform: "node",
  target: "node20",
  jsx: "automatic",
  jsxImportSource: "hono/jsx",
  sourcemap: "linked",
  logLevel: "warning",
});
// static files, demo documents, fixtures: beside the code that reads them
for (const file of assets) cpSync(file, path.join(out, path.relative(src, file)));
if (!existsSync(path.join(out, "main.js"))) throw new Error("build: dist/main.js was not written");
console.log(`build: ${entryPoints.length} files → dist/ in ${Math.round(performance.now() - t0)} ms`);

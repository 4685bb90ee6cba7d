// Prints the brotli-compressed size of the release build's wasm, js, css and html, against the
// shell's budget. Run `trunk build` first; usage: `node scripts/sizes.mjs [dist]`.
import { readdir, readFile } from "node:fs/promises";
import { join, extname } from "node:path";
import { brotliCompressSync, constants } from "node:zlib";

const BUDGET_KB = 120;
const dist = process.argv[2] ?? "dist";
const kinds = [".wasm", ".js", ".css", ".html"];

const totals = Object.fromEntries(kinds.map((kind) => [kind, { raw: 0, brotli: 0 }]));
for (const entry of await readdir(dist, { withFileTypes: true, recursive: true })) {
  const kind = extname(entry.name);
  if (!entry.isFile() || !kinds.includes(kind)) continue;
  const bytes = await readFile(join(entry.parentPath ?? entry.path, entry.name));
  const compressed = brotliCompressSync(bytes, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11 },
  });
  totals[kind].raw += bytes.length;
  totals[kind].brotli += compressed.length;
}

const kb = (bytes) => (bytes / 1024).toFixed(1).padStart(7);
let sum = 0;
console.log("kind      raw KB  brotli KB");
for (const kind of kinds) {
  const { raw, brotli } = totals[kind];
  sum += brotli;
  console.log(`${kind.padEnd(6)} ${kb(raw)}    ${kb(brotli)}`);
}
console.log(`total            ${kb(sum)}   (budget ${BUDGET_KB} KB: ${sum / 1024 <= BUDGET_KB ? "within" : "OVER"})`);

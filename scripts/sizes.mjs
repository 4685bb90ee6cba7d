// The first load's size: every HTML, JavaScript, CSS and WebAssembly file of the built app, as
// the server sends it to a browser that accepts brotli (the `.br` the build wrote beside it).
// Fails when the total passes the budget, so it never creeps up:
//   node scripts/sizes.mjs [dist]
import { readdir, stat } from "node:fs/promises";
import { join, relative } from "node:path";

// Today's size, rounded up; lower it as cuts land. The goal (issue 15) is 200 KB.
const BUDGET = 600 * 1024;
const GOAL = 200 * 1000;
const FIRST_LOAD = /\.(html|js|css|wasm)$/;
// The admin app (dist/admin/) is its own download, paid only by those who administer.
const NOT_THE_PHONE = /^admin(\/|$)/;

const dist = process.argv[2] ?? process.env.FIELDBOOK_DIST ?? "dist";
const sizeOf = (path) => stat(path).then((s) => s.size, () => undefined);

const rows = [];
for (const entry of await readdir(dist, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || !FIRST_LOAD.test(entry.name)) continue;
  const path = join(entry.parentPath ?? entry.path, entry.name);
  if (NOT_THE_PHONE.test(relative(dist, path))) continue;
  const plain = await sizeOf(path);
  rows.push({ name: relative(dist, path), plain, sent: (await sizeOf(`${path}.br`)) ?? plain });
}
if (rows.length === 0) {
  console.error(`sizes: no built app in ${dist}; run trunk build first`);
  process.exit(1);
}
rows.sort((a, b) => b.sent - a.sent);
const kb = (bytes) => `${(bytes / 1024).toFixed(1).padStart(8)} KiB`;
for (const { name, plain, sent } of rows) console.log(`${kb(sent)} sent  ${kb(plain)} built  ${name}`);
const total = rows.reduce((sum, row) => sum + row.sent, 0);
console.log(`${kb(total)} first load, as brotli   (budget ${kb(BUDGET).trim()}, goal ${GOAL / 1000} KB)`);
if (total > BUDGET) {
  console.error(`sizes: the first load is ${kb(total).trim()}, over its budget of ${kb(BUDGET).trim()}`);
  process.exit(1);
}

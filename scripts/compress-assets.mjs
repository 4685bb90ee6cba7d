// Trunk's post_build hook, after the precache manifest: write `.br` (brotli at its highest
// level) and `.gz` beside each text or WebAssembly file, so the server sends them as they are
// to browsers that accept them. Only where smaller; nothing else in the build changes.
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { brotliCompressSync, gzipSync, constants } from "node:zlib";

const COMPRESSIBLE = /\.(js|wasm|css|html|webmanifest|svg|json)$/;
const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error("compress-assets: run this as the post_build hook of trunk");
  process.exit(1);
}

let plain = 0;
let brotli = 0;
for (const entry of await readdir(staging, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || !COMPRESSIBLE.test(entry.name)) continue;
  const path = join(entry.parentPath ?? entry.path, entry.name);
  const bytes = await readFile(path);
  const br = brotliCompressSync(bytes, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
    },
  });
  const gz = gzipSync(bytes, { level: constants.Z_BEST_COMPRESSION });
  if (br.length < bytes.length) await writeFile(`${path}.br`, br);
  if (gz.length < bytes.length) await writeFile(`${path}.gz`, gz);
  plain += bytes.length;
  brotli += Math.min(br.length, bytes.length);
}
console.log(`compress-assets: ${(plain / 1024).toFixed(0)} KiB of text and wasm, ${(brotli / 1024).toFixed(0)} KiB as brotli`);

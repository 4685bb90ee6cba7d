// The real server process: durable across restarts, and clear when it cannot start.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { runServer, startServer, tempDir } from "./support/server.mjs";

async function health(url) {
  const response = await fetch(`${url}/api/health`);
  assert.equal(response.status, 200);
  return response.json();
}

test("a restarted server on the same SQLite file still answers /api/health", async () => {
  const db = join(await tempDir("db"), "fieldbook.sqlite");
  const first = await startServer({ db });
  const before = await health(first.url);
  assert.equal(await first.stop(), 0, "a clean shutdown on SIGINT");

  const second = await startServer({ db });
  try {
    const after = await health(second.url);
    assert.equal(after.status, "ok");
    assert.equal(after.schema_version, before.schema_version);
  } finally {
    await second.stop();
  }
});

test("a second server on a busy port exits with a clear message", async () => {
  const folder = await tempDir("db");
  const first = await startServer({ db: join(folder, "a.sqlite") });
  try {
    const addr = new URL(first.url).host;
    const second = await runServer(["serve", "--addr", addr, "--db", join(folder, "b.sqlite")]);
    assert.equal(second.code, 1, second.output);
    assert.match(second.output, new RegExp(`${addr} is already in use`));
    assert.doesNotMatch(second.output, /panicked/);
    await health(first.url);
  } finally {
    await first.stop();
  }
});

test("the built app goes out compressed, and files named by their hash are cached for a year", async () => {
  const server = await startServer({ db: join(await tempDir("db"), "fieldbook.sqlite") });
  try {
    const page = await fetch(`${server.url}/record`, { headers: { "accept-encoding": "br" } });
    assert.equal(page.status, 200);
    assert.equal(page.headers.get("cache-control"), "no-cache");
    const html = await page.text();
    const wasm = html.match(/href="\/([^"]+_bg\.wasm)"/)?.[1];
    assert.ok(wasm, `index.html names the wasm:\n${html}`);
    for (const [accept, encoding] of [["br", "br"], ["gzip", "gzip"]]) {
      const response = await fetch(`${server.url}/${wasm}`, { headers: { "accept-encoding": accept } });
      assert.equal(response.status, 200);
      assert.equal(response.headers.get("content-encoding"), encoding);
      assert.equal(response.headers.get("cache-control"), "public, max-age=31536000, immutable");
      assert.match(response.headers.get("vary") ?? "", /accept-encoding/i);
      // Decoded, it is the WebAssembly itself.
      assert.deepEqual([...new Uint8Array(await response.arrayBuffer()).slice(0, 4)], [0, 0x61, 0x73, 0x6d]);
    }
    const worker = await fetch(`${server.url}/sw.js`, { headers: { "accept-encoding": "br" } });
    assert.equal(worker.headers.get("content-encoding"), "br");
    assert.equal(worker.headers.get("cache-control"), "no-cache");
  } finally {
    await server.stop();
  }
});

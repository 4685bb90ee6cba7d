// The offline PWA shell, in Chromium at a phone's viewport, served by the real server.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { cp, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { startServer, tempDir, DIST } from "./support/server.mjs";
import { offlineAgain, phoneContext, screenshot } from "./support/browser.mjs";
import { assertNoAxeViolations } from "./support/axe.mjs";
import { Shell } from "./pages/shell.mjs";

const AREAS = ["Record", "Training", "Coordinate"];
let server;
let context;

before(async () => {
  // Each run serves its own copy of dist, so the update test can change it.
  const dist = join(await tempDir("dist"), "dist");
  await cp(DIST, dist, { recursive: true });
  server = await startServer({ db: join(await tempDir("db"), "fieldbook.sqlite"), dist });
  server.dist = dist;
  context = await phoneContext();
});

after(async () => {
  await context?.close();
  await server?.stop();
});

test("every area is reachable, readable and passes axe", async () => {
  const page = await context.newPage();
  const shell = new Shell(page, server.url);
  await shell.open("/record");
  assert.equal(await shell.badge().innerText(), "Online");
  for (const area of AREAS) {
    await shell.navigate(area);
    assert.equal(await page.title(), "Fieldbook");
    await assertNoAxeViolations(page, area);
    await screenshot(page, `shell-${area.toLowerCase()}-390x844`);
  }
  await page.close();
});

test("after the first load, the shell works offline", async () => {
  const page = await context.newPage();
  const shell = new Shell(page, server.url);
  await shell.open("/record");
  await shell.waitForServiceWorker();

  await context.setOffline(true);
  try {
    await page.reload();
    await page.getByRole("heading", { level: 1, name: "Record" }).waitFor();
    await offlineAgain(context);
    await page.waitForFunction(() => document.querySelector(".online-badge")?.textContent === "Offline");
    for (const area of ["Training", "Coordinate", "Record"]) await shell.navigate(area);

    // A cold navigation to another route is answered by the cached shell too.
    await page.goto(`${server.url}/coordinate`);
    await page.getByRole("heading", { level: 1, name: "Coordinate" }).waitFor();
    await screenshot(page, "shell-390x844");
  } finally {
    await context.setOffline(false);
  }
  await page.close();
});

test("the API is never answered from a cache", async () => {
  const page = await context.newPage();
  const shell = new Shell(page, server.url);
  await shell.open("/record");
  await shell.waitForServiceWorker();
  const health = await page.evaluate(() => fetch("/api/health").then((r) => r.json()));
  assert.equal(health.status, "ok");

  await context.setOffline(true);
  try {
    const offline = await page.evaluate(() =>
      fetch("/api/health").then(() => "answered", () => "failed"),
    );
    assert.equal(offline, "failed");
    const cachedApi = await page.evaluate(async () => {
      const urls = [];
      for (const name of await caches.keys()) {
        for (const request of await (await caches.open(name)).keys()) urls.push(request.url);
      }
      return urls.filter((url) => new URL(url).pathname.startsWith("/api"));
    });
    assert.deepEqual(cachedApi, []);
  } finally {
    await context.setOffline(false);
  }
  await page.close();
});

test("a new release waits until the user reloads", async () => {
  const page = await context.newPage();
  const shell = new Shell(page, server.url);
  await shell.open("/training");
  await shell.waitForServiceWorker();
  const before = await page.evaluate(() => caches.keys());

  // Mark what this release cached, to tell what the next one copies from what it downloads.
  await page.evaluate(async () => {
    const cache = await caches.open((await caches.keys())[0]);
    for (const request of await cache.keys()) {
      const response = await cache.match(request);
      const headers = new Headers(response.headers);
      headers.set("x-cached-by", "the release before");
      await cache.put(request, new Response(await response.blob(), { status: response.status, headers }));
    }
  });

  // Publish a "new release": the same files under a new build id. The build's compressed
  // copies of sw.js would still be the old one, so they go.
  const swPath = join(server.dist, "sw.js");
  const sw = await readFile(swPath, "utf8");
  await writeFile(swPath, sw.replace(/^const BUILD = "(.*)";$/m, 'const BUILD = "$1-next";'));
  await rm(`${swPath}.br`, { force: true });
  await rm(`${swPath}.gz`, { force: true });
  await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.update()));

  await shell.updateBanner().waitFor();
  // Files named by their hash came from the release before; the rest were downloaded.
  const copied = await page.evaluate(async () => {
    const cache = await caches.open((await caches.keys()).find((name) => name.endsWith("-next")));
    const from = {};
    for (const request of await cache.keys()) {
      from[new URL(request.url).pathname] = (await cache.match(request)).headers.get("x-cached-by") !== null;
    }
    return from;
  });
  const hashed = Object.keys(copied).filter((path) => /-[0-9a-f]{16}[._/]/.test(path));
  assert.ok(hashed.some((path) => path.endsWith("_bg.wasm")), JSON.stringify(copied));
  for (const [path, fromBefore] of Object.entries(copied)) {
    assert.equal(fromBefore, hashed.includes(path), `${path} should be ${hashed.includes(path) ? "copied" : "downloaded"}`);
  }
  // The running page is untouched: the new worker waits, and the old one and its cache remain.
  const waiting = await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.getRegistration();
    return registration.waiting !== null && registration.active !== null;
  });
  assert.ok(waiting, "the new worker should be waiting behind the active one");
  assert.ok((await page.evaluate(() => caches.keys())).includes(before[0]));
  await screenshot(page, "shell-update-available");

  await Promise.all([
    page.waitForEvent("load"),
    shell.updateBanner().getByRole("button", { name: "Reload" }).click(),
  ]);
  await page.getByRole("heading", { level: 1, name: "Training" }).waitFor();
  await page.waitForFunction(async () => {
    const names = await caches.keys();
    return names.length === 1 && names[0].endsWith("-next");
  });
  assert.equal(await shell.updateBanner().count(), 0);
  await page.close();
});

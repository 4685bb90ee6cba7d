// Lighthouse (mobile) on each area: accessibility and best practices must score 95 or more.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { writeFile, mkdir } from "node:fs/promises";
import { chromium } from "playwright-core";
import lighthouse from "lighthouse";
import { startServer, tempDir } from "./support/server.mjs";
import { CHROMIUM_ARGS, OUTPUT } from "./support/browser.mjs";

const MINIMUM = 0.95;
const PORT = 9300 + Math.floor(Math.random() * 500);
let server;
let browser;

before(async () => {
  server = await startServer({ db: join(await tempDir("db"), "fieldbook.sqlite") });
  browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: [...CHROMIUM_ARGS, `--remote-debugging-port=${PORT}`],
  });
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

for (const path of ["/record", "/record/new", "/training", "/coordinate", "/coordinate/dashboard", "/settings"]) {
  test(`Lighthouse on ${path}`, async () => {
    const result = await lighthouse(`${server.url}${path}`, {
      port: PORT,
      logLevel: "error",
      output: "json",
      onlyCategories: ["accessibility", "best-practices"],
    });
    await mkdir(OUTPUT, { recursive: true });
    await writeFile(new URL(`lighthouse${path.replaceAll("/", "-")}.json`, OUTPUT), result.report);
    const { categories, audits } = result.lhr;
    for (const [id, category] of Object.entries(categories)) {
      const failing = category.auditRefs
        .map((ref) => audits[ref.id])
        .filter((audit) => audit.score !== null && audit.score < 1)
        .map((audit) => audit.id);
      console.log(`${path} ${id}: ${Math.round(category.score * 100)}`);
      assert.ok(category.score >= MINIMUM, `${path} ${id} scored ${category.score}; failing: ${failing}`);
    }
  });
}

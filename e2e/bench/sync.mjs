// Sync figures: 10,000 records pushed from one phone to the real server over loopback, then
// pulled by the coordinator's phone, with every long task the pages had meanwhile. A
// measurement to read, not a pass/fail test. Build first (`trunk build`, and the server as
// `scripts/run` builds it: `cargo build -p fieldbook-server --profile server`), then:
//   FIELDBOOK_SERVER_BIN=target/server/fieldbook-server RECORDS=5000 node e2e/bench/sync.mjs
// The tests' debug server is several times slower to store a push, and would measure that.
// The records leave out their notes: 10,000 full ones do not fit in one browser's storage
// (about 8,100 do; see the core figures).
import { execFileSync } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { addAccounts, startServer, tempDir } from "../support/server.mjs";
import { phoneContext } from "../support/browser.mjs";
import { SettingsPage } from "../pages/settings.mjs";
import { SyncPage } from "../pages/sync.mjs";

const RECORDS = Number(process.env.RECORDS ?? 10_000);
const ms = (value) => `${value.toFixed(0).padStart(6)} ms`;

const folder = await tempDir("bench-sync");
const db = join(folder, "fieldbook.sqlite");
await addAccounts(db, [
  ["sam", "outreach", "Brinnington"],
  ["cath", "coordinator", "Brinnington"],
]);
const backup = join(folder, "sam.json");
await writeFile(
  backup,
  execFileSync("cargo", ["run", "-q", "--release", "-p", "fieldbook-core", "--example", "sample_backup", "--", `${RECORDS}`, "sam", "0", "brief"], {
    maxBuffer: 1 << 30,
  }),
);
const server = await startServer({ db });

/// A phone signed in as `user`; its long tasks are counted from the sign-in page being shown,
/// so the app's own start-up is not among the pull's.
async function phone(user) {
  const context = await phoneContext();
  await context.addInitScript(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => window.__longTasks.push(...list.getEntries().map((e) => e.duration))).observe({
      type: "longtask",
      buffered: true,
    });
  });
  const page = await context.newPage();
  const sync = new SyncPage(page, server.url);
  await page.goto(`${server.url}/sign-in`);
  await page.getByLabel("Username").waitFor();
  await longTasks(page);
  await sync.signInHere(user);
  return { context, page, sync };
}

const syncTime = (page) => page.evaluate(() => performance.getEntriesByName("fieldbook:sync").at(-1).duration);
const longTasks = (page) => page.evaluate(() => window.__longTasks.splice(0));

try {
  const sam = await phone("sam");
  const settings = new SettingsPage(sam.page, server.url);
  await settings.open();
  await settings.importBackup(backup);
  await longTasks(sam.page);
  await sam.sync.syncNow();
  await sam.sync.waitSynced(300_000).catch(async (error) => {
    throw new Error(`the push did not finish: ${await sam.sync.bar().innerText()}`, { cause: error });
  });
  const push = await syncTime(sam.page);
  const pushTasks = await longTasks(sam.page);

  const cath = await phone("cath");
  const pull = await syncTime(cath.page);
  const pullTasks = await longTasks(cath.page);
  const count = await cath.page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("fb1/doc/engagement/")).length);

  console.log(`push ${RECORDS} records from one phone   ${ms(push)}`);
  console.log(`pull them on the coordinator's phone ${ms(pull)}   (${count} stored)`);
  console.log(`push + pull                          ${ms(push + pull)}   (target for 5,000: <= 1500 ms)`);
  for (const [name, tasks] of [["pushing", pushTasks], ["signing in and pulling", pullTasks]]) {
    console.log(`long tasks while ${name}: ${tasks.length}, longest ${ms(tasks.length ? Math.max(...tasks) : 0)}   (target: none over 100 ms)`);
  }
  await sam.context.close();
  await cath.context.close();
} finally {
  await server.stop();
}

// Record list figures with 5,000 realistic records on the phone, under 4x CPU throttling: start to
// the first rows drawn, a search as it is typed, a filter, and drawing 50 more rows, with every
// long task (over 50 ms) the page had while doing them. A measurement to read, not a pass/fail
// test. Build first (`trunk build`, `cargo build -p fieldbook-server`), then:
//   node e2e/bench/record-list.mjs
import { execFileSync } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { startServer, tempDir } from "../support/server.mjs";
import { phoneContext } from "../support/browser.mjs";
import { SettingsPage } from "../pages/settings.mjs";
import { RecordPage } from "../pages/record.mjs";

const RECORDS = 5000;
const RUNS = 5;

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const ms = (value) => `${value.toFixed(1).padStart(7)} ms`;

const folder = await tempDir("bench");
const backup = join(folder, "sample-backup.json");
await writeFile(
  backup,
  execFileSync("cargo", ["run", "-q", "--release", "-p", "fieldbook-core", "--example", "sample_backup", "--", `${RECORDS}`], {
    maxBuffer: 1 << 30,
  }),
);

const server = await startServer({ db: join(folder, "fieldbook.sqlite") });
const context = await phoneContext();
// Long tasks are counted from the start of every page.
await context.addInitScript(() => {
  window.__longTasks = [];
  new PerformanceObserver((list) => window.__longTasks.push(...list.getEntries().map((e) => e.duration))).observe({
    type: "longtask",
    buffered: true,
  });
});
try {
  const page = await context.newPage();
  const settings = new SettingsPage(page, server.url);
  await settings.open();
  await settings.importBackup(backup);
  const record = new RecordPage(page, server.url);

  const cdp = await context.newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
  const firstRows = [];
  const opens = [];
  const firstFinds = [];
  for (let run = 0; run < RUNS; run++) {
    await page.goto(`${server.url}/record`);
    await record.rows().nth(49).waitFor();
    firstRows.push(await page.evaluate(() => performance.now()));
    opens.push(await page.evaluate(() => performance.getEntriesByName("fieldbook:open").at(-1).duration));
    firstFinds.push(await page.evaluate(() => performance.getEntriesByName("fieldbook:find").at(-1).duration));
  }
  console.log(`start to 50 rows drawn, 4x CPU    ${ms(median(firstRows))} median of ${RUNS}, worst ${ms(Math.max(...firstRows))}`);
  console.log(`  of which reading storage        ${ms(median(opens))} median`);
  console.log(`  and sorting the list            ${ms(median(firstFinds))} median`);
  await page.evaluate(() => (window.__longTasks = []));

  // Typing a search, a key at a time, as a person would.
  await page.getByLabel("Search").pressSequentially("library bus", { delay: 120 });
  await record.listTitle().filter({ hasNotText: "5000" }).waitFor();
  const finds = await page.evaluate(() => performance.getEntriesByName("fieldbook:find").map((e) => e.duration).slice(1));
  console.log(`search per keystroke (${finds.length} keys)    median ${ms(median(finds))}, worst ${ms(Math.max(...finds))}   -> ${await record.listTitle().innerText()}`);
  await page.getByLabel("Search").fill("");

  let started = await page.evaluate(() => performance.now());
  await record.filter("Theme", "Housing");
  await record.listTitle().filter({ hasNotText: "5000" }).waitFor();
  console.log(`filter by theme                   ${ms((await page.evaluate(() => performance.now())) - started)}   -> ${await record.listTitle().innerText()}`);

  started = await page.evaluate(() => performance.now());
  await page.getByRole("button", { name: "Show 50 more" }).click();
  await record.rows().nth(99).waitFor();
  console.log(`show 50 more rows                 ${ms((await page.evaluate(() => performance.now())) - started)}`);

  const longTasks = await page.evaluate(() => window.__longTasks);
  console.log(
    `long tasks after start-up         ${longTasks.length}, longest ${ms(longTasks.length ? Math.max(...longTasks) : 0)}   (jank: a task over 50 ms blocks input)`,
  );
} finally {
  await context.close();
  await server.stop();
}

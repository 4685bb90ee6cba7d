// Storage figures with 5,000 realistic records on the phone: start-up to the records count under
// 4x CPU throttling, the time from tapping Save until the form says "Saved" (p50, p95) for a new
// engagement and for a venue, the store's write and the journal's, and a full export. A measurement to read, not
// a pass/fail test. Build first (`trunk build`, `cargo build -p fieldbook-server`), then:
//   node e2e/bench/storage.mjs
import { execFileSync } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { startServer, tempDir } from "../support/server.mjs";
import { phoneContext } from "../support/browser.mjs";
import { SettingsPage } from "../pages/settings.mjs";
import { RecordPage } from "../pages/record.mjs";

const RECORDS = 5000;
const STARTS = 5;
const SAVES = 40;

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};
const ms = (value) => `${value.toFixed(1).padStart(7)} ms`;
const report = (what, times) =>
  console.log(`save to "Saved", ${what} (${times.length})  p50 ${ms(percentile(times, 50))}, p95 ${ms(percentile(times, 95))}   (target p95 <= 8 ms)`);

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
try {
  const page = await context.newPage();
  const settings = new SettingsPage(page, server.url);
  await settings.open();
  const started = Date.now();
  await settings.importBackup(backup);
  console.log(`import ${RECORDS} records           ${ms(Date.now() - started)}   (${await settings.importSummary()})`);

  const cdp = await context.newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
  const starts = [];
  const opens = [];
  for (let run = 0; run < STARTS; run++) {
    await page.goto(`${server.url}/record`);
    await page.waitForSelector(`[data-records-count="${RECORDS}"]`);
    starts.push(await page.evaluate(() => performance.now()));
    opens.push(await page.evaluate(() => performance.getEntriesByName("fieldbook:open").at(-1).duration));
  }
  console.log(`start to records shown, 4x CPU  ${ms(percentile(starts, 50))} median of ${STARTS}, worst ${ms(Math.max(...starts))}   (target <= 1000 ms)`);
  console.log(`  of which reading storage      ${ms(percentile(opens, 50))} median`);
  // The floor: plain JavaScript reading every entry of the same localStorage, same throttling.
  const floors = [];
  for (let run = 0; run < STARTS; run++) {
    floors.push(
      await page.evaluate(() => {
        const started = performance.now();
        let length = 0;
        for (let i = 0; i < localStorage.length; i++) length += localStorage.getItem(localStorage.key(i)).length;
        return length > 0 ? performance.now() - started : 0;
      }),
    );
  }
  const floor = percentile(floors, 50);
  console.log(`  plain JS reading every entry  ${ms(floor)} median   (reading storage is ${(percentile(opens, 50) / floor).toFixed(1)}x that)`);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 1 });

  // Saving a new engagement from its form, as outreach staff do: the form shows "Saving…" and
  // leaves for the list once the journal has it on disk.
  const record = new RecordPage(page, server.url);
  await record.open();
  await page.evaluate(() => performance.clearMeasures());
  for (let n = 0; n < SAVES; n++) {
    await record.newButton().click();
    await record.field("Venue").fill("Bench hall");
    await record.chip("Method", "Drop-in or street stall").check();
    await record.chip("Strand", "Primary: building social capital").check();
    await record.chip("Level of participation", "Consult").check();
    await page.getByRole("button", { name: "Total participants: one more" }).click();
    // Remembered after the first save.
    if (n === 0) await record.field("Your name").fill("Sam Patel");
    await record.save();
    await record.heading().filter({ hasText: "Record" }).waitFor();
  }
  report("a new engagement", await page.evaluate(() => performance.getEntriesByName("fieldbook:saved").map((entry) => entry.duration)));

  // Adding a venue in Settings, whose page redraws its counts of every record before the
  // journal's answer can arrive.
  await settings.open();
  await page.evaluate(() => performance.clearMeasures());
  for (let n = 0; n < SAVES; n++) await settings.addVenue(`Bench venue ${n}`, "Brinnington");
  const saves = await page.evaluate(() => performance.getEntriesByName("fieldbook:save").map((entry) => entry.duration));
  console.log(`save one record (${saves.length} saves)     p50 ${ms(percentile(saves, 50))}, p95 ${ms(percentile(saves, 95))}   (the store's write)`);
  const journal = await page.evaluate(() => performance.getEntriesByName("fieldbook:journal").map((entry) => entry.duration));
  console.log(`  journal write (${journal.length} writes)     p50 ${ms(percentile(journal, 50))}, p95 ${ms(percentile(journal, 95))}`);
  report("a venue in Settings", await page.evaluate(() => performance.getEntriesByName("fieldbook:saved").map((entry) => entry.duration)));
  // The floor: plain JavaScript writing one record-sized entry to IndexedDB with strict
  // durability and waiting for `complete`, in the same page, as often.
  const bare = await page.evaluate(async (writes) => {
    const db = await new Promise((resolve, reject) => {
      const open = indexedDB.open("bench-floor", 1);
      open.onupgradeneeded = () => open.result.createObjectStore("entries", { keyPath: "key" });
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const value = "x".repeat(1200);
    const times = [];
    for (let n = 0; n < writes; n++) {
      const started = performance.now();
      await new Promise((resolve, reject) => {
        const tx = db.transaction("entries", "readwrite", { durability: "strict" });
        tx.objectStore("entries").put({ key: `k${n}`, value, at_ms: Date.now() });
        tx.oncomplete = resolve;
        tx.onerror = () => reject(tx.error);
      });
      times.push(performance.now() - started);
    }
    db.close();
    return times;
  }, SAVES);
  console.log(`  plain JS strict IndexedDB write  p50 ${ms(percentile(bare, 50))}, p95 ${ms(percentile(bare, 95))}   (the floor)`);

  const download = page.waitForEvent("download");
  await settings.exportBackup();
  await download;
  const exports = await page.evaluate(() => performance.getEntriesByName("fieldbook:export").map((entry) => entry.duration));
  console.log(`full export of ${RECORDS} records      ${ms(exports.at(-1))}`);
} finally {
  await context.close();
  await server.stop();
}

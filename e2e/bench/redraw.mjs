// Redraw figures with 5,000 realistic records on the phone: how long the record list, open in
// one tab under 4x CPU throttling, works to catch up with a save made in another tab, from the
// `storage` event to the end of everything it set off. A venue saved (nothing the list shows)
// and an action marked done (one record in the list). A measurement to read, not a pass/fail
// test. Build first (`trunk build`, `cargo build -p fieldbook-server`), then:
//   node e2e/bench/redraw.mjs
import { execFileSync } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { startServer, tempDir } from "../support/server.mjs";
import { phoneContext } from "../support/browser.mjs";
import { SettingsPage } from "../pages/settings.mjs";

const RECORDS = 5000;
const SAVES = 10;

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
// Registered before the app's own listener, so it starts the clock first; a message posted
// then arrives only after that task and every microtask it queued (Leptos runs its effects in
// microtasks), and, unlike a timer, is not held back in a tab behind another.
await context.addInitScript(() => {
  window.__redraws = [];
  window.addEventListener("storage", () => {
    const started = performance.now();
    const channel = new MessageChannel();
    channel.port1.onmessage = () => window.__redraws.push(performance.now() - started);
    channel.port2.postMessage(null);
  });
});
const redraws = async (page, saves) => {
  await page.waitForFunction((n) => window.__redraws.length >= n, saves);
  return page.evaluate(() => window.__redraws.splice(0));
};
try {
  const list = await context.newPage();
  const settings = new SettingsPage(list, server.url);
  await settings.open();
  await settings.importBackup(backup);
  await list.goto(`${server.url}/record`);
  await list.waitForSelector(`[data-records-count="${RECORDS}"]`);
  const hrefs = (await list.locator(".record-row a").evaluateAll((links) => links.map((a) => a.getAttribute("href")))).slice(0, SAVES);
  const cdp = await context.newCDPSession(list);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
  await list.evaluate(() => (window.__redraws = []));

  const other = await context.newPage();
  const otherSettings = new SettingsPage(other, server.url);
  await otherSettings.open();
  for (let n = 0; n < SAVES; n++) await otherSettings.addVenue(`Bench hall ${n}`, "Brinnington");
  const venues = await redraws(list, SAVES);
  console.log(`list after a venue saved elsewhere   median ${ms(median(venues))}, worst ${ms(Math.max(...venues))}   (${venues.length} events)`);

  for (const href of hrefs) {
    await other.goto(`${server.url}${href}`);
    await other.getByRole("button", { name: "Mark done" }).first().click();
    await other.getByLabel("What came of it").fill("Fixed");
    await other.getByRole("button", { name: "Save as done" }).click();
    await other.locator("form.mark-done").waitFor({ state: "detached" });
  }
  const marked = await redraws(list, hrefs.length);
  console.log(`list after an action marked done     median ${ms(median(marked))}, worst ${ms(Math.max(...marked))}   (${marked.length} events)`);
} finally {
  await context.close();
  await server.stop();
}

// Reports on the server, seen from the coordinator's phone: online and signed in, the dashboard
// shows the server's figures over every team record and says so; offline, the phone's own,
// saying that instead. Both are checked against counts made here from the records themselves.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { addAccounts, startServer, tempDir } from "./support/server.mjs";
import { phoneContext, screenshot } from "./support/browser.mjs";
import { assertNoAxeViolations } from "./support/axe.mjs";
import { SettingsPage } from "./pages/settings.mjs";
import { SyncPage } from "./pages/sync.mjs";
import { CoordinatePage, parseCsv } from "./pages/coordinate.mjs";

const RECORDS = 600;
// The sample's records run for two years up to 31 October 2026; on this day none is in the
// future. Both phones' clocks are set to it, so the test passes whatever day it runs.
const TODAY = new Date("2026-11-25T10:00:00Z");
// The financial half-year before TODAY's, and its months.
const LAST_HALF = { from: "2026-04-01", to: "2026-09-30" };

let server;
let folder;
/// The engagements sam's phone sends, as { date, area, people }.
let engagements;

before(async () => {
  folder = await tempDir("reports");
  const db = join(folder, "fieldbook.sqlite");
  await addAccounts(db, [
    ["sam", "outreach", "Brinnington"],
    ["cath", "coordinator", "Brinnington"],
  ]);
  server = await startServer({ db });
});

after(async () => {
  await server?.stop();
});

/// A phone at TODAY, signed in as `user`, with its first sync done.
async function phone(user) {
  const context = await phoneContext();
  await context.clock.install({ time: TODAY });
  const page = await context.newPage();
  const sync = new SyncPage(page, server.url);
  await sync.signIn(user);
  return { context, page, sync };
}

const thousands = (n) => n.toLocaleString("en-GB");

function inHalf(area) {
  return engagements.filter((e) => e.date >= LAST_HALF.from && e.date <= LAST_HALF.to && (!area || e.area === area));
}

test("online, the dashboard shows the server's figures over every team record and says so", async () => {
  const sam = await phone("sam");
  try {
    const backup = JSON.parse(
      execFileSync("cargo", ["run", "-q", "-p", "fieldbook-core", "--example", "sample_backup", "--", `${RECORDS}`, "sam"], {
        maxBuffer: 1 << 28,
      }),
    );
    engagements = backup.documents.map((doc) => ({ date: doc.f.dt, area: doc.f.ar, people: doc.f.r.t }));
    const file = join(folder, "sam.fieldbook.json");
    await writeFile(file, JSON.stringify(backup));
    const settings = new SettingsPage(sam.page, server.url);
    await settings.open();
    await settings.importBackup(file);
    await sam.sync.syncUntilDone();
  } finally {
    await sam.context.close();
  }

  const cath = await phone("cath");
  try {
    const coordinate = new CoordinatePage(cath.page, server.url);
    await coordinate.openDashboard();
    await coordinate.choose("Last half-year", "");
    const source = cath.page.locator(".report-source");
    await source.filter({ hasText: `From the server, all ${RECORDS} records.` }).waitFor();
    const all = inHalf();
    const people = all.reduce((sum, e) => sum + e.people, 0);
    assert.equal(await coordinate.lead("Coverage"), `${all.length} engagements with ${thousands(people)} participants.`);
    const areas = [...new Set(all.map((e) => e.area))].sort();
    const byArea = await coordinate.table("by-area");
    assert.deepEqual(
      byArea.slice(1),
      areas.map((area) => {
        const here = inHalf(area);
        return [area, `${here.length}`, thousands(here.reduce((s, e) => s + e.people, 0))];
      }),
    );
    await screenshot(cath.page, "reports-dashboard-from-server");
    await assertNoAxeViolations(cath.page, "the dashboard from the server");

    // The files come from the server too, named as the phone names them.
    const records = await coordinate.download("Engagement records");
    assert.equal(records.name, `fieldbook-engagements-${LAST_HALF.from}-to-${LAST_HALF.to}.csv`);
    assert.ok(records.text.startsWith("\uFEFF"), "a byte order mark for spreadsheets");
    assert.equal(parseCsv(records.text.slice(1)).length, all.length + 1);

    // One area, chosen from those the server named.
    const area = areas[0];
    await coordinate.choose("Last half-year", area);
    await source.filter({ hasText: `From the server, all ${RECORDS} records.` }).waitFor();
    const here = inHalf(area);
    await cath.page
      .getByText(`${here.length} engagements with ${thousands(here.reduce((s, e) => s + e.people, 0))} participants.`)
      .waitFor();

    // Offline, the phone's records, and the page says so: the team's of the last 12 months.
    await cath.context.setOffline(true);
    await source
      .filter({ hasText: /^From this phone, offline: [\d,]+ records? \(the team's since 25 November 2025\)\.$/ })
      .waitFor();
    await source.scrollIntoViewIfNeeded();
    await screenshot(cath.page, "reports-dashboard-offline");
    await cath.context.setOffline(false);
    await source.filter({ hasText: `From the server, all ${RECORDS} records.` }).waitFor();

    // Settings: how many months of the team's records this phone holds.
    await cath.page.goto(`${server.url}/settings`);
    const months = cath.page.getByLabel("Team records on this phone");
    assert.equal(await months.inputValue(), "12");
    await months.selectOption("6");
    await cath.page.getByRole("region", { name: "Team records" }).getByRole("button", { name: "Save" }).click();
    await cath.page.getByRole("region", { name: "Team records" }).getByText("Saved").waitFor();
    await months.scrollIntoViewIfNeeded();
    await screenshot(cath.page, "reports-settings-team-window");
    await assertNoAxeViolations(cath.page, "settings with the team window");
    await coordinate.openDashboard();
    await cath.context.setOffline(true);
    await source.filter({ hasText: /\(the team's since 25 May 2026\)\.$/ }).waitFor();
    await cath.context.setOffline(false);
    await coordinate.choose("Last half-year", area);

    await coordinate.openReport();
    await cath.page.locator(".report-source").filter({ hasText: `From the server, all ${RECORDS} records.` }).waitFor();
    await cath.page.setViewportSize({ width: 360, height: 780 });
    await screenshot(cath.page, "reports-half-year-from-server-360");
  } finally {
    await cath.context.close();
  }
});

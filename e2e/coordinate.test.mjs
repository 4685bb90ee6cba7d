// The coordinator's dashboard at a phone's viewport against the real server: the team's records
// arrive as a backup file (as after sync), and the tables, the CSV downloads and the printed
// half-year report are checked against counts made here from the file itself. axe checks each
// screen, and screenshots at 390 and 360 px are saved for a person to look at.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { PDFParse } from "pdf-parse";
import { startServer, tempDir } from "./support/server.mjs";
import { phoneContext, screenshot, OUTPUT } from "./support/browser.mjs";
import { assertNoAxeViolations } from "./support/axe.mjs";
import { SettingsPage } from "./pages/settings.mjs";
import { TrainingPage } from "./pages/training.mjs";
import { CoordinatePage, parseCsv } from "./pages/coordinate.mjs";

const RECORDS = 120;
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
// The day the phone thinks it is. The sample's records run for two years up to 31 October 2026,
// with feedback up to three weeks later, so on this day none is in the future and the last
// half-year (April to September 2026) is full. The browser's clock is set to it, so the test
// passes whatever day it runs.
const TODAY = new Date("2026-11-25T10:00:00Z");

let server;
let context;
let page;
let coordinate;
/// The engagements in the backup, as { date, area, people }.
let engagements;

/// The financial half-year before the one under way, worked out here rather than by the app.
function lastHalfYear(today = TODAY) {
  const year = today.getUTCFullYear();
  const month = today.getUTCMonth() + 1;
  const thisHalf = month >= 4 && month <= 9 ? [year, 4] : month >= 10 ? [year, 10] : [year - 1, 10];
  const [y, m] = thisHalf[1] === 4 ? [thisHalf[0] - 1, 10] : [thisHalf[0], 4];
  const from = `${y}-${String(m).padStart(2, "0")}-01`;
  const to = m === 4 ? `${y}-09-30` : `${y + 1}-03-31`;
  const months = Array.from({ length: 6 }, (_, i) => {
    const index = m - 1 + i;
    return { key: `${y + Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`, label: `${MONTHS[index % 12]} ${y + Math.floor(index / 12)}` };
  });
  return { from, to, months };
}

function inPeriod(period, area) {
  return engagements.filter((e) => e.date >= period.from && e.date <= period.to && (!area || e.area === area));
}

const thousands = (n) => n.toLocaleString("en-GB");

before(async () => {
  const folder = await tempDir("coordinate");
  const backup = JSON.parse(
    execFileSync("cargo", ["run", "-q", "-p", "fieldbook-core", "--example", "sample_backup", "--", `${RECORDS}`], {
      maxBuffer: 1 << 28,
    }),
  );
  engagements = backup.documents.map((doc) => ({ date: doc.f.dt, area: doc.f.ar, people: doc.f.r.t }));
  const file = join(folder, "team.fieldbook.json");
  await writeFile(file, JSON.stringify(backup));

  server = await startServer({ db: join(folder, "fieldbook.sqlite") });
  context = await phoneContext();
  // Fake timers that start at TODAY and then run at the normal pace.
  await context.clock.install({ time: TODAY });
  page = await context.newPage();
  coordinate = new CoordinatePage(page, server.url);
  const settings = new SettingsPage(page, server.url);
  await settings.openEmpty();
  await settings.importBackup(file);
  assert.match(await settings.importSummary(), new RegExp(`${RECORDS}`));

  // One learner under way, so the training section has a row to check.
  const training = new TrainingPage(page, server.url);
  await training.name("Ali Khan");
  await training.openOverview();
  await training.openCompetency("07", "Get to know a community");
  await training.move("Start learning", "Learning");
});

after(async () => {
  await context?.close();
  await server?.stop();
});

test("the dashboard's tables match the records for the period and area chosen", async () => {
  await coordinate.openHub();
  await assertNoAxeViolations(page, "the Coordinate hub");
  await coordinate.openDashboard();
  await assertNoAxeViolations(page, "the dashboard for this half-year");
  const period = lastHalfYear();

  await coordinate.choose("Last half-year", "");
  const all = inPeriod(period);
  assert.ok(all.length > 10, `the sample puts records in the last half-year, not ${all.length}`);
  const people = all.reduce((sum, e) => sum + e.people, 0);
  assert.equal(await coordinate.lead("Coverage"), `${all.length} engagements with ${thousands(people)} participants.`);
  const areas = [...new Set(all.map((e) => e.area))].sort();
  const byArea = await coordinate.table("by-area");
  assert.deepEqual(byArea[0], ["Area", "Engagements", "Participants"]);
  assert.deepEqual(
    byArea.slice(1),
    areas.map((area) => {
      const here = all.filter((e) => e.area === area);
      return [area, `${here.length}`, thousands(here.reduce((s, e) => s + e.people, 0))];
    }),
  );
  await screenshot(page, "coordinate-dashboard");

  // The area with most records, so the month table has something in it.
  const area = areas.sort((a, b) => inPeriod(period, b).length - inPeriod(period, a).length)[0];
  const some = inPeriod(period, area);
  const included = all.filter((e) => e.area === area);
  assert.equal(included.length, some.length);
  await coordinate.choose("Last half-year", area);
  const months = await coordinate.table("by-month");
  assert.deepEqual(months[0], ["Month", "Engagements", "Participants"]);
  assert.deepEqual(
    months.slice(1),
    period.months.map(({ key, label }) => {
      const here = some.filter((e) => e.date.startsWith(key));
      return [label, `${here.length}`, thousands(here.reduce((s, e) => s + e.people, 0))];
    }),
  );
  const methods = await coordinate.table("by-method");
  assert.equal(methods.slice(1).reduce((sum, row) => sum + Number(row[1]), 0), some.length);
  assert.equal(await page.locator("figure#by-area").count(), 0, "one area needs no breakdown by area");
  const chart = page.locator("figure#by-month svg[role=img]").first();
  assert.match(await chart.getAttribute("aria-label"), /^Bar chart, engagements by month: /);
  assert.equal(await chart.locator("rect.bar").count(), 6);

  const learners = await coordinate.table("learners");
  assert.deepEqual(learners.slice(1), [["Ali Khan", "21", "0", "1"]]);
  await assertNoAxeViolations(page, "the dashboard for one area");

  // Nothing in that area before the sample starts: the picker keeps the area, the page says so.
  await page.goto(`${server.url}/coordinate/dashboard?period=last_half&area=Nowhere`);
  await coordinate.section("Coverage").getByText("No engagements in this period in Nowhere.").waitFor();
});

test("the dashboard fits a 360 px phone without sideways scrolling", async () => {
  await coordinate.openDashboard();
  await coordinate.choose("Last 12 months", "");
  for (const width of [390, 360]) {
    await page.setViewportSize({ width, height: 844 });
    // Whatever reaches past the right edge, named so a failure says where to look.
    const wide = await page.evaluate(() =>
      [...document.querySelectorAll("main *")]
        .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
        .map((e) => `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ""}.${e.className?.baseVal ?? e.className}`)
        .slice(0, 5),
    );
    assert.deepEqual(wide, [], `the page scrolls sideways at ${width} px`);
    const charts = await page.locator("svg.bar-chart").evaluateAll((svgs) =>
      svgs.map((svg) => svg.getBoundingClientRect().right <= document.documentElement.clientWidth),
    );
    assert.ok(charts.length > 0 && charts.every(Boolean), `a chart is wider than ${width} px`);
    await page.locator("figure#by-month").scrollIntoViewIfNeeded();
    await screenshot(page, `coordinate-dashboard-months-${width}`);
    await page.locator("figure#by-method").scrollIntoViewIfNeeded();
    await screenshot(page, `coordinate-dashboard-methods-${width}`);
  }
  for (const figure of ["by-theme", "seldom-heard", "loop-steps", "key-areas"]) {
    await page.locator(`figure#${figure}`).evaluate((e) => e.scrollIntoView());
    await screenshot(page, `coordinate-dashboard-${figure}-360`);
  }
  // Bars and their labels follow the dark theme too.
  await page.emulateMedia({ colorScheme: "dark" });
  await page.locator("figure#by-month").evaluate((e) => e.scrollIntoView());
  await screenshot(page, "coordinate-dashboard-dark-360");
  await assertNoAxeViolations(page, "the dashboard in dark mode");
  await page.emulateMedia({ colorScheme: null });
  await page.setViewportSize({ width: 390, height: 844 });
});

test("the CSV downloads hold the records and reports chosen", async () => {
  const period = lastHalfYear();
  await coordinate.openDashboard();
  await coordinate.choose("Last half-year", "");
  const all = inPeriod(period);

  const records = await coordinate.download("Engagement records");
  assert.equal(records.name, `fieldbook-engagements-${period.from}-to-${period.to}.csv`);
  assert.ok(records.text.startsWith("\uFEFF"), "a byte order mark for spreadsheets");
  const rows = parseCsv(records.text.slice(1));
  assert.deepEqual(rows[0].slice(0, 6), ["Id", "Date", "Start time", "Duration (minutes)", "Venue", "Area"]);
  assert.equal(rows.length, all.length + 1, "a header and a row per record in the period");
  assert.ok(rows.slice(1).every((row) => row[1] >= period.from && row[1] <= period.to));

  const coverage = parseCsv((await coordinate.download("Coverage")).text.slice(1));
  assert.deepEqual(coverage[0], ["Breakdown", "Code", "Label", "Engagements", "Participants"]);
  assert.deepEqual(coverage[1].slice(0, 4), ["All", "", "All engagements", `${all.length}`]);
  assert.equal(coverage.filter((row) => row[0] === "Month").length, 6);

  const loop = parseCsv((await coordinate.download("You said, we did")).text.slice(1));
  assert.deepEqual(loop[1], ["Priorities raised", `${all.length * 3}`]);

  const learners = await coordinate.download("Training by learner");
  assert.match(learners.name, /^fieldbook-training-learners-\d{4}-\d{2}-\d{2}\.csv$/);
  assert.equal(parseCsv(learners.text.slice(1)).length, 2);
});

test("the half-year report prints to A4 with the chosen period's figures", async () => {
  const period = lastHalfYear();
  await coordinate.openDashboard();
  await coordinate.choose("Last half-year", "");
  await coordinate.openReport();
  await assertNoAxeViolations(page, "the half-year report");
  await screenshot(page, "coordinate-report");
  await page.emulateMedia({ media: "print" });
  await screenshot(page, "coordinate-report-print");
  await page.emulateMedia({ media: null });
  const pdf = await page.pdf({ format: "A4", printBackground: true });
  await writeFile(new URL("coordinate-report.pdf", OUTPUT), pdf);
  const parser = new PDFParse({ data: new Uint8Array(pdf) });
  const { text, total } = await parser.getText();
  await parser.destroy();
  const flat = text.replace(/\s+/g, " ");
  const all = inPeriod(period);
  const words = (iso) => {
    const [y, m, d] = iso.split("-").map(Number);
    return `${d} ${MONTHS[m - 1]} ${y}`;
  };
  for (const expected of [
    "Half-year report",
    `${words(period.from)} to ${words(period.to)}`,
    "Every area",
    `${all.length} engagements with ${thousands(all.reduce((s, e) => s + e.people, 0))} participants.`,
    "Engagements by method",
    "Reach of the seldom heard",
    "You said, we did",
    "Signed off, per learner",
  ]) {
    assert.ok(flat.includes(expected), `the PDF says "${expected}"`);
  }
  for (const absent of ["Print or save as PDF", "Back to the dashboard", "Skip to content"]) {
    assert.ok(!flat.includes(absent), `the PDF leaves out "${absent}"`);
  }
  assert.ok(total >= 2, `a report of this many figures runs to several pages, not ${total}`);
});

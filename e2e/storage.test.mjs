// Storage in the browser, seen through Settings: two pages sharing one localStorage, damaged
// entries, the iOS hint, accessibility and screenshots. Chromium at a phone's viewport, served
// by the real server.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { startServer, tempDir } from "./support/server.mjs";
import { phoneContext, screenshot } from "./support/browser.mjs";
import { assertNoAxeViolations } from "./support/axe.mjs";
import { SettingsPage } from "./pages/settings.mjs";

let server;
let context;

before(async () => {
  server = await startServer({ db: join(await tempDir("db"), "fieldbook.sqlite") });
  context = await phoneContext();
});

after(async () => {
  await context?.close();
  await server?.stop();
});

test("two pages in one browser see each other's venues, and edits to one venue merge", async () => {
  const [pageA, pageB] = [await context.newPage(), await context.newPage()];
  const a = new SettingsPage(pageA, server.url);
  const b = new SettingsPage(pageB, server.url);
  await a.openEmpty();
  await b.open();

  await a.switchTo();
  await a.addVenue("Hall A", "Brinnington");
  await b.switchTo();
  await b.addVenue("Hall B", "Reddish");
  // Each page hears of the other's venue through the storage event, without a reload.
  await a.waitForVenues(["Hall A", "Hall B"]);
  await b.waitForVenues(["Hall A", "Hall B"]);

  // Both open the same venue; A renames it, then B, which has not reloaded, changes its area.
  await a.switchTo();
  const editA = await a.edit("Hall A");
  await b.switchTo();
  const editB = await b.edit("Hall A");
  await a.switchTo();
  await editA.fill({ name: "Hall A (main hall)" });
  await editA.save();
  await b.switchTo();
  // B's form still holds the venue as B opened it: only the area it changes is saved.
  assert.equal(await editB.name(), "Hall A");
  await editB.fill({ area: "Heaton Norris" });
  await editB.save();

  const expected = { name: "Hall A (main hall)", area: "Heaton Norris" };
  for (const settings of [a, b]) {
    await settings.waitForVenues(["Hall A (main hall)", "Hall B"]);
    assert.deepEqual(await settings.venue("Hall A (main hall)"), expected);
  }
  await pageA.reload();
  await a.waitForVenues(["Hall A (main hall)", "Hall B"]);
  assert.deepEqual(await a.venue("Hall A (main hall)"), expected);
  assert.deepEqual(await a.venue("Hall B"), { name: "Hall B", area: "Reddish" });
  await pageA.close();
  await pageB.close();
});

test("an exported backup, imported into an empty phone, brings every venue back", async () => {
  const page = await context.newPage();
  const settings = new SettingsPage(page, server.url);
  await settings.openEmpty();
  await settings.addVenue("Adswood Library", "Adswood");
  await settings.addVenue("Reddish Vale Scout Hut");
  const [download] = await Promise.all([page.waitForEvent("download"), settings.exportBackup()]);
  const file = join(await tempDir("backup"), download.suggestedFilename());
  await download.saveAs(file);
  assert.match(download.suggestedFilename(), /^fieldbook-backup-\d{4}-\d{2}-\d{2}\.json$/);

  await settings.clearStorage();
  await settings.open();
  await settings.importBackup(file);
  assert.equal(await settings.importSummary(), "Added 2, updated 0, unchanged 0, rejected 0.");
  await settings.waitForVenues(["Adswood Library", "Reddish Vale Scout Hut"]);
  await page.close();
});

test("a removed venue comes back with Undo", async () => {
  const page = await context.newPage();
  const settings = new SettingsPage(page, server.url);
  await settings.openEmpty();
  await settings.addVenue("Adswood Library", "Adswood");
  await settings.row("Adswood Library").getByRole("button", { name: "Remove Adswood Library" }).click();
  await settings.waitForVenues([]);
  const undo = settings.venues().getByRole("button", { name: "Undo" });
  assert.ok(await undo.evaluate((button) => button === document.activeElement), "focus moves to Undo");
  await undo.click();
  await settings.waitForVenues(["Adswood Library"]);
  await page.reload();
  await settings.waitForVenues(["Adswood Library"]);
  await page.close();
});

test("a link to Make room opens settings at that section", async () => {
  const page = await context.newPage();
  await page.goto(`${server.url}/settings#make-room-title`);
  await page.waitForFunction(() => document.activeElement?.id === "make-room-title");
  // In sight: below the sticky header and above the bottom navigation.
  const { top, bottom, below, above } = await page.evaluate(() => ({
    ...document.getElementById("make-room-title").getBoundingClientRect().toJSON(),
    below: document.querySelector(".app-header").getBoundingClientRect().bottom,
    above: document.querySelector(".bottom-nav").getBoundingClientRect().top,
  }));
  assert.ok(top >= below && bottom <= above, `the heading is hidden: ${top}-${bottom}px, in sight ${below}-${above}px`);
  await page.close();
});

test("a damaged entry is listed, can be exported, and is discarded only after confirming", async () => {
  const page = await context.newPage();
  const settings = new SettingsPage(page, server.url);
  await settings.openEmpty();
  const key = "fb1/doc/venue/AAAAAAAAAAAAAAAAAAAAAA";
  const raw = '{"k":"venue","v":1,"d":[';
  await page.evaluate(([key, raw]) => localStorage.setItem(key, raw), [key, raw]);
  await settings.open();

  const entry = settings.damagedEntry(key);
  await entry.waitFor();
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    entry.getByRole("button", { name: `Export ${key}` }).click(),
  ]);
  assert.equal(download.suggestedFilename(), "fieldbook-damaged-fb1-doc-venue-AAAAAAAAAAAAAAAAAAAAAA.json");
  const exported = JSON.parse(await readFile(await download.path(), "utf8"));
  assert.equal(exported.key, key);
  assert.equal(exported.raw, raw);

  // Discard asks first; "Keep it" changes nothing.
  await entry.getByRole("button", { name: `Discard ${key}` }).click();
  await entry.getByText("Discard this entry for good?").waitFor();
  await entry.getByRole("button", { name: "Keep it" }).click();
  assert.equal(await entry.getByText("Discard this entry for good?").count(), 0);
  assert.notEqual(await page.evaluate((key) => localStorage.getItem(`fb1/quarantine/${key}`), key), null);

  await entry.getByRole("button", { name: `Discard ${key}` }).click();
  await entry.getByRole("button", { name: "Discard for good" }).click();
  await settings.damaged().getByText("None: everything stored on this phone could be read.").waitFor();
  assert.equal(await page.evaluate((key) => localStorage.getItem(`fb1/quarantine/${key}`), key), null);
  await page.close();
});

test("Safari on an iPhone, outside the Home Screen, is told how to keep its data", async () => {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Emulation.setUserAgentOverride", {
    userAgent:
      "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 " +
      "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
  });
  const settings = new SettingsPage(page, server.url);
  await settings.open();
  const hint = page.locator(".banner").filter({ hasText: "add Fieldbook to your Home Screen" });
  await hint.waitFor();
  await screenshot(page, "storage-ios-hint-390x844");
  await hint.getByRole("button", { name: "Dismiss" }).click();
  assert.equal(await hint.count(), 0);
  await page.close();
});

test("settings is accessible and readable on a phone, in light and dark", async () => {
  const page = await context.newPage();
  const settings = new SettingsPage(page, server.url);
  await settings.openEmpty();
  await settings.addVenue("St Mary's Church Hall", "Brinnington");
  await settings.addVenue("Reddish Vale Scout Hut");
  await page.evaluate(() => localStorage.setItem("fb1/doc/engagement/BBBBBBBBBBBBBBBBBBBBBB", "not json"));
  await settings.open();
  await settings.damaged().getByRole("listitem").waitFor();

  // An error beside its field, so axe and the screenshots see that state too.
  await settings.addForm().getByRole("button", { name: "Add venue" }).click();
  await settings.addForm().getByText("The venue's name is required.").waitFor();
  await assertNoAxeViolations(page, "/settings");

  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, "settings-390x844");
  await settings.addForm().scrollIntoViewIfNeeded();
  await screenshot(page, "settings-venue-error-390x844");
  await settings.venues().getByRole("list").scrollIntoViewIfNeeded();
  await screenshot(page, "settings-venues-390x844");
  await settings.makeRoom().scrollIntoViewIfNeeded();
  await screenshot(page, "settings-make-room-390x844");
  await settings.damaged().scrollIntoViewIfNeeded();
  await screenshot(page, "settings-damaged-390x844");

  await page.emulateMedia({ colorScheme: "dark" });
  await assertNoAxeViolations(page, "/settings in dark mode");
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, "settings-dark-390x844");
  await page.close();
});

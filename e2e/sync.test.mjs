// Sync in the app, against the real server in a real browser: phones record offline and sync
// when back online, the coordinator sees and reviews the team's records, edits on two phones
// merge field by field, faults lose and duplicate nothing, and signing out guards unsynced work.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { addAccounts, startServer, tempDir } from "./support/server.mjs";
import { phoneContext, screenshot } from "./support/browser.mjs";
import { assertNoAxeViolations } from "./support/axe.mjs";
import { RecordPage } from "./pages/record.mjs";
import { SettingsPage } from "./pages/settings.mjs";
import { SyncPage } from "./pages/sync.mjs";
import { CoordinatePage } from "./pages/coordinate.mjs";

let server;
let folder;

before(async () => {
  folder = await tempDir("sync");
  const db = join(folder, "fieldbook.sqlite");
  await addAccounts(db, [
    ["sam", "outreach", "Brinnington"],
    ["sal", "outreach", "Brinnington"],
    ["ria", "outreach", "Brinnington"],
    ["rob", "outreach", "Brinnington"],
    ["cath", "coordinator", "Brinnington"],
  ]);
  server = await startServer({ db });
});

after(async () => {
  await server?.stop();
});

/// A phone signed in as `user`, with its first sync done.
async function phone(user) {
  const context = await phoneContext();
  const page = await context.newPage();
  const sync = new SyncPage(page, server.url);
  await sync.signIn(user);
  return { context, page, sync, record: new RecordPage(page, server.url) };
}

test("two phones record offline and sync when back online; the coordinator sees every record", async () => {
  const a = await phone("sam");
  const b = await phone("sal");
  try {
    for (const device of [a, b]) await device.context.setOffline(true);
    await a.record.recordEngagement({ venue: "Brinnington Library", total: 12 });
    await a.record.recordEngagement({ venue: "Lapwing Centre", total: 7 });
    await b.record.recordEngagement({ venue: "St Bede's Hall", total: 20 });
    await a.sync.bar().filter({ hasText: "records waiting to sync" }).waitFor();
    await screenshot(a.page, "sync-offline-waiting-390x844");
    for (const device of [a, b]) {
      await device.context.setOffline(false);
      await device.sync.waitSynced();
    }
    const cath = await phone("cath");
    try {
      await cath.page.goto(`${server.url}/coordinate/records`);
      await cath.page.getByRole("heading", { name: "3 records, newest first" }).waitFor();
      const rows = await cath.page.locator(".record-list > li").allInnerTexts();
      assert.equal(rows.filter((row) => row.includes("By sam")).length, 2);
      assert.equal(rows.filter((row) => row.includes("By sal")).length, 1);
      assert.ok(rows.every((row) => row.includes("Not reviewed")));
      await screenshot(cath.page, "sync-team-records-390x844");
      await assertNoAxeViolations(cath.page, "team records");
      // The dashboard counts what arrived: 12 + 7 + 20 people at three engagements.
      const coordinate = new CoordinatePage(cath.page, server.url);
      await coordinate.openDashboard();
      assert.equal(await coordinate.lead("Coverage"), "3 engagements with 39 participants.");
      await cath.page.goto(`${server.url}/coordinate/records`);
      await cath.page.getByRole("heading", { name: "3 records, newest first" }).waitFor();

      // Has issues: the coordinator says so, and sam sees it after the next sync.
      await cath.page.getByRole("link", { name: /Lapwing Centre/ }).click();
      await cath.page.getByLabel("Has issues").check();
      await cath.page.getByRole("button", { name: "Save review" }).click();
      assert.equal(await cath.page.locator("#review-comment-error").innerText(), "Say what the issues are, so the author can put them right.");
      await cath.page.getByLabel("Comment for the author").fill("Seven people but no age bands; add them if you counted.");
      await cath.page.getByRole("button", { name: "Save review" }).click();
      await cath.page.getByText("Saved").waitFor();
      await assertNoAxeViolations(cath.page, "reviewing a record");
      await cath.sync.syncNow();
      await cath.sync.waitSynced();

      await a.sync.syncNow();
      await a.sync.waitSynced();
      await a.page.goto(`${server.url}/record`);
      await a.record.openRecord("Lapwing Centre");
      await a.page.getByText("Has issues: reviewed by cath").waitFor();
      await a.page.getByText("Seven people but no age bands; add them if you counted.").waitFor();
      await screenshot(a.page, "sync-review-seen-by-author-390x844");
    } finally {
      await cath.context.close();
    }
  } finally {
    await a.context.close();
    await b.context.close();
  }
});

test("one record edited on two phones while offline merges field by field", async () => {
  const first = await phone("ria");
  const second = await phone("ria");
  try {
    await first.record.recordEngagement({ venue: "Reddish Baths", total: 5, notes: "Before" });
    await first.sync.syncNow();
    await first.sync.waitSynced();
    await second.sync.syncNow();
    await second.sync.waitSynced();
    await second.page.goto(`${server.url}/record`);
    await second.record.row("Reddish Baths").waitFor();

    for (const device of [first, second]) await device.context.setOffline(true);
    // One phone changes the notes, the other the head count.
    await first.record.openRecord("Reddish Baths");
    await first.page.getByRole("link", { name: "Change" }).click();
    const notes = await first.record.openSection("Notes");
    await notes.getByLabel("Notes").fill("After, from the first phone");
    await first.record.save();
    await first.page.getByText("Saved").waitFor();
    await second.record.openRecord("Reddish Baths");
    await second.page.getByRole("link", { name: "Change" }).click();
    await second.record.field("Total participants").fill("9");
    await second.record.save();
    await second.page.getByText("Saved").waitFor();

    for (const device of [first, second, first]) {
      await device.context.setOffline(false);
      await device.sync.syncNow();
      await device.sync.waitSynced();
    }
    for (const device of [first, second]) {
      await device.page.goto(`${server.url}/record`);
      await device.record.openRecord("Reddish Baths");
      const text = await device.page.locator("main").innerText();
      assert.match(text, /After, from the first phone/);
      assert.match(text, /Participants\s+9/);
    }
  } finally {
    await first.context.close();
    await second.context.close();
  }
});

/// How many team records the coordinator's phone holds, as its page says.
async function teamCount(page) {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Coordinate" }).click();
  await page.getByRole("link", { name: "Team records" }).click();
  const heading = page.getByRole("heading", { level: 2 }).filter({ hasText: /record/ });
  await heading.waitFor();
  const text = await heading.innerText();
  return text.startsWith("No") ? 0 : Number(text.match(/\d+/)[0]);
}

test("500 records from 3 phones converge through aborted, delayed and doubled requests", async () => {
  const devices = [];
  const counts = [167, 167, 166];
  const cath = await phone("cath");
  const before = await teamCount(cath.page);
  try {
    for (const [index, user] of ["sam", "sal", "ria"].entries()) {
      const device = await phone(user);
      // Faults on the sync calls only: sign-in worked before the Wi-Fi went bad.
      await device.context.route(/\/api\/v1\/sync\//, async (route) => {
        const roll = Math.random();
        if (roll < 0.15) return route.abort("connectionreset");
        if (roll < 0.25) await new Promise((resolve) => setTimeout(resolve, 1_500));
        if (roll < 0.35) {
          // Sent twice: the server sees both; the page gets the second answer.
          await route.fetch().catch(() => {});
        }
        return route.continue().catch(() => {});
      });
      const backup = join(folder, `${user}.json`);
      const first = 10_000 + index * 1_000;
      await writeFile(
        backup,
        execFileSync("cargo", ["run", "-q", "--release", "-p", "fieldbook-core", "--example", "sample_backup", "--", `${counts[index]}`, user, `${first}`], { maxBuffer: 1 << 28 }),
      );
      const settings = new SettingsPage(device.page, server.url);
      await settings.open();
      await settings.importBackup(backup);
      devices.push(device);
    }
    for (const device of devices) await device.sync.syncUntilDone();
    // A second round: anything one phone missed of its own answers.
    for (const device of devices) await device.sync.syncUntilDone();
    for (const device of devices) {
      assert.match(await device.sync.bar().innerText(), /Nothing waiting to sync/);
    }

    await cath.sync.syncNow();
    await cath.sync.waitSynced();
    const after = await teamCount(cath.page);
    assert.equal(after - before, 500, "every record arrived, once");
  } finally {
    for (const device of devices) await device.context.close();
    await cath.context.close();
  }
});

test("signing out with unsynced records warns, offers a backup, and only then deletes", async () => {
  const sam = await phone("sam");
  try {
    await sam.context.setOffline(true);
    await sam.record.recordEngagement({ venue: "Unsynced Hall", total: 3 });
    await sam.page.getByRole("link", { name: "Settings" }).click();
    await sam.page.getByRole("heading", { level: 1, name: "Settings" }).waitFor();
    await sam.page.getByRole("button", { name: "Sign out" }).click();
    // The engagement, and the venue it remembered.
    await sam.page.getByText("2 records have not reached the server.").waitFor();
    await screenshot(sam.page, "sync-sign-out-warning-390x844");
    await assertNoAxeViolations(sam.page, "the sign-out warning");
    const download = sam.page.waitForEvent("download");
    await sam.page.getByRole("button", { name: "Export a backup first" }).click();
    const file = await download;
    assert.match(file.suggestedFilename(), /^fieldbook-backup-.*\.json$/);
    assert.ok(await sam.page.evaluate(() => Object.keys(localStorage).some((key) => key.startsWith("fb1/doc/"))), "nothing deleted yet");
    await sam.page.getByRole("button", { name: "Sign out and delete them" }).click();
    await sam.page.getByRole("heading", { level: 1, name: "Sign in" }).waitFor();
    const left = await sam.page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith("fb1/doc/") || key === "fb1/session"));
    assert.deepEqual(left, []);
  } finally {
    await sam.context.close();
  }
});

test("a framework the coordinator publishes reaches the team's phones at their next sync", async () => {
  const cath = await phone("cath");
  const sam = await phone("sam");
  try {
    const framework = {
      schema: 1,
      id: "brinnington-course",
      title: "Brinnington community course",
      version: "2026",
      source: "Brinnington's own course for activists",
      values: [],
      key_areas: [{ code: "1", title: "Getting started", competencies: [{ code: "A1", title: "Run a residents' meeting" }] }],
    };
    const published = await cath.page.evaluate(async (body) => {
      const { token } = JSON.parse(localStorage.getItem("fb1/session"));
      const response = await fetch("/api/v1/frameworks", {
        method: "POST",
        headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
        body: JSON.stringify(body),
      });
      return response.status;
    }, framework);
    assert.equal(published, 201);
    await sam.sync.syncNow();
    await sam.sync.waitSynced();
    await sam.page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Training" }).click();
    await sam.page.getByRole("link", { name: "Frameworks" }).click();
    await sam.page.getByText("Brinnington community course").first().waitFor();
  } finally {
    await cath.context.close();
    await sam.context.close();
  }
});

test("a lost phone is signed out from another device, and can no longer sync", async () => {
  // An account no other test signs in with, so its only sessions are these two phones'.
  const kept = await phone("rob");
  const lost = await phone("rob");
  try {
    await kept.page.goto(`${server.url}/settings`);
    const devices = kept.page.getByRole("region", { name: "Devices signed in" });
    await devices.locator("li.device").nth(1).waitFor();
    assert.equal(await devices.locator("li.device").count(), 2);
    // Headless Chromium on this machine calls itself Chrome on Linux.
    await devices.getByText("Chrome on Linux (this phone)").waitFor();
    await kept.page.setViewportSize({ width: 360, height: 740 });
    await devices.scrollIntoViewIfNeeded();
    await assertNoAxeViolations(kept.page, "the devices signed in");
    await screenshot(kept.page, "settings-devices-360");

    assert.equal(await devices.getByRole("button", { name: /^Sign out/ }).count(), 1, "not this phone");
    // Until a sign-out has happened, its status is not marked done (no tick on an empty line).
    assert.equal(await devices.getByRole("status").getAttribute("class"), "");
    await devices.getByRole("button", { name: /^Sign out Chrome on Linux, last used / }).click();
    await devices.getByRole("status").getByText("Chrome on Linux is signed out. It can no longer sync.").waitFor();
    assert.equal(await devices.getByRole("status").getAttribute("class"), "saved");
    await devices.locator("li.device").nth(1).waitFor({ state: "detached" });

    await lost.sync.syncNow();
    await lost.sync.bar().getByText("Sign in again to sync.").waitFor();
  } finally {
    await kept.context.close();
    await lost.context.close();
  }
});

// Record, offline from the start after the first load: Chromium at a phone's viewport, served by
// the real server, storing in the browser's real localStorage.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { startServer, tempDir } from "./support/server.mjs";
import { offlineAgain, phoneContext, screenshot } from "./support/browser.mjs";
import { assertNoAxeViolations } from "./support/axe.mjs";
import { Shell } from "./pages/shell.mjs";
import { RecordPage } from "./pages/record.mjs";
import { SettingsPage } from "./pages/settings.mjs";

let server;

before(async () => {
  server = await startServer({ db: join(await tempDir("db"), "fieldbook.sqlite") });
});

after(async () => {
  await server?.stop();
});

/// A phone that has loaded Fieldbook once, knows its user's name and one venue, and has then
/// lost its signal.
async function offlinePhone({ user = "sam", venue = ["Brinnington Library", "Brinnington"] } = {}) {
  const context = await phoneContext();
  const page = await context.newPage();
  const shell = new Shell(page, server.url);
  await shell.open("/record");
  await shell.waitForServiceWorker();
  if (user) {
    await page.evaluate((user) => localStorage.setItem("fb1/settings", JSON.stringify({ user })), user);
  }
  if (venue) {
    const settings = new SettingsPage(page, server.url);
    await settings.open();
    await settings.addVenue(...venue);
  }
  await context.setOffline(true);
  const record = new RecordPage(page, server.url);
  await record.open("/record");
  await offlineAgain(context);
  await shell.badge().filter({ hasText: "Offline" }).waitFor();
  return { context, page, record };
}

test("a minimal record takes 6 taps or fewer from the Record page, and shows in the list", async () => {
  const { context, page, record } = await offlinePhone();
  try {
    await record.tap(record.newButton());
    await record.heading().filter({ hasText: "New engagement" }).waitFor();
    assert.equal(await record.field("Venue").inputValue(), "Brinnington Library");
    await record.tap(record.chip("Method", "Drop-in or street stall"));
    await record.tap(record.chip("Strand", "Primary: building social capital"));
    await record.tap(record.chip("Level of participation", "Consult"));
    await record.tap(page.getByRole("button", { name: "Total participants: one more" }));
    await screenshot(page, "record-new-minimal-390x844");
    await record.tap(record.form().getByRole("button", { name: "Save", exact: true }));
    await record.heading().filter({ hasText: "Record" }).waitFor();
    assert.ok(record.taps <= 6, `a minimal record took ${record.taps} taps`);
    await record.row("Brinnington Library").waitFor();
    assert.equal(await record.rows().count(), 1);
    assert.match(await record.row("Brinnington Library").innerText(), /Drop-in or street stall · 1 person/);
    assert.match(await record.row("Brinnington Library").innerText(), /Only on this phone/);
    console.log(`minimal record: ${record.taps} taps`);
  } finally {
    await context.close();
  }
});

test("a full record with priorities, actions and feedback is all there after a reload", async () => {
  const { context, page, record } = await offlinePhone();
  try {
    await record.newButton().click();
    await record.field("Date").fill("2026-11-20");
    await record.field("Start time").fill("18:30");
    await record.field("Minutes (optional)").fill("90");
    await record.field("Venue").fill("Reddish Community Centre");
    await record.field("Area (optional)").fill("Reddish");
    await record.chip("Method", "Tenants' and residents' meeting").check();
    await record.chip("Strand", "Engagement: involvement in governance and service planning").check();
    await record.chip("Level of participation", "Involve").check();
    await record.chip("Themes", "Housing").check();
    await record.chip("Themes", "Crime and disorder").check();
    await record.field("Total participants").fill("24");

    const reach = await record.openSection("Who was reached");
    await reach.getByLabel("16 to 24").fill("5");
    await reach.getByLabel("Disabled people").fill("3");

    const priorities = await record.openSection("Priorities raised");
    await priorities.getByRole("button", { name: "Add a priority" }).click();
    await record.field("Priority 1").fill("Street lights out on Hall Lane");
    await priorities.getByLabel("Theme (optional)").first().selectOption({ label: "Crime and disorder" });
    await priorities.getByRole("button", { name: "Add a priority" }).click();
    await record.field("Priority 2").fill("Damp in the flats on Gorton Road");
    // An action on the first priority, started from the priority itself.
    await priorities.getByRole("button", { name: "Add an action" }).first().click();
    const actions = await record.openSection("Actions");
    await actions.getByLabel("What will be done").fill("Report the lights to highways");
    await actions.getByLabel("Lead (agency or person)").fill("Stockport Highways");
    await actions.getByLabel("Due (optional)").fill("2026-12-15");

    const feedback = await record.openSection("Feedback to the community");
    await feedback.getByRole("button", { name: "Add feedback" }).click();
    await feedback.getByLabel("What you told people").fill("Highways have the lights on their list");
    await feedback.getByLabel("How").selectOption({ label: "Noticeboard" });
    // Feedback starts linked to every priority; this one answers only the lights.
    await feedback.getByLabel("2. Damp in the flats on Gorton Road").uncheck();
    const notes = await record.openSection("Notes");
    await notes.getByLabel("Notes").fill("Good turnout; the chair wants a follow-up in January.");
    await screenshot(page, "record-new-full-390x844");
    await assertNoAxeViolations(page, "the new engagement form, every section open");
    await record.save();

    await record.row("Reddish Community Centre").waitFor();
    await screenshot(page, "record-list-390x844");
    await assertNoAxeViolations(page, "the list");

    // Offline, the reload comes from the service worker and the record from localStorage.
    await page.reload();
    await record.openRecord("Reddish Community Centre");
    const detail = await page.locator("main").innerText();
    for (const expected of [
      "Friday 20 November 2026, 18:30, 90 minutes",
      "Reddish",
      "Tenants' and residents' meeting",
      "Engagement: involvement in governance and service planning",
      "Involve",
      "Housing, Crime and disorder",
      "24",
      "16 to 24: 5",
      "Disabled people: 3",
      "Street lights out on Hall Lane (Crime and disorder)",
      "Report the lights to highways",
      "Lead: Stockport Highways. Due 15 Dec 2026.",
      "Highways have the lights on their list (Noticeboard,",
      "Damp in the flats on Gorton Road",
      "Not yet fed back.",
      "Good turnout; the chair wants a follow-up in January.",
      "sam",
    ]) {
      assert.ok(detail.includes(expected), `the record shows "${expected}":\n${detail}`);
    }
    await screenshot(page, "record-detail-390x844");
    await assertNoAxeViolations(page, "a record");

    // The action is done: mark it with its outcome.
    await page.getByRole("button", { name: "Mark done" }).click();
    await page.getByLabel("What came of it").fill("All six lights fixed on 2 December");
    await page.getByRole("button", { name: "Save as done" }).click();
    await page.getByText("Done. Lead: Stockport Highways. Due 15 Dec 2026. Outcome: All six lights fixed on 2 December").waitFor();
    await page.locator(".loop-actions [role=status]").getByText("Saved", { exact: true }).waitFor({ timeout: 5000 });

    // The loop: the damp, still waiting for an action, comes before the lights, fed back.
    await page.getByRole("link", { name: "All engagements" }).click();
    await page.getByRole("link", { name: "You said, we did" }).click();
    await record.heading().filter({ hasText: "You said, we did" }).waitFor();
    const items = await page.locator(".loop-list > li").allInnerTexts();
    assert.equal(items.length, 2);
    assert.match(items[0], /Waiting for an action\s+You said: Damp in the flats/);
    assert.match(items[1], /Fed back\s+You said: Street lights out on Hall Lane/);
    assert.match(items[1], /We did: Report the lights to highways \(Done, led by Stockport Highways\): All six lights fixed/);
    assert.match(items[1], /We told you: Highways have the lights on their list \(Noticeboard/);
    await screenshot(page, "record-loop-390x844");
    await assertNoAxeViolations(page, "you said, we did");

    // The venue typed new is remembered.
    await page.getByRole("link", { name: "All engagements" }).click();
    await record.newButton().click();
    assert.equal(await record.field("Venue").inputValue(), "Reddish Community Centre");
    const remembered = await page.locator("#venue-names option").evaluateAll((options) => options.map((o) => o.value));
    assert.deepEqual(remembered, ["Brinnington Library", "Reddish Community Centre"]);
  } finally {
    await context.close();
  }
});

test("closing the page mid-draft keeps the draft, and discarding it asks first", async () => {
  const { context, page, record } = await offlinePhone();
  try {
    await record.newButton().click();
    await record.field("Venue").fill("St Mary's Hall");
    await record.chip("Method", "Focus group").check();
    await record.field("Total participants").fill("7");
    const notes = await record.openSection("Notes");
    await notes.getByLabel("Notes").fill("Half-typed when the bus came");
    await page.close();

    const again = await context.newPage();
    const reopened = new RecordPage(again, server.url);
    await reopened.open("/record/new");
    await again.getByText("Your unsaved draft is back.").waitFor();
    assert.equal(await reopened.field("Venue").inputValue(), "St Mary's Hall");
    assert.equal(await reopened.field("Total participants").inputValue(), "7");
    assert.ok(await reopened.chip("Method", "Focus group").isChecked());
    const reopenedNotes = await reopened.openSection("Notes");
    assert.equal(await reopenedNotes.getByLabel("Notes").inputValue(), "Half-typed when the bus came");
    await screenshot(again, "record-draft-restored-390x844");

    // Discarding asks first; "Keep editing" keeps everything.
    await again.getByRole("button", { name: "Discard draft" }).click();
    await again.getByText("Discard this draft?").waitFor();
    await again.getByRole("button", { name: "Keep editing" }).click();
    assert.equal(await reopened.field("Venue").inputValue(), "St Mary's Hall");
    await again.getByRole("button", { name: "Discard draft" }).click();
    await again.getByRole("button", { name: "Discard", exact: true }).click();
    assert.equal(await reopened.field("Venue").inputValue(), "Brinnington Library");
    assert.equal(await again.evaluate(() => localStorage.getItem("fb1/draft/engagement/new")), null);
    await again.reload();
    await reopened.heading().filter({ hasText: "New engagement" }).waitFor();
    assert.equal(await again.getByText("Your unsaved draft is back.").count(), 0);
  } finally {
    await context.close();
  }
});

test("invalid input is explained at the field, focus goes to it, and nothing typed is lost", async () => {
  const { context, page, record } = await offlinePhone();
  try {
    await record.newButton().click();
    await record.field("Date").fill("2099-01-01");
    await record.chip("Method", "Workshop").check();
    await record.field("Total participants").fill("twelve");
    const notes = await record.openSection("Notes");
    await notes.getByLabel("Notes").fill("Keep this text");
    await record.save();

    await page.getByText("Not saved: 4 things need fixing.").waitFor();
    assert.equal(await record.errorAt("e-date").innerText(), "The date (2099-01-01) is in the future.");
    assert.equal(await record.errorAt("e-strand").innerText(), "The strand is required.");
    assert.equal(await record.errorAt("e-level").innerText(), "The level of participation is required.");
    assert.equal(
      await record.errorAt("e-reach-total").innerText(),
      'Total participants should be a whole number, such as 12; it is "twelve".',
    );
    assert.equal(await page.evaluate(() => document.activeElement.id), "e-date", "focus is on the first problem");
    assert.equal(await record.field("Date").getAttribute("aria-invalid"), "true");
    assert.equal(await record.field("Total participants").inputValue(), "twelve");
    assert.equal(await notes.getByLabel("Notes").inputValue(), "Keep this text");
    assert.ok(await record.chip("Method", "Workshop").isChecked());
    await screenshot(page, "record-new-errors-390x844");
    await assertNoAxeViolations(page, "the form showing errors");

    // Fixed, it saves.
    await record.field("Date").fill("2026-11-23");
    await record.chip("Strand", "Purposive: service-focused").check();
    await record.chip("Level of participation", "Inform").check();
    await record.field("Total participants").fill("12");
    await record.save();
    await record.row("Brinnington Library").waitFor();
  } finally {
    await context.close();
  }
});

test("search and filters narrow the list; delete can be undone; a record can be changed", async () => {
  const { context, page, record } = await offlinePhone();
  try {
    const make = async ({ venue, method, theme, total }) => {
      await record.newButton().click();
      await record.field("Venue").fill(venue);
      await record.chip("Method", method).check();
      await record.chip("Strand", "Primary: building social capital").check();
      await record.chip("Level of participation", "Consult").check();
      await record.chip("Themes", theme).check();
      await record.field("Total participants").fill(String(total));
      await record.save();
      await record.row(venue).waitFor();
    };
    await make({ venue: "Lancashire Hill Library", method: "Survey or questionnaire", theme: "Learning", total: 8 });
    await make({ venue: "Heaton Chapel Hall", method: "Workshop", theme: "Environment", total: 15 });
    await make({ venue: "Offerton Estate", method: "Estate walkabout", theme: "Environment", total: 6 });
    assert.equal(await record.rows().count(), 3);
    // Newest first: all on today's date, so the latest start time leads, and the last made.
    assert.match(await record.rows().first().innerText(), /Offerton Estate/);

    await record.search("heaton");
    await record.listTitle().filter({ hasText: "1 engagement" }).waitFor();
    await record.search("");
    await record.filter("Theme", "Environment");
    await record.listTitle().filter({ hasText: "2 engagements" }).waitFor();
    await record.filter("Method", "Estate walkabout");
    await record.listTitle().filter({ hasText: "1 engagement" }).waitFor();
    assert.match(await record.rows().first().innerText(), /Offerton Estate/);
    await screenshot(page, "record-list-filtered-390x844");
    await page.getByRole("button", { name: "Clear filters" }).click();
    await record.listTitle().filter({ hasText: "3 engagements" }).waitFor();

    // Change one.
    await record.openRecord("Heaton Chapel Hall");
    await page.getByRole("link", { name: "Change" }).click();
    await record.heading().filter({ hasText: "Change engagement" }).waitFor();
    await record.field("Total participants").fill("16");
    await screenshot(page, "record-edit-390x844");
    await record.save();
    await page.getByText("16", { exact: true }).waitFor();

    // Delete, then undo.
    await page.getByRole("button", { name: "Delete" }).click();
    await page.getByText("Engagement deleted.").waitFor();
    assert.equal(await record.rows().count(), 2);
    await page.getByRole("button", { name: "Undo delete" }).click();
    await record.listTitle().filter({ hasText: "3 engagements" }).waitFor();
    await record.row("Heaton Chapel Hall").waitFor();
  } finally {
    await context.close();
  }
});

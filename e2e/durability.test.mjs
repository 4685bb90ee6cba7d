// "Saved" means on disk: a record saved, or a draft typed, moments before every browser process
// is killed (SIGKILL, as when a phone's battery dies) is there when the browser comes back on the
// same profile. FIELDBOOK_KILL_DELAY_MS sets how long after the save the kill comes (200 ms).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { startServer, tempDir } from "./support/server.mjs";
import { launchKillable } from "./support/killable.mjs";
import { RecordPage } from "./pages/record.mjs";
import { SettingsPage } from "./pages/settings.mjs";

const DELAY_MS = Number(process.env.FIELDBOOK_KILL_DELAY_MS ?? 200);
const DRAFT_KEY = "fb1/draft/engagement/new";

let server;

before(async () => {
  server = await startServer({ db: join(await tempDir("db"), "fieldbook.sqlite") });
});

after(async () => {
  await server?.stop();
});

/// A profile where Fieldbook has been opened and knows its user and one venue, written to disk
/// by a clean shutdown, so that only what a test does afterwards is at risk.
async function preparedProfile() {
  const profile = await tempDir("profile");
  const browser = await launchKillable(profile);
  try {
    const settings = new SettingsPage(browser.page, server.url);
    await settings.open();
    await browser.page.evaluate(() => localStorage.setItem("fb1/settings", JSON.stringify({ user: "sam" })));
    await settings.open();
    await settings.addVenue("Brinnington Library", "Brinnington");
  } finally {
    await browser.close();
  }
  return profile;
}

test(`a record saved ${DELAY_MS} ms before the power goes is there afterwards`, async () => {
  const profile = await preparedProfile();
  const first = await launchKillable(profile);
  try {
    const record = new RecordPage(first.page, server.url);
    await record.open("/record/new");
    await record.field("Venue").fill("Lancashire Hill Tenants' Hall");
    await record.chip("Method", "Drop-in or street stall").check();
    await record.chip("Strand", "Primary: building social capital").check();
    await record.chip("Level of participation", "Consult").check();
    await first.page.getByRole("button", { name: "Total participants: one more" }).click();
    await record.save();
    await saved(first.page);
    await record.row("Lancashire Hill Tenants' Hall").waitFor();
    await sleep(DELAY_MS);
  } finally {
    await first.kill();
  }

  const again = await launchKillable(profile);
  try {
    const record = new RecordPage(again.page, server.url);
    await record.open("/record");
    await again.page.locator("[data-records-count]").waitFor();
    const count = await again.page.locator("[data-records-count]").getAttribute("data-records-count");
    assert.equal(count, "1", `the record saved ${DELAY_MS} ms before the kill was lost`);
    await record.row("Lancashire Hill Tenants' Hall").waitFor({ timeout: 5_000 });
  } finally {
    await again.close();
  }
});

test(`a draft typed ${DELAY_MS} ms before the power goes is back afterwards`, async () => {
  const profile = await preparedProfile();
  const first = await launchKillable(profile);
  try {
    const record = new RecordPage(first.page, server.url);
    await record.open("/record/new");
    await record.field("Venue").fill("Heaton Chapel Scout Hut");
    // The draft is saved on every change; wait until it holds what was typed.
    await first.page.waitForFunction(
      (key) => (localStorage.getItem(key) ?? "").includes("Heaton Chapel Scout Hut"),
      DRAFT_KEY,
    );
    await sleep(DELAY_MS);
  } finally {
    await first.kill();
  }

  const again = await launchKillable(profile);
  try {
    const record = new RecordPage(again.page, server.url);
    await record.open("/record/new");
    const back = again.page.getByText("Your unsaved draft is back.");
    await back.waitFor({ timeout: 5_000 }).catch(() => {});
    assert.equal(
      await record.field("Venue").inputValue(),
      "Heaton Chapel Scout Hut",
      `the draft typed ${DELAY_MS} ms before the kill was lost`,
    );
  } finally {
    await again.close();
  }
});

/// Resolves once the app says the record is saved: back on the list, "Saved".
async function saved(page) {
  await page.waitForURL(/\/record\?saved=/);
  await page.getByRole("status").getByText("Saved", { exact: true }).waitFor();
}

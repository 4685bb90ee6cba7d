// Contact details, as the organisation allows them: an administrator turns them on, an outreach
// worker's phone offers them after its next sync, and the record reaches the server with them;
// turned off, new records no longer offer them but a record that has some keeps them.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { addAccounts, startServer, tempDir, PASSWORD } from "./support/server.mjs";
import { phoneContext, screenshot } from "./support/browser.mjs";
import { assertNoAxeViolations } from "./support/axe.mjs";
import { AdminPage } from "./pages/admin.mjs";
import { RecordPage } from "./pages/record.mjs";
import { SyncPage } from "./pages/sync.mjs";

let server;
let admin;

before(async () => {
  const db = join(await tempDir("contact"), "fieldbook.sqlite");
  await addAccounts(db, [
    ["ada", "admin", null],
    ["sam", "outreach", "Brinnington"],
  ]);
  server = await startServer({ db });
  const login = await fetch(`${server.url}/api/v1/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username: "ada", password: PASSWORD }),
  });
  admin = (await login.json()).token;
});

after(async () => {
  await server?.stop();
});

async function api(method, path, body) {
  const response = await fetch(`${server.url}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${admin}`, "content-type": "application/json" },
    body: body && JSON.stringify(body),
  });
  assert.equal(response.status, 200, `${method} ${path}: ${await response.clone().text()}`);
  return response.json();
}

/// The administrator turns contact details on in the admin app, kept for `months`.
async function turnOn(months) {
  const context = await phoneContext();
  try {
    const page = await context.newPage();
    await page.setViewportSize({ width: 360, height: 740 });
    // An administrator keeps no records, so there is no first sync to wait for.
    await page.goto(`${server.url}/sign-in`);
    await page.getByLabel("Username").fill("ada");
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { level: 1, name: "Record" }).waitFor();
    const admin = new AdminPage(page, server.url);
    await admin.open("/", "People");
    await admin.go("Contact details");
    await page.getByLabel("Records may hold contact details").check();
    await page.getByLabel("Keep them for at most (months after consent)").fill(String(months));
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByRole("status").getByText(`kept at most ${months} months after consent`).waitFor();
    await assertNoAxeViolations(page, "the admin app's contact details");
    await screenshot(page, "admin-contact-details-360");
  } finally {
    await context.close();
  }
}

test("contact details follow the organisation's setting from the server to the phone and back", async () => {
  await turnOn(6);
  const context = await phoneContext();
  try {
    const page = await context.newPage();
    const sync = new SyncPage(page, server.url);
    const record = new RecordPage(page, server.url);
    await sync.signIn("sam");

    await record.newButton().click();
    await record.field("Venue").fill("Brinnington Community Centre");
    await record.chip("Method", "Drop-in or street stall").check();
    await record.chip("Strand", "Primary: building social capital").check();
    await record.chip("Level of participation", "Consult").check();
    const section = await record.openSection("Contact details");
    await section.getByRole("button", { name: "Add contact details" }).click();
    await section.getByLabel("Contact details", { exact: true }).fill("07700 900123");
    const consent = await section.getByLabel("Consent given on").inputValue();
    const until = await section.getByLabel("Keep until").inputValue();
    const expected = new Date(`${consent}T12:00:00Z`);
    expected.setUTCMonth(expected.getUTCMonth() + 6);
    assert.equal(until, expected.toISOString().slice(0, 10), "kept for the organisation's six months");

    await page.setViewportSize({ width: 360, height: 780 });
    await section.getByRole("button", { name: "Remove contact details" }).scrollIntoViewIfNeeded();
    await screenshot(page, "contact-details-360");
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.equal(overflow, 0, "nothing wider than a 360 px screen");
    await assertNoAxeViolations(page, "the engagement form with contact details");

    await record.save();
    await record.row("Brinnington Community Centre").first().waitFor();
    await sync.syncNow();
    await sync.waitSynced();
    const exported = await api("GET", "/admin/users/sam/export");
    assert.match(JSON.stringify(exported), /07700 900123/, "the server holds the details");

    // Turned off: a new record offers none, but the record that has some keeps them.
    await api("PUT", "/admin/organisation", { contact_details: false, retention_months: 6 });
    await sync.syncNow();
    await sync.waitSynced();
    await record.newButton().click();
    await record.field("Venue").waitFor();
    assert.equal(await record.form().locator("#section-contact").count(), 0);
    await record.open("/record");
    await record.openRecord("Brinnington Community Centre");
    await page.getByText("07700 900123").waitFor();
    await page.getByRole("link", { name: "Change" }).click();
    const kept = await record.openSection("Contact details");
    assert.equal(await kept.getByLabel("Contact details", { exact: true }).inputValue(), "07700 900123");
    assert.equal(await kept.getByRole("button", { name: "Add contact details" }).count(), 0);
  } finally {
    await context.close();
  }
});

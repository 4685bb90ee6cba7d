// The admin app at /admin/, in a browser against the real server: a new organisation's whole
// first run through it (first administrator, a team, an outreach worker who sets their password
// from a one-time link on their own phone and syncs), axe and 360 px screenshots of every screen,
// and who gets what: a coordinator only Frameworks, an outreach worker the sign-in page.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { PASSWORD, addAccounts, startServer, tempDir } from "./support/server.mjs";
import { phoneContext, screenshot } from "./support/browser.mjs";
import { assertNoAxeViolations } from "./support/axe.mjs";
import { AdminPage } from "./pages/admin.mjs";
import { RecordPage } from "./pages/record.mjs";
import { SetupPage } from "./pages/setup.mjs";
import { SettingsPage } from "./pages/settings.mjs";
import { SyncPage } from "./pages/sync.mjs";

const NARROW = { width: 360, height: 740 };

let server;
let context;

before(async () => {
  server = await startServer({ db: join(await tempDir("admin"), "fieldbook.sqlite") });
  context = await phoneContext();
});

after(async () => {
  await context?.close();
  await server?.stop();
});

/// Signs in on the phone app's sign-in page, reached from Settings, and waits for Record.
async function signInFromSettings(page, username, password = PASSWORD) {
  const settings = new SettingsPage(page, server.url);
  await settings.open();
  await settings.section("Account").getByRole("link", { name: "Sign in" }).click();
  await page.getByRole("heading", { level: 1, name: "Sign in" }).waitFor();
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("heading", { level: 1, name: "Record" }).waitFor();
}

/// What is wider than the screen, and which controls are too small to tap.
async function fit(page) {
  return page.evaluate(() => ({
    overflow: document.documentElement.scrollWidth - window.innerWidth,
    small: [...document.querySelectorAll("main button, main a, main input:not([type=checkbox]), main select, nav a")]
      .filter((e) => e.getBoundingClientRect().height < 44)
      .map((e) => e.outerHTML),
  }));
}

/// axe, the fit at 360 px, and a screenshot for a person to look at.
async function check(page, name) {
  await page.waitForLoadState("networkidle");
  assert.deepEqual(await fit(page), { overflow: 0, small: [] }, name);
  await assertNoAxeViolations(page, name);
  await screenshot(page, `admin-${name}-360`);
}

test("a new organisation's first run: the administrator adds a team and a worker, who sets a password and syncs", async () => {
  const match = server.said.match(/open (\S+\/setup\?code=\S+) within/);
  assert.ok(match, server.said);
  const page = await context.newPage();
  await page.setViewportSize(NARROW);
  const setup = new SetupPage(page);
  await setup.open(match[1]);
  await setup.createAdministrator("ada", PASSWORD);
  await page.getByRole("heading", { level: 1, name: "Fieldbook is set up" }).waitFor();
  await signInFromSettings(page, "ada");

  // Settings offers the admin app, which opens on People.
  const settings = new SettingsPage(page, server.url);
  await settings.open();
  await settings.section("Account").getByRole("link", { name: "Administration" }).click();
  const admin = new AdminPage(page, server.url);
  await admin.heading("People").waitFor();
  await check(page, "people");

  await admin.go("Teams");
  await admin.addTeam("Brinnington");
  await check(page, "teams");

  await admin.go("People");
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.url });
  const link = await admin.addPerson("sam", "Outreach worker", ["Brinnington"]);
  assert.ok(link.startsWith(`${server.url}/password?code=`), link);
  await admin.section("Add a person").getByRole("button", { name: "Copy the link" }).click();
  await admin.section("Add a person").getByText("Copied.").waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), link);
  await check(page, "people-added");

  // The worker's own phone: a browser of its own opens the link and sets a password.
  const phone = await phoneContext();
  try {
    const sams = await phone.newPage();
    await sams.goto(link);
    await sams.getByRole("heading", { level: 1, name: "Choose your password" }).waitFor();
    await sams.getByLabel("New password", { exact: true }).fill(PASSWORD);
    await sams.getByLabel("New password again", { exact: true }).fill(PASSWORD);
    await sams.getByRole("button", { name: "Set password" }).click();
    await sams.getByRole("heading", { level: 1, name: "Your password is set" }).waitFor();
    await signInFromSettings(sams, "sam");
    const sync = new SyncPage(sams, server.url);
    await sync.waitSynced();
    const record = new RecordPage(sams, server.url);
    await record.recordEngagement({ venue: "Brinnington Library", total: 12 });
    await sync.syncUntilDone();
  } finally {
    await phone.close();
  }

  // Back in the admin app: sam's phone is signed in, and the log shows what happened to sam.
  await admin.open("/people", "People");
  await admin.section("Everyone with an account").getByText("Outreach worker, Brinnington.").waitFor();
  await admin.openPerson("sam");
  await admin.devices().getByRole("button", { name: /^Sign out / }).first().waitFor();
  await check(page, "person");

  await admin.go("Audit log");
  await check(page, "audit");
  const entries = await admin.audit({ person: "sam" });
  assert.ok(entries.includes("Added an account"), entries.join("\n"));
  assert.ok(entries.includes("Set a password from a link"), entries.join("\n"));
  const added = await admin.audit({ person: "sam", action: "Added an account" });
  assert.deepEqual(added, ["Added an account"]);
  await check(page, "audit-filtered");

  await admin.go("Frameworks");
  await check(page, "frameworks");
  await page.close();
});

test("the erasure and disabling confirmations say what happens, and pass axe", async () => {
  const page = await context.newPage();
  await page.setViewportSize(NARROW);
  const admin = new AdminPage(page, server.url);
  await admin.open("/people/sam", "sam");
  await admin.section("Signing in").getByRole("button", { name: "Disable this account" }).click();
  await admin.section("Signing in").getByText(/Every device they are signed in on is signed out/).waitFor();
  const protection = admin.section("Data protection");
  await protection.getByRole("button", { name: "Erase this person" }).click();
  await protection.getByText("It cannot be undone.").waitFor();
  const erase = protection.getByRole("button", { name: "Erase for good" });
  assert.equal(await erase.isDisabled(), true, "erasing waits for the username");
  await protection.getByLabel("Type sam to confirm").fill("sam");
  assert.equal(await erase.isDisabled(), false);
  await check(page, "person-confirmations");
  await page.close();
});

test("a coordinator sees only Frameworks, and an outreach worker gets the sign-in page", async () => {
  const db = join(await tempDir("admin-roles"), "fieldbook.sqlite");
  await addAccounts(db, [
    ["cath", "coordinator", "Brinnington"],
    ["rob", "outreach", "Brinnington"],
  ]);
  const roles = await startServer({ db });
  try {
    const coordinator = await phoneContext();
    const page = await coordinator.newPage();
    await page.setViewportSize(NARROW);
    const signIn = new SyncPage(page, roles.url);
    await signIn.signIn("cath");
    const settings = new SettingsPage(page, roles.url);
    await settings.open();
    await settings.section("Account").getByRole("link", { name: "Publish a framework" }).click();
    const admin = new AdminPage(page, roles.url);
    await admin.heading("Frameworks").waitFor();
    assert.deepEqual(await admin.nav().getByRole("link").allInnerTexts(), ["Frameworks"]);
    await check(page, "coordinator-frameworks");
    // An address typed by hand says what this role cannot do.
    await admin.open("/people", "People");
    await page.getByText("Your role cannot use this screen.").waitFor();
    await coordinator.close();

    const worker = await phoneContext();
    const workers = await worker.newPage();
    await workers.setViewportSize(NARROW);
    await new SyncPage(workers, roles.url).signIn("rob");
    await workers.goto(`${roles.url}/settings`);
    await workers.getByRole("heading", { level: 1, name: "Settings" }).waitFor();
    assert.equal(await workers.getByRole("link", { name: /Administration|Publish a framework/ }).count(), 0);
    await workers.goto(`${roles.url}/admin/`);
    await workers.getByText("Sign in as an administrator in Fieldbook's Settings first.").waitFor();
    await check(workers, "sign-in-first");
    await worker.close();
  } finally {
    await roles.stop();
  }
});

// First run, in a phone's browser against the real server: a server on an empty database prints
// a set-up link; the phone opens it, makes the first administrator, follows the link to sign in,
// and signs in to the app as that administrator. A phone with the app installed still gets the
// server's page at /setup: that needs a dist built with this tree's public/sw.js.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { PASSWORD, startServer, tempDir } from "./support/server.mjs";
import { phoneContext, screenshot } from "./support/browser.mjs";
import { assertNoAxeViolations } from "./support/axe.mjs";
import { SetupPage } from "./pages/setup.mjs";
import { SettingsPage } from "./pages/settings.mjs";
import { Shell } from "./pages/shell.mjs";

let server;
let context;

before(async () => {
  server = await startServer({ db: join(await tempDir("first-run"), "fieldbook.sqlite") });
  context = await phoneContext();
});

after(async () => {
  await context?.close();
  await server?.stop();
});

function printedLink(by = server) {
  const match = by.said.match(/No administrator yet\. To create one, open (\S+) within 24 hours\./);
  assert.ok(match, `the server printed a set-up link:\n${by.said}`);
  assert.ok(match[1].startsWith(`${by.url}/setup?code=`), match[1]);
  return match[1];
}

/// What on the page is wider than the screen, and which controls are too small to tap.
async function fit(page) {
  return page.evaluate(() => ({
    overflow: document.documentElement.scrollWidth - window.innerWidth,
    small: [...document.querySelectorAll("main button, main a, main input")]
      .filter((e) => e.getBoundingClientRect().height < 44)
      .map((e) => e.outerHTML),
  }));
}

test("the set-up page fits a 360 px phone, with 44 px targets, and passes axe, with and without problems", async () => {
  const page = await context.newPage();
  await page.setViewportSize({ width: 360, height: 740 });
  const setup = new SetupPage(page);
  await setup.open(printedLink());
  assert.deepEqual(await fit(page), { overflow: 0, small: [] });
  await assertNoAxeViolations(page, "the set-up page");
  await screenshot(page, "first-run-setup-360");

  // Passwords that differ: the problem is named above the form and beside the field, and the
  // username is kept, the passwords never.
  await setup.createAdministrator("ada", PASSWORD, "a different password");
  await setup.problems().filter({ hasText: "The two passwords are not the same." }).waitFor();
  assert.equal(await setup.field("Username").inputValue(), "ada");
  assert.equal(await setup.field("Password").inputValue(), "");
  assert.equal(await setup.field("Password again").getAttribute("aria-invalid"), "true");
  assert.deepEqual(await fit(page), { overflow: 0, small: [] });
  await assertNoAxeViolations(page, "the set-up page with a problem");
  await screenshot(page, "first-run-setup-problem-360");
  await page.close();
});

test("a new organisation makes its first administrator from the printed link, then signs in", async () => {
  const link = printedLink();
  const page = await context.newPage();
  const setup = new SetupPage(page);
  await setup.open(link);
  await setup.createAdministrator("ada", PASSWORD);
  await page.getByRole("heading", { level: 1, name: "Fieldbook is set up" }).waitFor();
  await assertNoAxeViolations(page, "the set-up done page");
  await screenshot(page, "first-run-done");

  await page.getByRole("link", { name: "Sign in" }).click();
  await page.getByRole("heading", { level: 1, name: "Sign in" }).waitFor();
  await page.getByLabel("Username").fill("ada");
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("heading", { level: 1, name: "Record" }).waitFor();
  const settings = new SettingsPage(page, server.url);
  await settings.open();
  await page.getByText(/Signed in as ada \(/).waitFor();
  // An administrator keeps no records: the sync bar says so calmly, and never tries and fails.
  const bar = page.locator(".sync-bar");
  await bar.getByText("Administrators keep no records").waitFor();
  assert.equal(await bar.getByRole("button", { name: "Sync now" }).count(), 0);
  assert.equal(await bar.locator(".sync-error").count(), 0);
  await screenshot(page, "first-run-signed-in");

  // The link has done its work: now it says so, and points to signing in.
  await page.goto(link);
  await page.getByRole("heading", { level: 1, name: "Fieldbook is already set up" }).waitFor();
  assert.equal(await page.getByRole("textbox").count(), 0);
  await page.close();
});

test("a phone with the app installed still gets the server's set-up page, not the app's shell", async () => {
  const fresh = await startServer({ db: join(await tempDir("first-run"), "fieldbook.sqlite") });
  const page = await context.newPage();
  try {
    const shell = new Shell(page, fresh.url);
    await shell.open("/record");
    await shell.waitForServiceWorker();
    const response = await page.goto(printedLink(fresh));
    assert.equal(response.fromServiceWorker(), false, "the service worker left /setup to the network");
    await page.getByRole("heading", { level: 1, name: "Set up Fieldbook" }).waitFor();
  } finally {
    await page.close();
    await fresh.stop();
  }
});

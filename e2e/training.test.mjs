// Training in the browser, at a phone's viewport against the real server: a learner takes a
// competency to submission on their phone, an assessor signs it off or sends it back on theirs,
// and sync carries each step between them. Who may assess comes from the signed-in account,
// never from what is typed on a phone. The portfolio prints to PDF, and framework files are
// checked on import. axe checks every screen.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { PDFParse } from "pdf-parse";
import { PASSWORD, addAccounts, startServer, tempDir } from "./support/server.mjs";
import { phoneContext, screenshot, OUTPUT } from "./support/browser.mjs";
import { assertNoAxeViolations } from "./support/axe.mjs";
import { SyncPage } from "./pages/sync.mjs";
import { TrainingPage } from "./pages/training.mjs";

const LEARNER = "ali";
const ASSESSOR = "pat";
const KNOW = ["07", "Get to know a community"];
const RESEARCH = ["08", "Facilitate, analyse and disseminate results of community research and consultations"];

let server;
/// The learner's phone and the assessor's, each signed in: { context, page, sync, training }.
let learner;
let assessor;
let page;
let training;

/// A day before today, as a date input takes it, so evidence is never in the future.
function daysAgo(days) {
  const date = new Date(Date.now() - days * 86_400_000);
  const pad = (n) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/// A phone signed in as `user`, with its first sync done.
async function phone(user) {
  const context = await phoneContext();
  const page = await context.newPage();
  const sync = new SyncPage(page, server.url);
  await sync.signIn(user);
  return { context, page, sync, training: new TrainingPage(page, server.url) };
}

/// Sync `from`, then `to`, so what one phone did reaches the other.
async function carry(from, to) {
  await from.sync.syncNow();
  await from.sync.waitSynced();
  await to.sync.syncNow();
  await to.sync.waitSynced();
}

before(async () => {
  const db = join(await tempDir("db"), "fieldbook.sqlite");
  await addAccounts(db, [
    [LEARNER, "learner", "Brinnington"],
    [ASSESSOR, "coordinator", "Brinnington"],
  ]);
  server = await startServer({ db });
  learner = await phone(LEARNER);
  assessor = await phone(ASSESSOR);
  ({ page, training } = learner);
});

after(async () => {
  await learner?.context.close();
  await assessor?.context.close();
  await server?.stop();
});

test("a learner takes a competency from not started to submitted, with two evidence notes", async () => {
  await training.openOverview();
  assert.deepEqual(await training.bar("2", "Signed off"), { text: "Signed off: 0 of 2", value: 0, max: 2 });
  await assertNoAxeViolations(page, "the training overview");

  await training.openCompetency(...KNOW);
  assert.equal(await training.status(), "Not started");
  await training.move("Start learning", "Learning");
  // The pressed button has gone, so focus lands on the status it changed.
  assert.equal(await page.evaluate(() => document.activeElement.id), "competency-status");
  await training.move("Start practising", "Practising");

  // No evidence yet: core refuses, and says why.
  await page.getByRole("button", { name: "Mark evidence recorded" }).click();
  await page.getByText('Add at least one evidence note before moving to "Evidence recorded".').waitFor();
  assert.equal(await training.status(), "Practising");
  await screenshot(page, "training-competency-refused");

  await training.addEvidence("Walked the Brinnington estate with two residents' reps.", daysAgo(3));
  await training.addEvidence("Mapped the groups that meet at the library.", daysAgo(1));
  assert.deepEqual(await training.evidenceNotes(), [
    "Walked the Brinnington estate with two residents' reps.",
    "Mapped the groups that meet at the library.",
  ]);
  await assertNoAxeViolations(page, "a competency in progress");
  await screenshot(page, "training-competency-practising");

  await training.move("Mark evidence recorded", "Evidence recorded");
  await training.move("Submit for sign-off", "Submitted for sign-off");
  await page.getByText("It is with an assessor, so the evidence is fixed.").waitFor();
  await screenshot(page, "training-competency-submitted");

  await training.openOverview();
  assert.deepEqual(await training.bar("2", "In progress"), { text: "In progress: 1 of 2", value: 1, max: 2 });
  const row = page.getByRole("link", { name: /^07 Get to know a community/ });
  assert.match(await row.innerText(), /Submitted for sign-off/);
  await screenshot(page, "training-overview");
});

test("a learner's phone offers no sign-off: the role is the account's, not the phone's", async () => {
  await training.goto("/settings", "Settings");
  const you = page.getByRole("region", { name: "You" });
  await you.getByText(`kept under your account, ${LEARNER}.`).waitFor();
  assert.equal(await you.getByLabel("Your name").count(), 0, "nothing to type a name into");
  assert.equal(await page.getByLabel("Your role").count(), 0, "no role to choose");
  await training.openOverview();
  assert.equal(await page.getByRole("link", { name: /Review queue/ }).count(), 0);
  await training.openReview();
  await page.getByText("Only a coordinator signs off competencies").waitFor();
  assert.equal(await page.getByRole("button", { name: "Sign off" }).count(), 0);
  await assertNoAxeViolations(page, "the review queue on a learner's phone");
});

test("the assessor signs it off on their phone, and the learner's progress bar updates", async () => {
  await carry(learner, assessor);
  await assessor.training.openReview();
  const item = assessor.training.submission(KNOW.join(" "));
  assert.match(await item.innerText(), new RegExp(LEARNER));
  assert.equal(await item.locator(".evidence-note").count(), 2);
  await assertNoAxeViolations(assessor.page, "the review queue");
  await screenshot(assessor.page, "training-review");
  await assessor.training.signOff(KNOW.join(" "));
  await assessor.page.getByText("Nothing is waiting for sign-off.").waitFor();

  await carry(assessor, learner);
  await training.openOverview();
  assert.deepEqual(await training.bar("2", "Signed off"), { text: "Signed off: 1 of 2", value: 1, max: 2 });
  assert.deepEqual(await training.bar("2", "In progress"), { text: "In progress: 0 of 2", value: 0, max: 2 });
  await training.openCompetency(...KNOW);
  assert.equal(await training.status(), "Signed off");
  await page.getByText(new RegExp(`^Signed off by ${ASSESSOR} on `)).waitFor();
});

test("a submission sent back with a comment shows the comment to the learner", async () => {
  await training.openOverview();
  await training.openCompetency(...RESEARCH);
  await training.move("Start learning", "Learning");
  await training.move("Start practising", "Practising");
  await training.addEvidence("Ran a street survey on Reddish Road.");
  await training.move("Mark evidence recorded", "Evidence recorded");
  await training.move("Submit for sign-off", "Submitted for sign-off");

  await carry(learner, assessor);
  await assessor.training.openReview();
  await assessor.training.sendBack(RESEARCH.join(" "), LEARNER, "Say how the results went back to residents.");

  await carry(assessor, learner);
  await training.openOverview();
  await training.openCompetency(...RESEARCH);
  assert.equal(await training.status(), "Evidence recorded");
  await page.getByText(`Sent back by ${ASSESSOR} on`).waitFor();
  await page.getByText("Say how the results went back to residents.").waitFor();
  await assertNoAxeViolations(page, "a competency sent back");
  await screenshot(page, "training-sent-back");
});

test("the portfolio prints to an A4 PDF with the competencies and the sign-off", async () => {
  await training.openPortfolio();
  await assertNoAxeViolations(page, "the portfolio");
  await screenshot(page, "training-portfolio");
  await page.emulateMedia({ media: "print" });
  await screenshot(page, "training-portfolio-print");
  // Back to no emulation: page.pdf prints with print styles unless screen is forced.
  await page.emulateMedia({ media: null });
  const pdf = await page.pdf({ format: "A4", printBackground: true });
  await writeFile(new URL("training-portfolio.pdf", OUTPUT), pdf);
  const parser = new PDFParse({ data: new Uint8Array(pdf) });
  const { text, total } = await parser.getText();
  await parser.destroy();
  // Words may wrap across lines in the PDF; compare with whitespace made single.
  const flat = text.replace(/\s+/g, " ");
  assert.ok(total >= 2, `a portfolio of 21 competencies runs to more than one page, not ${total}`);
  for (const title of [
    "Training portfolio",
    LEARNER,
    "National Occupational Standards for Community Development",
    "07 Get to know a community",
    "01 Integrate and use the values and process of community development",
    "26 Supervise and support community development practitioners",
    `Signed off by ${ASSESSOR} on`,
    "Walked the Brinnington estate with two residents' reps.",
  ]) {
    assert.ok(flat.includes(title), `the PDF should contain "${title}"`);
  }
  // The app's chrome is not printed.
  assert.ok(!flat.includes("Skip to content") && !flat.includes("Print or save as PDF"));
});

test("a malformed framework is refused field by field, and the active framework is untouched", async () => {
  const { page, training } = assessor;
  await training.openFrameworks();
  const before = await training.activeFramework();
  assert.match(before, /^National Occupational Standards for Community Development/);

  const dir = await tempDir("frameworks");
  const malformed = join(dir, "malformed.json");
  await writeFile(
    malformed,
    JSON.stringify({
      schema: 1,
      id: "Our Framework!",
      title: "",
      key_areas: [
        { code: "A", title: "Listening", competencies: [] },
        { code: "B", title: "Acting", competencies: [{ code: "B1", title: "" }] },
      ],
    }),
  );
  await training.importFramework(malformed);
  await page.getByText("The file was not imported").waitFor();
  const errors = await training.importErrors();
  assert.ok(errors.some((e) => e.startsWith("id: ")), errors.join("\n"));
  assert.ok(errors.some((e) => e.startsWith("title: ")), errors.join("\n"));
  assert.ok(errors.some((e) => e.startsWith("key_areas[0].competencies: ")), errors.join("\n"));
  assert.ok(errors.some((e) => e.startsWith("key_areas[1].competencies[0].title: ")), errors.join("\n"));
  await assertNoAxeViolations(page, "the frameworks page with import errors");
  await page.locator(".import-errors").scrollIntoViewIfNeeded();
  await screenshot(page, "training-import-errors");

  const broken = join(dir, "broken.json");
  await writeFile(broken, '{ "schema": 1, "id": "ocn-unit-3", ');
  await training.importFramework(broken);
  await page.getByText(/The file is not valid JSON at line 1/).waitFor();

  assert.equal(await training.activeFramework(), before);
  assert.equal(await page.getByRole("radio").count(), 1, "nothing was stored");
  await training.openOverview();
  await page.getByText("Framework: National Occupational Standards for Community Development").waitFor();
});

test("a framework published to the team reaches the learner, and progress is kept per framework", async () => {
  const file = join(await tempDir("frameworks"), "ocn.json");
  await writeFile(
    file,
    JSON.stringify({
      schema: 1,
      id: "ocn-unit-3",
      title: "Community Action Planning (unit 3)",
      key_areas: [{ code: "1", title: "Hear local people", competencies: [{ code: "1.1", title: "Choose methods to hear local people" }] }],
    }),
  );
  await publish(ASSESSOR, await readFile(file, "utf8"));
  await learner.sync.syncNow();
  await learner.sync.waitSynced();

  await training.openFrameworks();
  await page.getByLabel(/^Community Action Planning \(unit 3\)/).check();
  await page.getByRole("status").getByText("Saved").waitFor();
  await training.openOverview();
  await page.getByText("Framework: Community Action Planning (unit 3)").waitFor();
  assert.deepEqual(await training.bar("1", "Signed off"), { text: "Signed off: 0 of 1", value: 0, max: 1 });
  await assertNoAxeViolations(page, "the overview of a published framework");

  await training.openFrameworks();
  await assertNoAxeViolations(page, "the frameworks page");
  await page.getByLabel(/^National Occupational Standards/).check();
  await page.getByRole("status").getByText("Saved").waitFor();
  await training.openOverview();
  assert.deepEqual(await training.bar("2", "Signed off"), { text: "Signed off: 1 of 2", value: 1, max: 2 });
});

/// Publish a framework file to `user`'s teams through the API, as a coordinator's tool would.
async function publish(user, text) {
  const login = await fetch(`${server.url}/api/v1/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username: user, password: PASSWORD }),
  });
  const { token } = await login.json();
  const answer = await fetch(`${server.url}/api/v1/frameworks`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: text,
  });
  assert.equal(answer.status, 201, await answer.text());
}

test("every training screen fits a 360 px phone, with targets of at least 44 px", async () => {
  const { page, training } = assessor;
  await page.setViewportSize({ width: 360, height: 740 });
  try {
    for (const [path, heading] of [
      ["/training", "Training"],
      ["/training/competency/07", "07 Get to know a community"],
      ["/training/review", "Review queue"],
      ["/training/portfolio", "Training portfolio"],
      ["/training/frameworks", "Frameworks"],
    ]) {
      await training.goto(path, heading);
      const { overflow, small } = await page.evaluate(() => ({
        overflow: document.documentElement.scrollWidth - window.innerWidth,
        small: [...document.querySelectorAll("main button, main a, main select, main .file-picker")]
          .filter((e) => e.getBoundingClientRect().height < 44)
          .map((e) => e.textContent.trim()),
      }));
      assert.equal(overflow, 0, `${path} scrolls sideways`);
      assert.deepEqual(small, [], `${path} has targets under 44 px`);
    }
    await screenshot(page, "training-frameworks-360");
  } finally {
    await page.setViewportSize({ width: 390, height: 844 });
  }
});

// Training in the browser, at a phone's viewport against the real server: a learner takes a
// competency to submission, an assessor on the same phone signs it off or sends it back, the
// portfolio prints to PDF, and framework files are checked on import. axe checks every screen.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { PDFParse } from "pdf-parse";
import { startServer, tempDir } from "./support/server.mjs";
import { phoneContext, screenshot, OUTPUT } from "./support/browser.mjs";
import { assertNoAxeViolations } from "./support/axe.mjs";
import { TrainingPage } from "./pages/training.mjs";

const LEARNER = "Ali Khan";
const ASSESSOR = "Pat Jones";
const KNOW = ["07", "Get to know a community"];
const RESEARCH = ["08", "Facilitate, analyse and disseminate results of community research and consultations"];

let server;
let context;
let page;
let training;

/// A day before today, as a date input takes it, so evidence is never in the future.
function daysAgo(days) {
  const date = new Date(Date.now() - days * 86_400_000);
  const pad = (n) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

before(async () => {
  server = await startServer({ db: join(await tempDir("db"), "fieldbook.sqlite") });
  context = await phoneContext();
  page = await context.newPage();
  training = new TrainingPage(page, server.url);
  await page.goto(`${server.url}/settings`);
  await page.evaluate(() => localStorage.clear());
});

after(async () => {
  await context?.close();
  await server?.stop();
});

test("a learner takes a competency from not started to submitted, with two evidence notes", async () => {
  await training.be(LEARNER, "Learner");
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

test("a learner cannot sign off their own competency, even as a coordinator", async () => {
  await training.be(LEARNER, "Coordinator");
  await training.openReview();
  const own = training.submission(KNOW.join(" "));
  await own.getByText("Nobody can sign off or send back their own competency").waitFor();
  assert.equal(await own.getByRole("button", { name: "Sign off" }).count(), 0);
  await assertNoAxeViolations(page, "the review queue with only the user's own submission");
});

test("the assessor signs it off, and the learner's progress bar updates", async () => {
  await training.be(ASSESSOR, "Coordinator");
  await training.openReview();
  const item = training.submission(KNOW.join(" "));
  assert.match(await item.innerText(), new RegExp(LEARNER));
  assert.equal(await item.locator(".evidence-note").count(), 2);
  await assertNoAxeViolations(page, "the review queue");
  await screenshot(page, "training-review");
  await training.signOff(KNOW.join(" "));
  await page.getByText("Nothing is waiting for sign-off.").waitFor();

  await training.be(LEARNER, "Learner");
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

  await training.be(ASSESSOR, "Coordinator");
  await training.openReview();
  await training.sendBack(RESEARCH.join(" "), LEARNER, "Say how the results went back to residents.");

  await training.be(LEARNER, "Learner");
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
  await training.be(ASSESSOR, "Coordinator");
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

test("switching framework keeps progress per framework", async () => {
  await training.openFrameworks();
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
  await training.importFramework(file);
  await page.getByText(/Imported “Community Action Planning \(unit 3\)”: 1 key area, 1 competency\. Choose it above to use it\./).waitFor();
  await page.getByLabel(/^Community Action Planning \(unit 3\)/).check();
  await page.getByRole("status").getByText("Saved").waitFor();

  await training.be(LEARNER, "Learner");
  await training.openOverview();
  await page.getByText("Framework: Community Action Planning (unit 3)").waitFor();
  assert.deepEqual(await training.bar("1", "Signed off"), { text: "Signed off: 0 of 1", value: 0, max: 1 });
  await assertNoAxeViolations(page, "the overview of an imported framework");

  await training.openFrameworks();
  await assertNoAxeViolations(page, "the frameworks page");
  await page.getByLabel(/^National Occupational Standards/).check();
  await page.getByRole("status").getByText("Saved").waitFor();
  await training.openOverview();
  assert.deepEqual(await training.bar("2", "Signed off"), { text: "Signed off: 1 of 2", value: 1, max: 2 });
});

test("every training screen fits a 360 px phone, with targets of at least 44 px", async () => {
  await page.setViewportSize({ width: 360, height: 740 });
  try {
    await training.be(ASSESSOR, "Coordinator");
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

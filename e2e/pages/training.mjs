// Page object for Training: the overview, a competency, the review queue, the portfolio and
// the frameworks, plus "You" in Settings, where a phone that is not signed in is given a name.
export class TrainingPage {
  constructor(page, baseUrl) {
    this.page = page;
    this.baseUrl = baseUrl;
  }

  async goto(path, heading) {
    await this.page.goto(`${this.baseUrl}${path}`);
    await this.page.getByRole("heading", { level: 1, name: heading }).waitFor();
  }

  /// Names the person using a phone that is not signed in, in Settings, and waits for "Saved".
  async name(name) {
    await this.goto("/settings", "Settings");
    const you = this.page.getByRole("region", { name: "You" });
    await you.getByLabel("Your name").fill(name);
    await you.getByRole("button", { name: "Save" }).click();
    await you.getByRole("status").getByText("Saved").waitFor();
  }

  async openOverview() {
    await this.goto("/training", "Training");
  }

  keyArea(code) {
    return this.page.locator(`section.key-area[data-key-area="${code}"]`);
  }

  /// The words and the bar value for the key area's "Signed off" or "In progress" bar.
  async bar(code, label) {
    const bar = this.keyArea(code).locator(".bar").filter({ hasText: label });
    return {
      text: await bar.locator("span").innerText(),
      value: Number(await bar.locator("progress").getAttribute("value")),
      max: Number(await bar.locator("progress").getAttribute("max")),
    };
  }

  async openCompetency(code, title) {
    await this.page.getByRole("link", { name: new RegExp(`^${code} ${title}`) }).click();
    await this.page.getByRole("heading", { level: 1, name: `${code} ${title}` }).waitFor();
  }

  async status() {
    return this.page.locator(".status-line .status-badge").innerText();
  }

  /// Presses a status button and waits until the status reads `expected`.
  async move(button, expected) {
    await this.page.getByRole("button", { name: button, exact: true }).click();
    await this.page.locator(".status-line .status-badge").getByText(expected, { exact: true }).waitFor();
  }

  async addEvidence(note, date) {
    const form = this.page.getByRole("form", { name: "Add an evidence note" });
    if (date) await form.getByLabel("Date").fill(date);
    const before = await this.evidenceNotes();
    await form.getByLabel("What you did, and where").fill(note);
    await form.getByRole("button", { name: "Add evidence note" }).click();
    await this.page.waitForFunction(
      (count) => document.querySelectorAll(".evidence-list li").length === count,
      before.length + 1,
    );
  }

  async evidenceNotes() {
    return this.page.locator(".evidence-list .evidence-note").allInnerTexts();
  }

  async openReview() {
    await this.goto("/training/review", "Review queue");
  }

  submission(title) {
    return this.page.locator("li.submission").filter({ has: this.page.getByRole("heading", { name: title }) });
  }

  async signOff(title) {
    await this.submission(title).getByRole("button", { name: "Sign off" }).click();
    await this.page.locator(".review-done").getByText(/^Signed off/).waitFor();
  }

  async sendBack(title, learner, comment) {
    const item = this.submission(title);
    await item.getByLabel(`What should ${learner} do next? (to send it back)`).fill(comment);
    await item.getByRole("button", { name: "Send back" }).click();
    await this.page.locator(".review-done").getByText(/^Sent back/).waitFor();
  }

  async openPortfolio() {
    await this.goto("/training/portfolio", "Training portfolio");
  }

  async openFrameworks() {
    await this.goto("/training/frameworks", "Frameworks");
  }

  async importFramework(path) {
    await this.page.getByLabel("Choose a framework file").setInputFiles(path);
    await this.page.locator(".import-outcome > *").first().waitFor();
  }

  async importErrors() {
    return this.page.locator(".import-errors li").allInnerTexts();
  }

  async activeFramework() {
    return this.page.getByRole("radio", { checked: true }).evaluate((radio) => radio.labels[0].innerText);
  }
}

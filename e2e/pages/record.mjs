// Page objects for Record: the list, the engagement form, one record, and "You said, we did".
// Every tap goes through `tap`, which counts them, so a test can hold the form to its tap budget.
export class RecordPage {
  constructor(page, baseUrl) {
    this.page = page;
    this.baseUrl = baseUrl;
    this.taps = 0;
  }

  async open(path = "/record") {
    await this.page.goto(`${this.baseUrl}${path}`);
    await this.page.getByRole("heading", { level: 1 }).waitFor();
  }

  async tap(locator) {
    this.taps += 1;
    await locator.tap();
  }

  heading() {
    return this.page.getByRole("heading", { level: 1 });
  }

  // The list.
  newButton() {
    return this.page.getByRole("link", { name: "New engagement" });
  }

  rows() {
    return this.page.locator(".record-list > li");
  }

  row(venue) {
    return this.rows().filter({ hasText: venue });
  }

  listTitle() {
    return this.page.locator("#record-list-title");
  }

  async search(text) {
    await this.page.getByLabel("Search").fill(text);
  }

  async filter(label, option) {
    const filters = this.page.locator(".list-filters details");
    if (!(await filters.evaluate((details) => details.open))) await filters.locator("summary").click();
    await this.page.getByLabel(label, { exact: true }).selectOption({ label: option });
  }

  // The form.
  form() {
    return this.page.locator("#engagement-form");
  }

  field(label) {
    return this.form().getByLabel(label, { exact: true });
  }

  chip(group, label) {
    return this.form().getByRole("group", { name: group, exact: true }).getByLabel(label, { exact: true });
  }

  /// The error shown beside the field with element id `id`.
  errorAt(id) {
    return this.page.locator(`#${id}-error`);
  }

  async openSection(title) {
    const section = this.form().locator("details.section").filter({ has: this.page.locator("summary", { hasText: title }) });
    if (!(await section.evaluate((details) => details.open))) await section.locator("summary").click();
    return section;
  }

  async save() {
    await this.form().getByRole("button", { name: "Save", exact: true }).click();
  }

  /// Records an engagement from the list with the fewest fields, and waits for it in the list.
  async recordEngagement({ venue, total, notes = "" }) {
    await this.newButton().click();
    await this.field("Venue").fill(venue);
    await this.chip("Method", "Drop-in or street stall").check();
    await this.chip("Strand", "Primary: building social capital").check();
    await this.chip("Level of participation", "Consult").check();
    await this.field("Total participants").fill(String(total));
    if (notes) {
      const section = await this.openSection("Notes");
      await section.getByLabel("Notes").fill(notes);
    }
    await this.save();
    await this.row(venue).first().waitFor();
  }

  // One record.
  async openRecord(venue) {
    await this.row(venue).getByRole("link").click();
    await this.heading().filter({ hasText: venue }).waitFor();
  }
}

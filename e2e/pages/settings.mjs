// Page object for Settings: the storage summary, venues, making room and damaged entries.
export class SettingsPage {
  constructor(page, baseUrl) {
    this.page = page;
    this.baseUrl = baseUrl;
  }

  async open() {
    await this.page.goto(`${this.baseUrl}/settings`);
    await this.page.getByRole("heading", { level: 1, name: "Settings" }).waitFor();
  }

  /// Starts from an empty phone: localStorage and the journal of saves (shared by every page
  /// in the context). Clearing localStorage alone would not do: start-up puts back from the
  /// journal whatever localStorage lacks.
  async openEmpty() {
    await this.open();
    await this.clearStorage();
    await this.open();
  }

  /// Empties localStorage and deletes the journal; open a page afterwards to start afresh.
  async clearStorage() {
    await this.page.evaluate(async () => {
      localStorage.clear();
      await new Promise((resolve, reject) => {
        const request = indexedDB.deleteDatabase("fieldbook-journal");
        request.onsuccess = resolve;
        request.onerror = () => reject(request.error);
      });
    });
  }

  /// Brings this tab to the front, as a person switching to it would; Chromium holds back
  /// animation frames (and so Playwright's clicks) in a tab behind another.
  async switchTo() {
    await this.page.bringToFront();
  }

  section(name) {
    return this.page.getByRole("region", { name });
  }

  storage() {
    return this.section("Storage on this phone");
  }

  venues() {
    return this.section("Venues");
  }

  addForm() {
    return this.venues().getByRole("form", { name: "Add a venue" });
  }

  async addVenue(name, area = "") {
    const form = this.addForm();
    await form.getByLabel("Name").fill(name);
    await form.getByLabel("Area (optional)").fill(area);
    await form.getByRole("button", { name: "Add venue" }).click();
    await this.venues().locator("form[aria-labelledby='venue-new-title'] + [role=status]").getByText("Saved").waitFor();
  }

  /// The list item of the venue called `name`, as shown now.
  row(name) {
    return this.venues()
      .getByRole("listitem")
      .filter({ has: this.page.locator(".venue-name").getByText(name, { exact: true }) });
  }

  /// Resolves once the list shows exactly `names`, in any order.
  async waitForVenues(names) {
    const expected = [...names].sort();
    await this.page.waitForFunction(
      (expected) =>
        JSON.stringify([...document.querySelectorAll(".venue-name")].map((e) => e.textContent).sort()) ===
        JSON.stringify(expected),
      expected,
    );
  }

  /// The name and area shown for the venue now called `name`.
  async venue(name) {
    const row = this.row(name);
    await row.waitFor();
    return { name: await row.locator(".venue-name").innerText(), area: await row.locator(".venue-area").innerText() };
  }

  /// Opens the venue called `name` for editing; the editor stays with that venue even when
  /// another tab renames it.
  async edit(name) {
    const row = this.row(name);
    const id = await row.getAttribute("data-venue-id");
    await row.getByRole("button", { name: `Edit ${name}` }).click();
    const pinned = this.venues().locator(`[data-venue-id="${id}"]`);
    await pinned.getByRole("form").waitFor();
    return new VenueEditor(pinned);
  }

  makeRoom() {
    return this.section("Make room");
  }

  damaged() {
    return this.section("Damaged entries");
  }

  damagedEntry(key) {
    return this.damaged().getByRole("listitem").filter({ hasText: key });
  }
  backup() {
    return this.section("Backup");
  }

  /// Imports the backup file at `path` and waits for the report.
  async importBackup(path) {
    await this.backup().getByLabel("Import a backup").setInputFiles(path);
    await this.backup().locator(".import-outcome p").first().waitFor({ timeout: 120_000 });
  }

  async importSummary() {
    return this.backup().locator(".import-outcome p").first().innerText();
  }

  async exportBackup() {
    await this.backup().getByRole("button", { name: "Export a backup" }).click();
  }
}

export class VenueEditor {
  constructor(row) {
    this.row = row;
  }

  async name() {
    return this.row.getByLabel("Name").inputValue();
  }

  async fill({ name, area }) {
    if (name !== undefined) await this.row.getByLabel("Name").fill(name);
    if (area !== undefined) await this.row.getByLabel("Area (optional)").fill(area);
  }

  /// Saves, and resolves once the row says "Saved".
  async save() {
    await this.row.getByRole("button", { name: "Save" }).click();
    await this.row.getByRole("status").getByText("Saved").waitFor();
  }

}

// Page object for the admin app at /admin/: its nav, people, a person, teams, the audit log and
// frameworks.
export class AdminPage {
  constructor(page, baseUrl) {
    this.page = page;
    this.baseUrl = baseUrl;
  }

  heading(name) {
    return this.page.getByRole("heading", { level: 1, name });
  }

  nav() {
    return this.page.getByRole("navigation", { name: "Administration" });
  }

  /// Opens `path` under /admin and waits for its heading.
  async open(path, heading) {
    await this.page.goto(`${this.baseUrl}/admin${path}`);
    await this.heading(heading).waitFor();
  }

  /// Follows a nav link, as a person would.
  async go(link, heading = link) {
    await this.nav().getByRole("link", { name: link }).click();
    await this.heading(heading).waitFor();
  }

  section(name) {
    return this.page.getByRole("region", { name });
  }

  status(section) {
    return this.section(section).getByRole("status").first();
  }

  async addTeam(name) {
    const form = this.section("Add a team");
    await form.getByLabel("Team name").fill(name);
    await form.getByRole("button", { name: "Add team" }).click();
    await form.getByRole("status").getByText(`${name} is added.`).waitFor();
  }

  /// Adds a person and returns the one-time link the page shows.
  async addPerson(username, role, teams = []) {
    const form = this.section("Add a person");
    await form.getByLabel("Username").fill(username);
    await form.getByLabel("Role").selectOption({ label: role });
    for (const team of teams) await form.getByRole("group", { name: "Teams" }).getByLabel(team).check();
    await form.getByRole("button", { name: "Add this person" }).click();
    const link = form.getByLabel(`Password link for ${username}`);
    await link.waitFor();
    return link.inputValue();
  }

  async openPerson(username) {
    await this.section("Everyone with an account").getByRole("link", { name: username, exact: true }).click();
    await this.heading(username).waitFor();
  }

  devices() {
    return this.section("Devices signed in");
  }

  /// Applies the audit log's filters and returns the entries' titles, newest first.
  /// `action` is the action's words, as the filter offers them.
  async audit({ person = "", action = "Any action" } = {}) {
    const filters = this.page.getByRole("form", { name: "Filters" });
    await filters.getByLabel("Person").fill(person);
    await filters.getByLabel("Action").selectOption({ label: action });
    // Wait for this query's answer, then for the list to show that many entries: the list from
    // the query before is on the page until then.
    const [response] = await Promise.all([
      this.page.waitForResponse((r) => new URL(r.url()).pathname === "/api/v1/admin/audit"),
      filters.getByRole("button", { name: "Show entries" }).click(),
    ]);
    const count = (await response.json()).length;
    const titles = this.section("Entries, newest first").locator(".item-title");
    await this.page.waitForFunction(
      ([selector, n]) => document.querySelectorAll(selector).length === n,
      [".item-title", count],
    );
    return titles.allInnerTexts();
  }
}

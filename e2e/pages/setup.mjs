// Page object for the server's own set-up page, which makes the first administrator.
export class SetupPage {
  constructor(page) {
    this.page = page;
  }

  /// Opens the link the server printed, and waits for the form.
  async open(link) {
    await this.page.goto(link);
    await this.page.getByRole("heading", { level: 1, name: "Set up Fieldbook" }).waitFor();
  }

  field(label) {
    return this.page.getByLabel(label, { exact: true });
  }

  /// Fills in the form (the code is already there from the link) and sends it.
  async createAdministrator(username, password, passwordAgain = password) {
    await this.field("Username").fill(username);
    await this.field("Password").fill(password);
    await this.field("Password again").fill(passwordAgain);
    await this.page.getByRole("button", { name: "Create administrator" }).click();
  }

  problems() {
    return this.page.getByRole("alert");
  }
}

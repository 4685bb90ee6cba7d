// Page object for the app shell: header, online badge, update banner and bottom navigation.
export class Shell {
  constructor(page, baseUrl) {
    this.page = page;
    this.baseUrl = baseUrl;
  }

  async open(path = "/record") {
    await this.page.goto(`${this.baseUrl}${path}`);
    await this.heading().waitFor();
  }

  heading() {
    return this.page.getByRole("heading", { level: 1 });
  }

  badge() {
    return this.page.locator(".online-badge");
  }

  updateBanner() {
    return this.page.getByRole("status").filter({ hasText: "Update available" });
  }

  async navigate(area) {
    await this.page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: area }).click();
    await this.page.getByRole("heading", { level: 1, name: area }).waitFor();
  }

  /// Resolves once a service worker controls the page.
  async waitForServiceWorker() {
    await this.page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  }
}

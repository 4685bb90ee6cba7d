// Page object for signing in, the sync bar, signing out and sync problems.
import { PASSWORD } from "../support/server.mjs";

export class SyncPage {
  constructor(page, baseUrl) {
    this.page = page;
    this.baseUrl = baseUrl;
  }

  bar() {
    return this.page.locator(".sync-bar");
  }

  async signIn(username, password = PASSWORD) {
    await this.page.goto(`${this.baseUrl}/sign-in`);
    await this.signInHere(username, password);
  }

  /// Signs in from the sign-in page already open, then waits for the first sync.
  async signInHere(username, password = PASSWORD) {
    await this.page.getByLabel("Username").fill(username);
    await this.page.getByLabel("Password").fill(password);
    await this.page.getByRole("button", { name: "Sign in" }).click();
    await this.page.getByRole("heading", { level: 1, name: "Record" }).waitFor();
    await this.waitSynced();
  }

  /// Resolves once a sync has finished with nothing left to send.
  async waitSynced(timeout = 60_000) {
    await this.bar().filter({ hasText: "Nothing waiting to sync" }).filter({ hasText: "Last synced" }).filter({ hasNotText: "Syncing" }).waitFor({ timeout });
  }

  async syncNow() {
    await this.bar().getByRole("button", { name: "Sync now" }).click();
  }

  /// Sync, pressing "Sync now" again after each failure, until nothing is left to send.
  async syncUntilDone(timeout = 120_000) {
    const deadline = Date.now() + timeout;
    while (Date.now() < deadline) {
      const button = this.bar().getByRole("button", { name: "Sync now" });
      if (await button.isEnabled().catch(() => false)) await button.click().catch(() => {});
      try {
        await this.waitSynced(3_000);
        const text = await this.bar().innerText();
        if (!/Sync failed|could not|refused/i.test(text)) return;
      } catch {
        // Still syncing, or it failed: try again.
      }
    }
    throw new Error(`sync did not finish: ${await this.bar().innerText()}`);
  }
}

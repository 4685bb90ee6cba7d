// Launches Debian's Chromium through playwright-core, at a phone's viewport, with a fresh profile.
import { chromium } from "playwright-core";
import { mkdir } from "node:fs/promises";
import { tempDir } from "./server.mjs";

export const PHONE = { width: 390, height: 844 };
export const OUTPUT = new URL("../output/", import.meta.url);

// As root on this kind of machine, Chromium needs these; the last three keep it off the network.
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export async function phoneContext() {
  return chromium.launchPersistentContext(await tempDir("profile"), {
    executablePath: "/usr/bin/chromium",
    args: CHROMIUM_ARGS,
    viewport: PHONE,
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    // A UK phone: dates in the pickers read day first.
    locale: "en-GB",
    timezoneId: "Europe/London",
  });
}

/// Saves a screenshot into e2e/output/ for a person to look at.
export async function screenshot(page, name) {
  await mkdir(OUTPUT, { recursive: true });
  const path = new URL(`${name}.png`, OUTPUT);
  await page.screenshot({ path: path.pathname });
  return path.pathname;
}

/// Offline again, for the page just loaded. Since Chromium 148, a document loaded while the
/// context is offline (the service worker answering) reports `navigator.onLine` as true, though
/// every request still fails; turning the emulation off and on again tells the page, with the
/// `online` and `offline` events a real phone would fire.
export async function offlineAgain(context) {
  await context.setOffline(false);
  await context.setOffline(true);
}

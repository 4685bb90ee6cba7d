// A Chromium that can be killed like a phone losing power: started by hand on a persistent
// profile, in its own process group, and reached over the DevTools protocol. Playwright's own
// launch cannot do this: its close is graceful, which lets Chromium write everything to disk.
import { spawn } from "node:child_process";
import { readFile, readdir } from "node:fs/promises";
import { setTimeout as sleep } from "node:timers/promises";
import { chromium } from "playwright-core";
import { CHROMIUM_ARGS, PHONE } from "./browser.mjs";

/// Starts Chromium on `profile` and resolves with its default context and a page in it.
export async function launchKillable(profile) {
  const args = [
    ...CHROMIUM_ARGS.filter((arg) => arg !== "--headless"),
    "--headless=new",
    `--user-data-dir=${profile}`,
    "--remote-debugging-port=0",
    `--window-size=${PHONE.width},${PHONE.height}`,
    "about:blank",
  ];
  // Detached: its own process group, so one signal reaches every process it forks.
  const child = spawn("/usr/bin/chromium", args, { detached: true, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (chunk) => (stderr += chunk));
  const port = await devToolsPort(() => stderr, child);
  const browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
  const context = browser.contexts()[0];
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    browser,
    context,
    page,
    /// SIGKILL to every process of this browser, as when a phone's battery dies; resolves once
    /// none is left.
    async kill() {
      const pids = [child.pid, ...(await descendants(child.pid))];
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {}
      // A process that left the group (a zygote may start its own session) is still a child.
      for (const pid of pids) {
        try {
          process.kill(pid, "SIGKILL");
        } catch {}
      }
      await waitGone(pids);
    },
    /// A clean shutdown, which writes everything to disk.
    async close() {
      const exited = new Promise((resolve) => (child.exitCode !== null ? resolve() : child.once("exit", resolve)));
      const session = await browser.newBrowserCDPSession();
      await session.send("Browser.close").catch(() => {});
      await exited;
    },
  };
}

/// The DevTools port Chromium chose, from the line it prints on stderr.
async function devToolsPort(stderr, child) {
  for (let waited = 0; waited < 30_000; waited += 50) {
    const match = stderr().match(/DevTools listening on ws:\/\/[^:]+:(\d+)\//);
    if (match) return Number(match[1]);
    if (child.exitCode !== null) break;
    await sleep(50);
  }
  throw new Error(`Chromium did not open DevTools:\n${stderr()}`);
}

/// Every process below `pid`, read from /proc.
async function descendants(pid) {
  const parents = new Map();
  for (const entry of await readdir("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = await readFile(`/proc/${entry}/stat`, "utf8");
      // The name may hold spaces and parentheses; the fields after its last ")" do not.
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      parents.set(Number(entry), ppid);
    } catch {}
  }
  const found = [];
  const queue = [pid];
  while (queue.length) {
    const parent = queue.shift();
    for (const [child, ppid] of parents) {
      if (ppid === parent) {
        found.push(child);
        queue.push(child);
      }
    }
  }
  return found;
}

/// Resolves once none of `pids` runs; a zombie no longer runs, whoever reaps it.
async function waitGone(pids) {
  for (let waited = 0; waited < 10_000; waited += 50) {
    const states = await Promise.all(
      pids.map((pid) => readFile(`/proc/${pid}/stat`, "utf8").then((stat) => stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3), () => "gone")),
    );
    if (states.every((state) => state === "gone" || state === "Z")) return;
    await sleep(50);
  }
  throw new Error("browser processes outlived SIGKILL");
}

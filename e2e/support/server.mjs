// Starts the real fieldbook-server on a free port, over a database and dist of the test's choosing.
import { spawn } from "node:child_process";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const SERVER_BIN = process.env.FIELDBOOK_SERVER_BIN ?? "target/debug/fieldbook-server";
export const DIST = process.env.FIELDBOOK_DIST ?? "dist";

export async function tempDir(prefix) {
  return mkdtemp(join(tmpdir(), `fieldbook-${prefix}-`));
}

/// Runs the server to completion and returns its exit code and output; for servers that should fail.
export function runServer(args, env = {}) {
  return new Promise((resolve) => {
    const child = spawn(SERVER_BIN, args, { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, ...env } });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("exit", (code, signal) => resolve({ code, signal, output }));
  });
}

/// Starts `serve` and resolves once it prints its URL, with what it printed so far as `said`
/// (which holds the set-up link on a database with no administrator: the server writes both
/// lines at once). `addr` defaults to a free port.
export function startServer({ db, dist = DIST, addr = "127.0.0.1:0" }) {
  const child = spawn(SERVER_BIN, ["serve", "--addr", addr, "--db", db, "--dist", dist], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  return new Promise((resolve, reject) => {
    const onData = (chunk) => {
      output += chunk;
      const match = output.match(/running at (http:\/\/[^\s]+?)\/?\s/);
      if (match) {
        child.stdout.off("data", onData);
        resolve({ url: match[1], said: output, stop: () => stop(child), process: child });
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("exit", (code) => reject(new Error(`server exited (${code}) before it was ready:\n${output}`)));
  });
}

function stop(child) {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => {
    child.removeAllListeners("exit");
    child.on("exit", resolve);
    child.kill("SIGINT");
  });
}

export const PASSWORD = "a long enough password";

/// Accounts in `db`, made with the server's own command line: [name, role, team] each.
export async function addAccounts(db, accounts) {
  const teams = [...new Set(accounts.map(([, , team]) => team).filter(Boolean))];
  for (const team of teams) {
    const { code, output } = await runServer(["team", "add", team], { FIELDBOOK_DB: db });
    if (code !== 0) throw new Error(output);
  }
  for (const [name, role, team] of accounts) {
    const args = ["user", "add", name, "--role", role, ...(team ? ["--team", team] : [])];
    const { code, output } = await runServer(args, { FIELDBOOK_DB: db, FIELDBOOK_PASSWORD: PASSWORD });
    if (code !== 0) throw new Error(output);
  }
}

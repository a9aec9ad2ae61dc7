/** Starts the production build as a child process on a free port with its own SQLite file. */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";

export type RunningServer = { url: string; child: ChildProcess; dir: string; logs: string[]; stop: () => Promise<number | null> };

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      srv.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

export async function startServer(env: Record<string, string> = {}): Promise<RunningServer> {
  const port = await freePort();
  const dir = mkdtempSync(path.join(os.tmpdir(), "gw-e2e-"));
  const logs: string[] = [];
  const child = spawn(process.execPath, ["build/server.js"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      DATABASE_PATH: path.join(dir, "e2e.db"),
      SESSION_COOKIE_SECURE: "false",
      LOG_LEVEL: "info",
      SCRYPT_LOG_N: "12",
      TEST_CLOCK: "true",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (b: Buffer) => logs.push(b.toString()));
  child.stderr!.on("data", (b: Buffer) => logs.push(b.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${logs.join("")}`);
    try {
      const res = await fetch(`${url}/readyz`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`server did not become ready:\n${logs.join("")}`);
    await new Promise((r) => setTimeout(r, 150));
  }
  const stop = () =>
    new Promise<number | null>((resolve) => {
      if (child.exitCode !== null) return resolve(child.exitCode);
      child.once("exit", (code) => {
        rmSync(dir, { recursive: true, force: true });
        resolve(code);
      });
      child.kill("SIGTERM");
    });
  return { url, child, dir, logs, stop };
}

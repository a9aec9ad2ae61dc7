/**
 * The processes under load: the production build (`build/server.js`) and the bare node:http replay
 * server, each a child process, plus what we read about them from /proc (memory and CPU time).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { createServer } from "node:net";

export type Served = {
  url: string;
  pid: number;
  /** The last lines the process printed, for error messages. */
  output: () => string;
  stop: () => Promise<void>;
};

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      srv.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no free port"))));
    });
  });
}

/** Keeps the tail of a child's output; an unread pipe would fill up and stall the child. */
function collect(child: ChildProcess): () => string {
  const lines: string[] = [];
  const keep = (b: Buffer) => {
    lines.push(b.toString());
    if (lines.length > 200) lines.splice(0, lines.length - 200);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  return () => lines.join("");
}

function stopper(child: ChildProcess): () => Promise<void> {
  return () =>
    new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const kill = setTimeout(() => child.kill("SIGKILL"), 15_000);
      child.once("exit", () => {
        clearTimeout(kill);
        resolve();
      });
      child.kill("SIGTERM");
    });
}

async function waitUntilReady(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited during start-up (code ${child.exitCode}):\n${output()}`);
    try {
      const res = await fetch(url);
      await res.arrayBuffer();
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`server did not become ready at ${url}:\n${output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export type AppServerOptions = {
  databasePath: string;
  logLevel: string;
  /** Extra variables, e.g. a raised rate limit; they win over everything else. */
  env?: Record<string, string>;
  /** Directory for a V8 CPU profile written when the server exits (`node --cpu-prof`). */
  cpuProfDir?: string;
  /** Where build/, public/, db/migrations and content/ are (default: the working directory). */
  cwd?: string;
};

/** Starts `node build/server.js` in production mode on a free port and waits for /readyz. */
export async function startAppServer(options: AppServerOptions): Promise<Served> {
  const port = await freePort();
  const args = options.cpuProfDir ? ["--cpu-prof", "--cpu-prof-dir", options.cpuProfDir, "build/server.js"] : ["build/server.js"];
  const child = spawn(process.execPath, args, {
    cwd: options.cwd,
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      DATABASE_PATH: options.databasePath,
      LOG_LEVEL: options.logLevel,
      // The bench speaks plain HTTP; a Secure cookie would still be sent by autocannon, but be honest.
      SESSION_COOKIE_SECURE: "false",
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output = collect(child);
  const url = `http://127.0.0.1:${port}`;
  const stop = stopper(child);
  try {
    await waitUntilReady(`${url}/readyz`, child, output);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, pid: child.pid!, output, stop };
}

export type CapturedResponse = { status: number; headers: Record<string, string | string[]>; body: string };

/** Starts the baseline: a bare node:http server answering every request with `response`. */
export async function startReplayServer(response: CapturedResponse): Promise<Served> {
  const child = spawn(process.execPath, ["bench/http/replay-server.mjs"], { stdio: ["pipe", "pipe", "pipe"] });
  const output = collect(child);
  child.stdin!.end(JSON.stringify(response));
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.once("data", (b: Buffer) => {
      const m = /"port":(\d+)/.exec(b.toString());
      if (m) resolve(Number(m[1]));
      else reject(new Error(`replay server said: ${b.toString()}`));
    });
    child.once("exit", (code) => reject(new Error(`replay server exited (${code}):\n${output()}`)));
  });
  // It prints its port once listening: no need to poll.
  return { url: `http://127.0.0.1:${port}`, pid: child.pid!, output, stop: stopper(child) };
}

/** A field of /proc/<pid>/status in bytes (VmRSS, VmHWM), or 0 once the process is gone. */
export function statusBytes(pid: number, field: "VmRSS" | "VmHWM"): number {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** The process and all its descendants (e.g. sandbox pool children), from /proc/<pid>/task/<tid>/children. */
export function processTree(pid: number): number[] {
  const out = [pid];
  for (let i = 0; i < out.length; i++) {
    const p = out[i]!;
    let tasks: string[] = [];
    try {
      tasks = readdirSync(`/proc/${p}/task`);
    } catch {
      continue;
    }
    for (const tid of tasks) {
      try {
        const kids = readFileSync(`/proc/${p}/task/${tid}/children`, "utf8").trim();
        if (kids) out.push(...kids.split(/\s+/).map(Number));
      } catch {
        // the task ended while we looked
      }
    }
  }
  return out;
}

/** CPU time (user + system) the process has used so far, in milliseconds. */
export function cpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the parenthesised command name; utime and stime are the 14th and 15th overall.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return 0;
  }
}
const CLOCK_TICKS = 100; // USER_HZ on Linux

/**
 * Samples the resident memory of a process tree every `everyMs` until stopped. The peak is the
 * larger of the sampled tree total and the main process's own high-water mark (VmHWM), which also
 * covers start-up and spikes between samples.
 */
export function sampleMemory(pid: number, everyMs = 100): { stop: () => number } {
  let peak = 0;
  const sample = () => {
    const total = processTree(pid).reduce((sum, p) => sum + statusBytes(p, "VmRSS"), 0);
    peak = Math.max(peak, total);
  };
  sample();
  const timer = setInterval(sample, everyMs);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return Math.max(peak, statusBytes(pid, "VmHWM"));
    },
  };
}

/**
 * A pool of pre-warmed sandbox child processes. Each job goes to an idle child; a watchdog kills a
 * child that overruns its wall-clock budget (SIGKILL) and starts a replacement, so nothing a
 * submission does — an infinite loop in a microtask, a memory bomb, a native hang — reaches the
 * server process.
 */
import { fork, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import type { SandboxJob, SandboxReply } from "./sandbox/protocol";
import type { SqlJob } from "./sql/run";

type Waiter = { job: SandboxJob | SqlJob; resolve: (r: SandboxReply) => void };
type Worker = { child: ChildProcess; busy: boolean; dead: boolean; killedByWatchdog: boolean; ready: Promise<void> };

export type PoolOptions = {
  size: number;
  /** Extra wall-clock time a job may take beyond its CPU time limit before its child is killed. */
  graceMs: number;
  /** Tests only: a different child entry point. */
  worker?: { file: string; execArgv: string[] };
  /** Called each time a child is replaced: the watchdog killed it (`timeout`) or it died on its own (`crash`). */
  onRestart?: (reason: "timeout" | "crash") => void;
};

function workerEntry(): { file: string; execArgv: string[] } {
  const built = path.resolve("build/sandbox-worker.js");
  const source = path.resolve("app/drills/sandbox/worker.ts");
  // Node 20 needs --no-node-snapshot for isolated-vm (its README).
  if (process.env.NODE_ENV === "production" && existsSync(built)) return { file: built, execArgv: ["--no-node-snapshot"] };
  return { file: source, execArgv: ["--no-node-snapshot", "--import", "tsx"] };
}

export class SandboxPool {
  private workers: Worker[] = [];
  private queue: Waiter[] = [];
  private closed = false;
  /** Children killed by the watchdog since start (for metrics and tests). */
  killed = 0;

  constructor(private readonly options: PoolOptions) {
    for (let i = 0; i < options.size; i++) this.workers.push(this.spawn());
  }

  private spawn(): Worker {
    const { file, execArgv } = this.options.worker ?? workerEntry();
    const child = fork(file, [], { execArgv, stdio: ["ignore", "ignore", "inherit", "ipc"], serialization: "advanced" });
    const ready = new Promise<void>((resolve, reject) => {
      const onMessage = (m: unknown) => {
        if ((m as { ready?: boolean }).ready) {
          child.off("message", onMessage);
          resolve();
        }
      };
      child.on("message", onMessage);
      // A child that dies while starting (say, the native module fails to load) must not leave a job waiting forever.
      child.once("exit", (code, signal) => reject(new Error(`the sandbox process exited while starting (${signal ?? code})`)));
    });
    ready.catch(() => undefined);
    const worker: Worker = { child, busy: false, dead: false, killedByWatchdog: false, ready };
    let started = false;
    ready.then(() => (started = true), () => undefined);
    child.on("exit", () => {
      const replace = () => {
        const i = this.workers.indexOf(worker);
        if (i === -1 || this.closed) return;
        this.options.onRestart?.(worker.killedByWatchdog ? "timeout" : "crash");
        this.workers[i] = this.spawn();
        this.drain();
      };
      // A child that dies before it is ready would die again at once: back off instead of spinning.
      if (started) replace();
      else setTimeout(replace, 1000).unref();
    });
    return worker;
  }

  run(job: SandboxJob | SqlJob): Promise<SandboxReply> {
    if (this.closed) return Promise.resolve({ ok: false, message: "the sandbox is shutting down" });
    return new Promise((resolve) => {
      this.queue.push({ job, resolve });
      this.drain();
    });
  }

  private drain(): void {
    for (const worker of this.workers) {
      if (this.queue.length === 0) return;
      if (worker.busy || worker.dead || worker.child.exitCode !== null || worker.child.signalCode !== null) continue;
      const waiter = this.queue.shift()!;
      worker.busy = true;
      void this.dispatch(worker, waiter);
    }
  }

  private async dispatch(worker: Worker, { job, resolve }: Waiter): Promise<void> {
    try {
      await worker.ready;
    } catch (error) {
      worker.dead = true;
      resolve({ ok: false, message: (error as Error).message });
      return;
    }
    const { child } = worker;
    let settled = false;
    const finish = (reply: SandboxReply) => {
      if (settled) return;
      settled = true;
      clearTimeout(watchdog);
      child.off("message", onMessage);
      child.off("exit", onExit);
      worker.busy = false;
      resolve(reply);
      this.drain();
    };
    const onMessage = (m: unknown) => {
      if ((m as { ready?: boolean }).ready) return;
      finish(m as SandboxReply);
    };
    const onExit = () => finish({ ok: true, status: "error", message: "The sandbox process died while running your code.", tests: [], output: "", outputTruncated: false, durationMs: 0 });
    const watchdog = setTimeout(() => {
      this.killed++;
      worker.dead = true;
      worker.killedByWatchdog = true;
      child.kill("SIGKILL");
      finish({
        ok: true,
        status: "error",
        message: `Time limit exceeded: your code ran past ${job.timeLimitMs} ms and was stopped.`,
        tests: [],
        output: "",
        outputTruncated: false,
        durationMs: job.timeLimitMs + this.options.graceMs,
        timedOut: true,
      });
    }, job.timeLimitMs + this.options.graceMs);
    child.on("message", onMessage);
    child.once("exit", onExit);
    child.send(job);
  }

  /** Waits until every child has started (used by the benchmark and at boot). */
  async warm(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.ready));
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const w of this.workers) w.child.kill("SIGKILL");
    for (const q of this.queue.splice(0)) q.resolve({ ok: false, message: "the sandbox is shutting down" });
  }
}

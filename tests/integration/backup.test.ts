/**
 * `npm run db:backup` (ADR 0018): an online backup taken while another connection keeps writing is
 * a consistent snapshot — it passes integrity_check, and its rows are exactly those of one moment:
 * every writer transaction is in it whole or not at all, and their number lies between what was
 * committed when the backup started and when it finished.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { Worker } from "node:worker_threads";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { backupDatabase, BackupError } from "../../app/utils/backup.server";
import { migrateDatabase, openDatabase } from "../../app/utils/db.server";

let dir: string;
let source: string;

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "gw-backup-"));
  source = path.join(dir, "live.db");
  const db = openDatabase(source);
  migrateDatabase(db);
  // Some bulk, so that copying takes long enough for writes to land while it runs.
  const insert = db.$client.prepare("insert into users (id, is_guest, created_at) values (?, 1, ?)");
  db.$client.transaction(() => {
    for (let i = 0; i < 40_000; i++) insert.run(`seed-${i}-${"x".repeat(60)}`, Date.now());
  })();
  db.$client.close();
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/**
 * Another connection (a worker thread, so it really runs alongside) that commits, as fast as it
 * can, transactions of one user and two sessions. `committed` counts them; `stop` ends it.
 */
function startWriter(file: string) {
  const shared = new Int32Array(new SharedArrayBuffer(8)); // [stop, committed]
  const worker = new Worker(
    `
    const { workerData } = require("node:worker_threads");
    const Database = require(workerData.driver);
    const db = new Database(workerData.file);
    db.pragma("busy_timeout = 5000");
    const user = db.prepare("insert into users (id, is_guest, created_at) values (?, 1, ?)");
    const session = db.prepare("insert into sessions (id, user_id, expires_at, created_at) values (?, ?, ?, ?)");
    const tx = db.transaction((n) => {
      const id = "writer-" + n;
      user.run(id, Date.now());
      session.run(id + "-a", id, Date.now() + 86400000, Date.now());
      session.run(id + "-b", id, Date.now() + 86400000, Date.now());
    });
    const state = workerData.shared;
    for (let n = 0; Atomics.load(state, 0) === 0; n++) {
      tx(n);
      Atomics.store(state, 1, n + 1);
    }
    db.close();
    `,
    { eval: true, workerData: { file, shared, driver: createRequire(import.meta.url).resolve("better-sqlite3") } },
  );
  const done = new Promise<void>((resolve, reject) => {
    worker.once("exit", () => resolve());
    worker.once("error", reject);
  });
  return {
    committed: () => Atomics.load(shared, 1),
    async waitFor(n: number) {
      while (Atomics.load(shared, 1) < n) await new Promise((r) => setTimeout(r, 5));
    },
    async stop() {
      Atomics.store(shared, 0, 1);
      await done;
    },
  };
}

/** What the copy holds: integrity, and the writer's transactions whole or absent. */
function inspect(file: string) {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const one = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    return {
      integrity: db.pragma("integrity_check", { simple: true }),
      journalMode: db.pragma("journal_mode", { simple: true }),
      seeded: one("select count(*) as n from users where id like 'seed-%'"),
      writerUsers: one("select count(*) as n from users where id like 'writer-%'"),
      writerSessions: one("select count(*) as n from sessions where id like 'writer-%'"),
      // Transactions are numbered from 0: a consistent prefix has no gaps.
      maxWriter: one("select coalesce(max(cast(substr(id, 8) as integer)) + 1, 0) as n from users where id like 'writer-%'"),
    };
  } finally {
    db.close();
  }
}

function runCli(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(path.resolve("node_modules/.bin/tsx"), ["scripts/db-backup.ts", ...args], {
      env: { ...process.env, DATABASE_PATH: source, LOG_LEVEL: "silent", ...env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (b: Buffer) => (stdout += b.toString()));
    child.stderr.on("data", (b: Buffer) => (stderr += b.toString()));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("an online backup", () => {
  it("is one consistent point in time while another connection writes", async () => {
    const writer = startWriter(source);
    await writer.waitFor(50);
    const before = writer.committed();
    const report = await backupDatabase({ source, destination: path.join(dir, "copy.db") });
    const after = writer.committed();
    await writer.stop();

    expect(after).toBeGreaterThan(before); // the writer kept committing while the copy was taken
    const copy = inspect(report.destination);
    expect(copy.integrity).toBe("ok");
    expect(copy.journalMode).toBe("delete");
    expect(copy.seeded).toBe(40_000);
    expect(copy.writerSessions).toBe(2 * copy.writerUsers);
    expect(copy.maxWriter).toBe(copy.writerUsers);
    expect(copy.writerUsers).toBeGreaterThanOrEqual(before);
    expect(copy.writerUsers).toBeLessThanOrEqual(after);
    expect(report.bytes).toBeGreaterThan(1_000_000);
    expect(existsSync(`${report.destination}-wal`)).toBe(false);
    // The live database kept every write, including those after the snapshot.
    expect(inspect(source).writerUsers).toBe(writer.committed());
  });

  it("refuses to overwrite a file, or the database itself, unless told to", async () => {
    const target = path.join(dir, "existing.db");
    writeFileSync(target, "an older backup");
    await expect(backupDatabase({ source, destination: target })).rejects.toMatchObject({ kind: "destination-exists" });
    expect(readFileSync(target, "utf8")).toBe("an older backup");
    await expect(backupDatabase({ source, destination: source, force: true })).rejects.toBeInstanceOf(BackupError);
    await expect(backupDatabase({ source: path.join(dir, "nope.db"), destination: path.join(dir, "x.db") })).rejects.toMatchObject({ kind: "source-missing" });

    // --force replaces it, and a stale write-ahead log next to it cannot be replayed onto the copy.
    writeFileSync(`${target}-wal`, "stale");
    const report = await backupDatabase({ source, destination: target, force: true });
    expect(inspect(report.destination).integrity).toBe("ok");
    expect(existsSync(`${target}-wal`)).toBe(false);
    expect(readdirPartials()).toEqual([]);
  });
});

function readdirPartials(): string[] {
  return readdirSync(dir).filter((f) => f.includes(".partial-"));
}

describe("npm run db:backup", () => {
  it("backs up the running database, printing size and duration", async () => {
    const writer = startWriter(source);
    await writer.waitFor(50);
    const target = path.join(dir, "nightly", "groundwork.db");
    const res = await runCli([target]);
    await writer.stop();
    expect(res.stderr).toBe("");
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/^Backed up .*live\.db to .*groundwork\.db: [\d.]+ MiB \(\d+ bytes, \d+ pages\) in \d+ ms; integrity check ok\.\n$/);
    const copy = inspect(target);
    expect(copy.integrity).toBe("ok");
    expect(copy.writerSessions).toBe(2 * copy.writerUsers);
    expect(copy.maxWriter).toBe(copy.writerUsers);
  });

  it("exits 2 without touching anything for bad usage, an existing file or a missing database", async () => {
    const usage = await runCli([]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/usage: npm run db:backup -- <file> \[--force\]/);
    expect((await runCli(["a.db", "--frobnicate"])).code).toBe(2);

    const target = path.join(dir, "existing.db");
    writeFileSync(target, "an older backup");
    const refused = await runCli([target]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/exists; pass --force/);
    expect(readFileSync(target, "utf8")).toBe("an older backup");
    const forced = await runCli([target, "--force"]);
    expect(forced.code).toBe(0);
    expect(inspect(target).integrity).toBe("ok");

    const missing = await runCli([path.join(dir, "y.db")], { DATABASE_PATH: path.join(dir, "absent.db") });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/No database at/);
    expect(existsSync(path.join(dir, "y.db"))).toBe(false);
  });
});

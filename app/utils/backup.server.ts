/**
 * Online backup of the SQLite file through SQLite's backup API (better-sqlite3's `db.backup()`),
 * safe while the app is writing (ADR 0018). The copy is one consistent snapshot: pages are copied
 * in a single step under one read transaction, so a write that lands mid-way restarts the copy
 * rather than mixing two points in time, and in WAL mode the app's writers never wait for it.
 */
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, renameSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

export class BackupError extends Error {
  constructor(
    readonly kind: "source-missing" | "destination-exists" | "same-file" | "check-failed",
    message: string,
  ) {
    super(message);
  }
}

export type BackupReport = { source: string; destination: string; bytes: number; pages: number; ms: number; integrity: "ok" };

/** All remaining pages in the next step: one read snapshot, at most one restart. */
const ALL_PAGES = 0x7fffffff;

export async function backupDatabase(input: { source: string; destination: string; force?: boolean; busyTimeoutMs?: number }): Promise<BackupReport> {
  const source = path.resolve(input.source);
  const destination = path.resolve(input.destination);
  if (!existsSync(source)) throw new BackupError("source-missing", `No database at ${source}.`);
  if (source === destination) throw new BackupError("same-file", "The backup cannot overwrite the database it copies.");
  if (existsSync(destination) && !input.force) throw new BackupError("destination-exists", `${destination} exists; pass --force to overwrite it.`);

  mkdirSync(path.dirname(destination), { recursive: true });
  // Written next to the destination and renamed into place: a failed or interrupted backup never
  // leaves a half-written file under the name an operator would restore from.
  const partial = `${destination}.partial-${randomBytes(4).toString("hex")}`;
  const started = performance.now();
  const db = new Database(source, { fileMustExist: true });
  try {
    db.pragma(`busy_timeout = ${Math.trunc(input.busyTimeoutMs ?? 5000)}`);
    const progress = await db.backup(partial, { progress: () => ALL_PAGES });
    const copy = new Database(partial);
    try {
      // A self-contained file: no -wal or -shm next to it, whatever mode the source was in.
      copy.pragma("journal_mode = DELETE");
      const integrity = copy.pragma("integrity_check", { simple: true });
      if (integrity !== "ok") throw new BackupError("check-failed", `The copy failed its integrity check: ${String(integrity)}`);
    } finally {
      copy.close();
    }
    if (input.force) {
      // A stale write-ahead log next to a replaced file would be replayed onto it.
      for (const suffix of ["-wal", "-shm", "-journal"]) rmSync(destination + suffix, { force: true });
    }
    renameSync(partial, destination);
    return { source, destination, bytes: statSync(destination).size, pages: progress.totalPages, ms: performance.now() - started, integrity: "ok" };
  } catch (error) {
    for (const suffix of ["", "-journal", "-wal", "-shm"]) rmSync(partial + suffix, { force: true });
    throw error;
  } finally {
    db.close();
  }
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ["KiB", "MiB", "GiB", "TiB"];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

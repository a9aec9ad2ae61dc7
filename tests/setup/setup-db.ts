/**
 * Every test file gets its own SQLite file, created from the committed migrations and filled from
 * the fixture content. console.error fails the test that triggered it.
 */
import { rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, vi } from "vitest";
import { syncContent } from "../../app/content/sync.server";
import { closeDb, getDb, migrateDatabase } from "../../app/utils/db.server";
import { resetSingleton } from "../../app/utils/singleton.server";

export const FIXTURE_CONTENT = path.resolve("tests/fixtures/content");

const file = path.join(os.tmpdir(), `groundwork-test-${process.pid}-${process.env.VITEST_POOL_ID ?? "0"}-${Math.random().toString(36).slice(2)}.db`);
process.env.NODE_ENV = "test";
process.env.DATABASE_PATH = file;
process.env.CONTENT_DIR = FIXTURE_CONTENT;
process.env.LOG_LEVEL = "silent";
process.env.SCRYPT_LOG_N = "10";

function removeDbFiles() {
  for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
}

beforeAll(async () => {
  closeDb();
  for (const name of ["env", "logger", "session-cookie", "question-version-cache", "rate-limiters", "lifecycle"]) resetSingleton(name);
  removeDbFiles();
  migrateDatabase(getDb());
  await syncContent(getDb(), FIXTURE_CONTENT);
});

afterAll(() => {
  closeDb();
  removeDbFiles();
});

let errorSpy: ReturnType<typeof vi.spyOn> | undefined;
beforeEach(() => {
  errorSpy = vi.spyOn(console, "error");
});
afterEach(() => {
  const calls = errorSpy?.mock.calls ?? [];
  if (calls.length > 0) throw new Error(`console.error was called:\n${calls.map((c: unknown[]) => c.map(String).join(" ")).join("\n")}`);
});

/**
 * The one SQLite connection of the process, with its pragmas, and the migrator. Models reach the
 * database only through `getDb()`.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import * as schema from "../../db/schema";
import { getEnv } from "./env.server";
import { resetSingleton, singleton } from "./singleton.server";
import { instrumentSqlite, isTracingEnabled } from "./tracing.server";

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export const MIGRATIONS_DIR = path.resolve("db/migrations");

export function openDatabase(file: string, options: { busyTimeoutMs?: number } = {}): Db {
  if (file !== ":memory:") mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  // Past this wait a write throws SQLITE_BUSY, which every route answers as 503 (db-busy.server.ts).
  sqlite.pragma(`busy_timeout = ${Math.trunc(options.busyTimeoutMs ?? 5000)}`);
  sqlite.pragma("synchronous = NORMAL");
  if (isTracingEnabled()) instrumentSqlite(sqlite);
  // After instrumentation, so each compiled statement is wrapped once and then reused.
  reuseStatements(sqlite);
  return drizzle(sqlite, { schema }) as Db;
}

export const STATEMENT_CACHE_SIZE = 500;

/**
 * drizzle compiles a new SQLite statement for every query it runs, and compiling costs more than
 * running our small indexed queries. Keep the most recently used statements, keyed by their SQL
 * (least recently used evicted). A statement is synchronous and used at once, so sharing it is
 * safe; drizzle switches result mode with raw() before each array-mode use, and we switch it back.
 */
function reuseStatements(sqlite: Database.Database): void {
  const compile = sqlite.prepare.bind(sqlite);
  const cache = new Map<string, Database.Statement>();
  sqlite.prepare = ((source: string) => {
    let stmt = cache.get(source);
    if (stmt) {
      cache.delete(source);
      if (stmt.reader) stmt.raw(false);
    } else {
      stmt = compile(source);
      if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
    }
    cache.set(source, stmt);
    return stmt;
  }) as typeof sqlite.prepare;
}

export function getDb(): Db {
  return singleton("db", () => {
    const env = getEnv();
    return openDatabase(env.DATABASE_PATH, { busyTimeoutMs: env.DATABASE_BUSY_TIMEOUT_MS });
  });
}

export function migrateDatabase(db: Db = getDb()): void {
  migrate(db, { migrationsFolder: MIGRATIONS_DIR });
}

export function closeDb(): void {
  const store = globalThis as unknown as Record<symbol, Db | undefined>;
  const db = store[Symbol.for("groundwork.db")];
  if (db?.$client.open) db.$client.close();
  resetSingleton("db");
}

/** Readiness: the database answers a trivial query. */
export function pingDb(): boolean {
  try {
    return getDb().$client.prepare("select 1 as ok").get() !== undefined;
  } catch {
    return false;
  }
}

/**
 * Runs one SQL drill job against a fresh in-memory SQLite built from the dataset snapshot. Executed
 * inside a sandbox child process (never the server): better-sqlite3 cannot interrupt a statement,
 * so a runaway query is stopped by the pool's watchdog killing the child.
 */
import { createHash } from "node:crypto";
import Database from "better-sqlite3";
import type { SandboxReply, SandboxTestResult } from "../sandbox/protocol";
import { checkPlanRule, planTree, type PlanNode, type PlanRow, type PlanRule } from "./plan";
import { compareResults, type Row } from "./results";
import { checkSubmission, type SqlDrillKind } from "./statements";

export type SqlCase = { name: string; setup?: string; hidden?: boolean; category?: string };
export type SqlTarget = { name: string; sql: string; rules: PlanRule[]; hidden?: boolean; category?: string };
export type SqlProbe = { name: string; sql: string; expect: "ok" | "error"; match?: string; hidden?: boolean; category?: string };

export type SqlSpec = {
  ordered?: boolean;
  cases?: SqlCase[];
  plan?: PlanRule[];
  targets?: SqlTarget[];
  maxIndexes?: number;
  probes?: SqlProbe[];
  requireIndexes?: Array<{ table: string; columns: string[]; category?: string }>;
  invariants?: Array<{ name: string; sql: string; hidden?: boolean; category?: string }>;
  runTwice?: boolean;
  setup?: string;
};

export type SqlJob = {
  kind: "sql";
  drillKind: SqlDrillKind;
  datasetSql: string;
  spec: SqlSpec;
  referenceSql: string;
  submissionSql: string;
  mode: "run" | "submit";
  timeLimitMs: number;
  rowCap: number;
};

export type SqlExtras = {
  columns?: string[];
  rows?: Row[];
  rowsTruncated?: boolean;
  plan?: PlanNode[];
  ms?: number;
};

const snapshots = new Map<string, Buffer>();
/** The reference's rows per (dataset, case setup, reference query): deterministic, so computed once per child. */
const expectedRows = new Map<string, Row[]>();

function snapshot(datasetSql: string): Buffer {
  const key = createHash("sha256").update(datasetSql).digest("hex");
  let buf = snapshots.get(key);
  if (!buf) {
    const db = new Database(":memory:");
    db.exec(datasetSql);
    buf = db.serialize();
    db.close();
    snapshots.set(key, buf);
  }
  return buf;
}

function open(datasetSql: string): Database.Database {
  const db = datasetSql ? new Database(snapshot(datasetSql)) : new Database(":memory:");
  db.pragma("foreign_keys = ON");
  // A randomblob()/zeroblob() bomb fails with "out of memory" instead of taking the process down.
  db.pragma("hard_heap_limit = 268435456");
  return db;
}

function query(db: Database.Database, sql: string, cap: number): { columns: string[]; rows: Row[]; truncated: boolean } {
  const stmt = db.prepare(sql).raw(true);
  const columns = stmt.columns().map((c) => c.name);
  const rows: Row[] = [];
  let truncated = false;
  for (const row of stmt.iterate() as Iterable<Row>) {
    if (rows.length >= cap) {
      truncated = true;
      break;
    }
    rows.push(row);
  }
  return { columns, rows, truncated };
}

function plan(db: Database.Database, sql: string): PlanRow[] {
  return db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as PlanRow[];
}

function execAll(db: Database.Database, statements: string[]) {
  for (const s of statements) db.prepare(s).run();
}

const errorText = (e: unknown) => (e as Error)?.message ?? String(e);

export function runSqlJob(job: SqlJob): SandboxReply & { extras?: SqlExtras } {
  const started = performance.now();
  const checked = checkSubmission(job.drillKind, job.submissionSql);
  if (!checked.ok) return { ok: true, status: "error", message: checked.message, tests: [], output: "", outputTruncated: false, durationMs: performance.now() - started };
  const reference = checkSubmission(job.drillKind, job.referenceSql);
  if (!reference.ok) return { ok: false, message: `the drill's reference is invalid: ${reference.message}` };
  const tests: SandboxTestResult[] = [];
  const extras: SqlExtras = {};
  const add = (name: string, hidden: boolean | undefined, category: string | undefined, failure: string | null) => {
    if (hidden && job.mode === "run") return;
    tests.push({ index: tests.length, name, hidden: Boolean(hidden), category: category ?? null, status: failure ? "fail" : "pass", message: failure, output: "" });
  };
  try {
    const spec = job.spec;
    switch (job.drillKind) {
      case "sql-query":
      case "sql-rewrite": {
        const [sql] = checked.statements as [string];
        for (const c of spec.cases ?? [{ name: "returns the expected rows" }]) {
          if (c.hidden && job.mode === "run") continue;
          const subDb = open(job.datasetSql);
          if (c.setup) subDb.exec(c.setup);
          const cacheKey = createHash("sha256").update(job.datasetSql).update("\0").update(c.setup ?? "").update("\0").update(reference.statements[0]!).digest("hex");
          let expectedRowsForCase = expectedRows.get(cacheKey);
          if (!expectedRowsForCase) {
            const refDb = open(job.datasetSql);
            if (c.setup) refDb.exec(c.setup);
            expectedRowsForCase = query(refDb, reference.statements[0]!, job.rowCap * 10).rows;
            refDb.close();
            expectedRows.set(cacheKey, expectedRowsForCase);
          }
          const expected = { rows: expectedRowsForCase };
          let failure: string | null = null;
          try {
            const t = performance.now();
            const got = query(subDb, sql, job.rowCap * 10);
            const ms = performance.now() - t;
            const cmp = compareResults(expected.rows, got.rows, { ordered: Boolean(spec.ordered) });
            if (!cmp.equal) failure = `${cmp.reason}${cmp.missing.length ? `\nexpected but missing: ${JSON.stringify(cmp.missing)}` : ""}${cmp.extra.length ? `\nunexpected: ${JSON.stringify(cmp.extra)}` : ""}`;
            if (!failure && job.drillKind === "sql-rewrite") {
              const rows = plan(subDb, sql);
              for (const r of spec.plan ?? []) failure ??= checkPlanRule(rows, r, sql);
            }
            if (!c.hidden && extras.rows === undefined) {
              extras.columns = got.columns;
              extras.rows = got.rows.slice(0, job.rowCap);
              extras.rowsTruncated = got.truncated || got.rows.length > job.rowCap;
              extras.plan = planTree(plan(subDb, sql));
              extras.ms = ms;
            }
          } catch (e) {
            failure = `SQLite: ${errorText(e)}`;
          }
          add(c.name, c.hidden, c.category, failure);
          subDb.close();
        }
        break;
      }
      case "sql-index": {
        const db = open(job.datasetSql);
        if (spec.maxIndexes !== undefined && checked.statements.length > spec.maxIndexes) {
          add(`at most ${spec.maxIndexes} indexes`, false, undefined, `you created ${checked.statements.length} indexes; every index costs writes and storage, and this drill allows ${spec.maxIndexes}`);
        }
        try {
          execAll(db, checked.statements);
        } catch (e) {
          return { ok: true, status: "error", message: `SQLite: ${errorText(e)}`, tests: [], output: "", outputTruncated: false, durationMs: performance.now() - started };
        }
        for (const t of spec.targets ?? []) {
          const rows = plan(db, t.sql);
          let failure: string | null = null;
          for (const r of t.rules) failure ??= checkPlanRule(rows, r, t.sql);
          add(t.name, t.hidden, t.category, failure);
          if (!t.hidden && extras.plan === undefined) extras.plan = planTree(rows);
        }
        db.close();
        break;
      }
      case "sql-schema": {
        const db = open(job.datasetSql);
        try {
          execAll(db, checked.statements);
        } catch (e) {
          return { ok: true, status: "error", message: `SQLite: ${errorText(e)}`, tests: [], output: "", outputTruncated: false, durationMs: performance.now() - started };
        }
        if (spec.setup) db.exec(spec.setup);
        for (const p of spec.probes ?? []) {
          db.exec("SAVEPOINT probe");
          let failure: string | null = null;
          try {
            db.exec(p.sql);
            if (p.expect === "error") failure = "this statement should have been rejected by a constraint, but it succeeded";
          } catch (e) {
            if (p.expect === "ok") failure = `this statement should succeed, but SQLite said: ${errorText(e)}`;
            else if (p.match && !errorText(e).includes(p.match)) failure = `rejected, but by the wrong rule: ${errorText(e)}`;
          }
          db.exec("ROLLBACK TO probe; RELEASE probe");
          add(p.name, p.hidden, p.category, failure);
        }
        for (const want of spec.requireIndexes ?? []) {
          const indexes = db.prepare(`SELECT name FROM pragma_index_list(?)`).all(want.table) as Array<{ name: string }>;
          const ok = indexes.some((ix) => {
            const cols = (db.prepare(`SELECT name FROM pragma_index_info(?) ORDER BY seqno`).all(ix.name) as Array<{ name: string }>).map((c) => c.name);
            return want.columns.every((c, i) => cols[i] === c);
          });
          add(`an index on ${want.table}(${want.columns.join(", ")})`, Boolean(want.category), want.category, ok ? null : `no index on ${want.table} starts with (${want.columns.join(", ")})`);
        }
        db.close();
        break;
      }
      case "sql-transaction": {
        const refDb = open(job.datasetSql);
        const subDb = open(job.datasetSql);
        if (spec.setup) {
          refDb.exec(spec.setup);
          subDb.exec(spec.setup);
        }
        const times = spec.runTwice ? 2 : 1;
        for (let i = 0; i < times; i++) execAll(refDb, reference.statements);
        let runError: string | null = null;
        try {
          for (let i = 0; i < times; i++) execAll(subDb, checked.statements);
        } catch (e) {
          runError = `SQLite: ${errorText(e)}`;
        }
        if (subDb.inTransaction) subDb.exec("ROLLBACK");
        for (const inv of spec.invariants ?? []) {
          if (inv.hidden && job.mode === "run") continue;
          const expected = query(refDb, inv.sql, job.rowCap * 10).rows;
          const got = query(subDb, inv.sql, job.rowCap * 10).rows;
          const cmp = compareResults(expected, got, { ordered: false });
          add(inv.name, inv.hidden, inv.category, runError ?? (cmp.equal ? null : cmp.reason));
        }
        refDb.close();
        subDb.close();
        break;
      }
    }
  } catch (e) {
    const message = errorText(e);
    return { ok: true, status: "error", message: /out of memory/i.test(message) ? "Memory limit exceeded (SQLite ran out of its heap)." : `SQLite: ${message}`, tests, output: "", outputTruncated: false, durationMs: performance.now() - started };
  }
  const status = tests.some((t) => t.status !== "pass") ? "fail" : "pass";
  return { ok: true, status, message: null, tests, output: "", outputTruncated: false, durationMs: performance.now() - started, extras };
}

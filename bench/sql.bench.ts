/**
 * SQL drill latency on the 100,000-order dataset, graded through the sandbox pool (a fresh
 * database from the snapshot, the submission run, rows compared with the cached reference, the
 * plan read), against a baseline measured in the same run: the same query on an already-open
 * connection. Two drills: an indexed keyset page (overhead-dominated) and a full aggregate
 * (query-dominated). Goal: p50 under 100 ms for the indexed one.
 */
import Database from "better-sqlite3";
import { loadContent } from "../app/content/load.server";
import { SandboxPool } from "../app/drills/pool.server";
import { runDrill } from "../app/drills/runner.server";
import { printTable, summarise, time } from "./stats";

const content = loadContent(process.env.CONTENT_DIR ?? "content");
const pool = new SandboxPool({ size: 2, graceMs: 2000 });
await pool.warm();

async function measure(id: string, setup = "") {
  const drill = content.drills.find((d) => d.id === id);
  if (!drill) throw new Error(`the ${id} drill is missing`);
  const runnable = { ...drill, referenceSql: drill.solution };
  const db = new Database(":memory:");
  db.exec(drill.datasetSql);
  if (setup) db.exec(setup);
  const stmt = db.prepare(drill.solution);
  const check = await runDrill(runnable, { code: drill.solution, language: "sql", mode: "run" }, pool);
  if (check.status !== "pass") throw new Error(`the ${id} reference does not pass: ${JSON.stringify(check)}`);
  const base = summarise(await time(() => stmt.all(), 100, 10));
  const run = summarise(await time(() => runDrill(runnable, { code: drill.solution, language: "sql", mode: "run" }, pool), 100, 10));
  db.close();
  return { base, run };
}

const keyset = await measure("keyset-next-page", "CREATE INDEX orders_created_id ON orders (created_at, id);");
const aggregate = await measure("revenue-by-country");
await pool.close();

printTable("SQL drills on 100,000 orders (100 runs each)", [
  { name: "keyset page: query on an open connection", ...keyset.base },
  { name: "keyset page: graded drill run", ...keyset.run },
  { name: "aggregate: query on an open connection", ...aggregate.base },
  { name: "aggregate: graded drill run", ...aggregate.run },
]);
console.log(`ratio p50 drill run / baseline: keyset ${(keyset.run.p50 / keyset.base.p50).toFixed(1)}×, aggregate ${(aggregate.run.p50 / aggregate.base.p50).toFixed(1)}×`);
const ok = keyset.run.p50 < 100;
console.log(`target p50 < 100 ms (indexed drill): ${ok ? "met" : "MISSED"} (${keyset.run.p50.toFixed(1)} ms)`);
if (!ok) process.exitCode = 1;

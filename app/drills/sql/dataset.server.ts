/**
 * The schema browser's view of a dataset: tables, columns and row counts. Built once per dataset
 * per process at sync time, in a throwaway in-memory database.
 */
import { createHash } from "node:crypto";
import Database from "better-sqlite3";
import type { SchemaTable } from "../types";

const cache = new Map<string, SchemaTable[]>();

export function describeDataset(datasetSql: string): SchemaTable[] {
  if (!datasetSql) return [];
  const key = createHash("sha256").update(datasetSql).digest("hex");
  const hit = cache.get(key);
  if (hit) return hit;
  const db = new Database(":memory:");
  try {
    db.exec(datasetSql);
    const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as Array<{ name: string }>;
    const out = tables.map(({ name }) => ({
      table: name,
      columns: (db.prepare("SELECT name, type FROM pragma_table_info(?)").all(name) as Array<{ name: string; type: string }>).map((c) => ({ name: c.name, type: c.type })),
      rows: (db.prepare(`SELECT count(*) AS n FROM "${name.replace(/"/g, '""')}"`).get() as { n: number }).n,
    }));
    cache.set(key, out);
    return out;
  } finally {
    db.close();
  }
}

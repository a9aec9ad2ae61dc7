/**
 * SQLite's EXPLAIN QUERY PLAN as a tree, and the plan rules SQL drills grade on. Pure.
 * Rows come from `EXPLAIN QUERY PLAN <sql>`: { id, parent, detail }.
 */

export type PlanRow = { id: number; parent: number; detail: string };
export type PlanNode = { id: number; detail: string; kind: "scan" | "search" | "temp-btree" | "other"; children: PlanNode[] };

export function nodeKind(detail: string): PlanNode["kind"] {
  if (/^SCAN /.test(detail) && !/USING (COVERING )?INDEX/.test(detail)) return "scan";
  if (/^SEARCH /.test(detail) || /^SCAN .* USING (COVERING )?INDEX/.test(detail)) return "search";
  if (/USE TEMP B-TREE/.test(detail)) return "temp-btree";
  return "other";
}

export function planTree(rows: PlanRow[]): PlanNode[] {
  const nodes = new Map<number, PlanNode>();
  for (const r of rows) nodes.set(r.id, { id: r.id, detail: r.detail, kind: nodeKind(r.detail), children: [] });
  const roots: PlanNode[] = [];
  for (const r of rows) {
    const node = nodes.get(r.id)!;
    const parent = nodes.get(r.parent);
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

/** A requirement on the plan of one target query. Tables are matched by name (or alias) in the detail. */
export type PlanRule =
  | { rule: "no-full-scan"; table: string }
  | { rule: "uses-index"; table: string }
  | { rule: "covering"; table: string }
  | { rule: "no-temp-btree"; for?: "ORDER BY" | "GROUP BY" | "DISTINCT" };

const KEYWORDS = new Set(["where", "join", "inner", "left", "right", "full", "cross", "natural", "on", "using", "group", "order", "limit", "having", "union", "except", "intersect", "window", "indexed", "not", "as"]);

/** alias → table for `FROM t a`, `JOIN t AS a` in a query (SQLite's plan names tables by their alias). */
export function aliasesOf(sql: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of sql.matchAll(/\b(?:from|join)\s+([A-Za-z_][\w]*)(?:\s+(?:as\s+)?([A-Za-z_][\w]*))?/gi)) {
    const table = m[1]!.toLowerCase();
    const alias = m[2]?.toLowerCase();
    if (alias && !KEYWORDS.has(alias)) out.set(alias, table);
  }
  return out;
}

let currentAliases = new Map<string, string>();
function mentions(detail: string, table: string): boolean {
  const name = /^(?:SCAN|SEARCH) (\S+)/i.exec(detail)?.[1]?.toLowerCase();
  if (!name) return false;
  return name === table.toLowerCase() || currentAliases.get(name) === table.toLowerCase();
}

/**
 * Null when the plan satisfies the rule, else a sentence saying what the plan does instead. Pass the
 * query's SQL so that aliases (`FROM orders o`, shown as `SCAN o` in the plan) resolve to their table.
 */
export function checkPlanRule(rows: PlanRow[], r: PlanRule, sql = ""): string | null {
  currentAliases = aliasesOf(sql);
  switch (r.rule) {
    case "no-full-scan": {
      const scan = rows.find((x) => mentions(x.detail, r.table) && nodeKind(x.detail) === "scan");
      return scan ? `the plan scans every row of ${r.table} ("${scan.detail}")` : null;
    }
    case "uses-index": {
      // SEARCH means the index narrows the rows; "SCAN t USING INDEX" still walks all of them.
      const hit = rows.find((x) => /^SEARCH /i.test(x.detail) && mentions(x.detail, r.table));
      const seen = rows.find((x) => mentions(x.detail, r.table));
      return hit ? null : `${r.table} is not searched through an index${seen ? ` ("${seen.detail}")` : ""}`;
    }
    case "covering": {
      const hit = rows.find((x) => mentions(x.detail, r.table) && /USING COVERING INDEX/.test(x.detail));
      const seen = rows.find((x) => mentions(x.detail, r.table));
      return hit ? null : `${r.table} is not read through a covering index${seen ? ` ("${seen.detail}")` : ""}`;
    }
    case "no-temp-btree": {
      const t = rows.find((x) => /USE TEMP B-TREE/.test(x.detail) && (!r.for || x.detail.includes(r.for)));
      return t ? `the plan sorts with a temporary B-tree ("${t.detail}")` : null;
    }
  }
}

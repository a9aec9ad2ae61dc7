import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { checkPlanRule, planTree, type PlanRow } from "./plan";
import { compareResults } from "./results";

function db() {
  const d = new Database(":memory:");
  d.exec(`CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INT, total REAL, created_at INT);
    WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < 2000)
    INSERT INTO orders SELECT n, n % 97, (n * 7) % 500, 1700000000 + n FROM s;`);
  return d;
}
const plan = (d: Database.Database, sql: string) => d.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as PlanRow[];

describe("query plans from the real SQLite planner", () => {
  it("flags a full scan and a temp B-tree, and passes once an index serves the query", () => {
    const d = db();
    const q = "SELECT id, total FROM orders WHERE customer_id = 5 ORDER BY created_at";
    expect(checkPlanRule(plan(d, q), { rule: "no-full-scan", table: "orders" })).toMatch(/scans every row of orders/);
    expect(checkPlanRule(plan(d, q), { rule: "no-temp-btree", for: "ORDER BY" })).toMatch(/temporary B-tree/);
    d.exec("CREATE INDEX orders_customer_created ON orders(customer_id, created_at)");
    expect(checkPlanRule(plan(d, q), { rule: "no-full-scan", table: "orders" })).toBeNull();
    expect(checkPlanRule(plan(d, q), { rule: "uses-index", table: "orders" })).toBeNull();
    expect(checkPlanRule(plan(d, q), { rule: "no-temp-btree" })).toBeNull();
    expect(checkPlanRule(plan(d, q), { rule: "covering", table: "orders" })).toMatch(/not read through a covering index/);
    d.exec("CREATE INDEX orders_covering ON orders(customer_id, created_at, total)");
    expect(checkPlanRule(plan(d, q), { rule: "covering", table: "orders" })).toBeNull();
  });

  it("resolves table aliases, which SQLite's plan shows instead of table names", () => {
    const d = db();
    d.exec("CREATE INDEX orders_customer ON orders(customer_id)");
    const q = "SELECT o.id FROM orders AS o WHERE o.customer_id = 5";
    expect(checkPlanRule(plan(d, q), { rule: "uses-index", table: "orders" }, q)).toBeNull();
    const scan = "SELECT o.id FROM orders o WHERE o.total > 100";
    expect(checkPlanRule(plan(d, scan), { rule: "no-full-scan", table: "orders" }, scan)).toMatch(/scans every row of orders \("SCAN o"\)/);
  });

  it("builds a tree from parent links", () => {
    const d = db();
    const tree = planTree(plan(d, "SELECT * FROM orders a JOIN orders b ON b.customer_id = a.customer_id WHERE a.id IN (SELECT id FROM orders WHERE total > 400)"));
    expect(tree.length).toBeGreaterThan(0);
    expect(JSON.stringify(tree)).toMatch(/"kind":"(scan|search)"/);
  });
});

describe("comparing result sets", () => {
  it("ignores order unless asked, normalises numbers, and says what differs", () => {
    expect(compareResults([[1, "a"], [2, "b"]], [[2, "b"], [1.0, "a"]], { ordered: false })).toEqual({ equal: true });
    expect(compareResults([[1], [2]], [[2], [1]], { ordered: true })).toMatchObject({ equal: false, reason: "row 1 differs" });
    expect(compareResults([[1], [1], [2]], [[1], [2], [2]], { ordered: false })).toMatchObject({ equal: false, missing: [[1]], extra: [[2]] });
    expect(compareResults([[1, 2]], [[1]], { ordered: false })).toMatchObject({ equal: false, reason: "expected 2 columns, got 1" });
  });
});

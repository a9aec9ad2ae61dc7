/**
 * SQL drills through the real sandbox pool: grading on results and on the plan, and hostile SQL
 * (runaway recursion, cartesian blow-ups, blob bombs, ATTACH, smuggled statements) contained.
 */
import { afterAll, describe, expect, it } from "vitest";
import { loadContent } from "../../app/content/load.server";
import { SandboxPool } from "../../app/drills/pool.server";
import { runDrill } from "../../app/drills/runner.server";

const drills = new Map(loadContent("content").drills.map((d) => [d.id, { ...d, referenceSql: d.solution }]));
const pool = new SandboxPool({ size: 2, graceMs: 1000 });
afterAll(() => pool.close());

const query = drills.get("revenue-by-country")!;
const index = drills.get("index-customer-orders")!;
const run = (d: typeof query, code: string, mode: "run" | "submit" = "submit") => runDrill({ ...d, timeLimitMs: 3000 }, { code, language: "sql", mode }, pool);

describe("SQL drills are graded on results and on the plan", () => {
  it("a query drill compares rows with the reference and shows them with the plan", async () => {
    const ok = await run(query, query.solution, "run");
    expect(ok.status).toBe("pass");
    expect(ok.sql?.columns).toEqual(["country", "revenue_cents"]);
    expect(ok.sql?.rows).toHaveLength(5);
    expect(JSON.stringify(ok.sql?.plan)).toMatch(/SCAN o/);
    const wrong = await run(query, "SELECT country, 0 FROM customers GROUP BY country");
    expect(wrong.tests[0]).toMatchObject({ status: "fail", message: expect.stringMatching(/^row 1 differs\nexpected but missing: \[\["US",/) });
  });

  it("an index drill judges the plan of its target queries", async () => {
    const sorted = await run(index, "CREATE INDEX o_c ON orders (customer_id)", "run");
    expect(sorted.tests[0]!.message).toMatch(/temporary B-tree/);
    expect(JSON.stringify(sorted.sql?.plan)).toMatch(/"kind":"temp-btree"/);
    const good = await run(index, index.solution);
    expect(good.status).toBe("pass");
    const tooMany = await run(index, "CREATE INDEX a ON orders (customer_id, created_at); CREATE INDEX b ON orders (status)");
    expect(tooMany.tests.find((t) => t.name === "at most 1 indexes")?.status).toBe("fail");
  });
});

describe("hostile SQL is contained", () => {
  it("a recursive CTE that never ends is stopped by the watchdog, and the pool keeps serving", async () => {
    const before = pool.killed;
    const r = await run(query, "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT count(*), 1 FROM r");
    expect(r.status).toBe("error");
    expect(r.message).toMatch(/Time limit exceeded/);
    expect(pool.killed).toBe(before + 1);
    expect((await run(query, query.solution)).status).toBe("pass");
  });

  it("a cartesian blow-up is stopped the same way", async () => {
    const r = await run(query, "SELECT a.country, count(*) FROM customers a, orders b, orders c GROUP BY a.country");
    expect(r.status).toBe("error");
    expect(r.message).toMatch(/Time limit exceeded/);
  });

  it("blob bombs fail inside SQLite with a clear message", async () => {
    const r = await run(query, "SELECT country, length(randomblob(2000000000)) FROM customers GROUP BY country");
    expect(r.status).not.toBe("pass");
    expect(JSON.stringify(r)).toMatch(/too big|out of memory|Memory limit/i);
    // Many smaller blobs: stopped by SQLite's heap limit or, failing that, by the watchdog.
    const many = await run(query, "SELECT c.country, length(group_concat(randomblob(1000000))) FROM customers c GROUP BY c.country");
    expect(many.status).toBe("error");
    expect(many.message).toMatch(/too big|out of memory|Memory limit|Time limit exceeded/i);
    expect((await run(query, query.solution)).status).toBe("pass");
  });

  it.each([
    ["ATTACH", "ATTACH DATABASE '/tmp/x.db' AS x", /ATTACH is not allowed/],
    ["smuggled statements", "SELECT 1, 2; DROP TABLE orders", /exactly one statement/],
    ["a write in a query drill", "DELETE FROM orders", /not allowed here/],
    ["PRAGMA", "PRAGMA writable_schema = 1", /PRAGMA statements are not allowed/],
    ["load_extension", "SELECT load_extension('/tmp/evil'), 1", /reaches outside the database/],
  ])("refuses %s with a clear message", async (_label, code, message) => {
    const r = await run(query, code);
    expect(r.status).toBe("error");
    expect(r.message).toMatch(message);
  });
});

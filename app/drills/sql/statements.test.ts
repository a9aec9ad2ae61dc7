import { describe, expect, it } from "vitest";
import { checkSubmission, classify, splitStatements } from "./statements";

describe("splitting SQL", () => {
  it("splits on top-level semicolons only", () => {
    expect(splitStatements("SELECT 1; SELECT 'a;b'; -- c;d\nSELECT \"x;y\" /* ; */ FROM t;")).toEqual(["SELECT 1", "SELECT 'a;b'", '-- c;d\nSELECT "x;y" /* ; */ FROM t']);
    expect(splitStatements("select 'it''s; fine'")).toEqual(["select 'it''s; fine'"]);
    expect(splitStatements("  ;; -- nothing\n ;")).toEqual([]);
  });

  it("classifies statements", () => {
    expect(classify("/* hi */ WITH x AS (SELECT 1) SELECT * FROM x")).toBe("with");
    expect(classify("create unique index i on t(a)")).toBe("create-index");
    expect(classify("CREATE TEMP TABLE x(a)")).toBe("create-table");
    expect(classify("ATTACH 'x.db' AS y")).toBe("attach");
  });
});

describe("what a submission may run", () => {
  it("a query drill takes exactly one read-only statement", () => {
    expect(checkSubmission("sql-query", "SELECT * FROM orders")).toEqual({ ok: true, statements: ["SELECT * FROM orders"] });
    expect(checkSubmission("sql-query", "SELECT 1; DELETE FROM orders")).toMatchObject({ ok: false, message: expect.stringMatching(/exactly one statement/) });
    expect(checkSubmission("sql-query", "DELETE FROM orders")).toMatchObject({ ok: false, message: expect.stringMatching(/not allowed here/) });
  });

  it("refuses ATTACH, VACUUM, PRAGMA and functions that reach the file system anywhere", () => {
    expect(checkSubmission("sql-transaction", "ATTACH 'evil.db' AS e")).toMatchObject({ ok: false, message: expect.stringMatching(/ATTACH is not allowed/) });
    expect(checkSubmission("sql-schema", "VACUUM INTO '/tmp/x'")).toMatchObject({ ok: false, message: expect.stringMatching(/VACUUM/) });
    expect(checkSubmission("sql-transaction", "PRAGMA journal_mode=OFF")).toMatchObject({ ok: false, message: expect.stringMatching(/PRAGMA/) });
    expect(checkSubmission("sql-query", "SELECT load_extension('x')")).toMatchObject({ ok: false, message: expect.stringMatching(/outside the database/) });
  });

  it("an index drill takes CREATE INDEX only", () => {
    expect(checkSubmission("sql-index", "CREATE INDEX a ON orders(customer_id); CREATE INDEX b ON orders(created_at)")).toMatchObject({ ok: true });
    expect(checkSubmission("sql-index", "DROP TABLE orders")).toMatchObject({ ok: false });
  });
});

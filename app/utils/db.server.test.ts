import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { users } from "../../db/schema";
import { migrateDatabase, openDatabase, STATEMENT_CACHE_SIZE } from "./db.server";

function freshDb() {
  const db = openDatabase(":memory:");
  migrateDatabase(db);
  db.insert(users).values({ id: "u1", email: "a@example.com", isGuest: false }).run();
  return db;
}

describe("statement reuse", () => {
  it("compiles a repeated query once", () => {
    const db = freshDb();
    const sql = "select id, email from users where id = ?";
    expect(db.$client.prepare(sql)).toBe(db.$client.prepare(sql));
  });

  it("gives rows as objects to a caller after drizzle used the same statement for arrays", () => {
    const db = freshDb();
    const query = db.select({ id: users.id, email: users.email }).from(users).where(eq(users.id, "u1"));
    // drizzle reads selected fields in array mode (raw) and maps them back to objects.
    expect(query.get()).toEqual({ id: "u1", email: "a@example.com" });
    const { sql, params } = query.toSQL();
    expect(db.$client.prepare(sql).get(...params)).toEqual({ id: "u1", email: "a@example.com" });
    expect(query.get()).toEqual({ id: "u1", email: "a@example.com" });
  });

  it("keeps at most STATEMENT_CACHE_SIZE statements, evicting the least recently used", () => {
    const db = freshDb();
    const first = db.$client.prepare("select 0 as n");
    for (let i = 1; i <= STATEMENT_CACHE_SIZE; i++) db.$client.prepare(`select ${i} as n`);
    expect(db.$client.prepare("select 0 as n")).not.toBe(first);
    expect(db.$client.prepare(`select ${STATEMENT_CACHE_SIZE} as n`).get()).toEqual({ n: STATEMENT_CACHE_SIZE });
  });
});

import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { attempts, questions, questionVersions, users } from "../../db/schema";
import { getDb } from "../utils/db.server";
import { ContentInvalidError, syncContent } from "./sync.server";

const dir = mkdtempSync(path.join(os.tmpdir(), "gw-sync-"));
cpSync("tests/fixtures/content", dir, { recursive: true });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("syncContent", () => {
  it("is idempotent: a second sync changes nothing", async () => {
    const first = await syncContent(getDb(), dir);
    expect(first.added + first.unchanged).toBe(7);
    const second = await syncContent(getDb(), dir);
    expect(second).toMatchObject({ added: 0, updated: 0, unchanged: 7, retired: 0, deleted: 0 });
  });

  it("turns an edit into a new version and keeps the old one", async () => {
    const file = path.join(dir, "fixture-extra", "fx-extra-single.md");
    writeFileSync(file, readFileSync(file, "utf8").replace("The only question", "The one and only question"));
    const report = await syncContent(getDb(), dir);
    expect(report.updated).toBe(1);
    const q = getDb().select().from(questions).where(eq(questions.id, "fx-extra-single")).get()!;
    expect(q.currentVersion).toBe(2);
    const versions = getDb().select().from(questionVersions).where(eq(questionVersions.questionId, "fx-extra-single")).all();
    expect(versions.map((v) => v.version).sort()).toEqual([1, 2]);
  });

  it("retires a removed question that attempts reference, and deletes one nobody answered", async () => {
    const db = getDb();
    db.insert(users).values({ id: "u-sync", isGuest: true }).run();
    db.insert(attempts)
      .values({ userId: "u-sync", questionId: "fx-single", questionVersion: 1, response: { type: "single", choice: 0 }, score: 1, correct: true, idempotencyKey: "sync-test-key-1" })
      .run();
    rmSync(path.join(dir, "fixture-basics", "fx-single.md"));
    rmSync(path.join(dir, "fixture-basics", "fx-numeric.md"));
    const report = await syncContent(db, dir);
    expect(report).toMatchObject({ retired: 1, deleted: 1 });
    expect(db.select().from(questions).where(eq(questions.id, "fx-single")).get()?.retiredAt).toBeInstanceOf(Date);
    expect(db.select().from(questions).where(eq(questions.id, "fx-numeric")).get()).toBeUndefined();
    expect(db.select().from(attempts).where(eq(attempts.userId, "u-sync")).all()).toHaveLength(1);
  });

  it("refuses invalid content and changes nothing", async () => {
    writeFileSync(path.join(dir, "fixture-extra", "broken.md"), "---\nid: broken\n---\nno\n");
    await expect(syncContent(getDb(), dir)).rejects.toBeInstanceOf(ContentInvalidError);
    rmSync(path.join(dir, "fixture-extra", "broken.md"));
  });
});

import { and, eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { cards, drillRuns } from "../../db/schema";
import { closeSandboxPool } from "../../app/drills/runner.server";
import { getDb } from "../../app/utils/db.server";
import * as drillPage from "../../app/routes/drills.$id";
import * as drillsIndex from "../../app/routes/drills._index";
import * as meExport from "../../app/routes/me.export";
import { loadContent } from "../../app/content/load.server";
import { FIXTURE_CONTENT } from "../setup/setup-db";
import { TestClient } from "../setup/remix";

process.env.DRILL_RUNS_PER_MINUTE = "6";
afterAll(() => closeSandboxPool());

const fixture = loadContent(FIXTURE_CONTENT).drills.find((d) => d.id === "fixture-sum")!;
const call = (client: TestClient, form: Record<string, string>) => client.call(drillPage.action, "/drills/fixture-sum", { id: "fixture-sum" }, { form });

async function userIdOf(client: TestClient) {
  return ((await client.call(meExport.loader, "/me/export")).data as { profile: { id: string } }).profile.id;
}

describe("a drill page", () => {
  it("shows the prompt, starter and visible tests, but never hidden tests or solutions", async () => {
    const res = await new TestClient().call(drillPage.loader, "/drills/fixture-sum", { id: "fixture-sum" });
    expect(res.status).toBe(200);
    const body = JSON.stringify(res.data);
    expect(body).toContain("adds two numbers");
    expect(body).toContain("export function sum(a: number, b: number): number");
    for (const secret of ["handles negative numbers", "adds fractions", "sum(-4, 1)", "Math.max(0", "hiddenJs", "visibleJs"]) expect(body).not.toContain(secret);
    const list = await new TestClient().call(drillsIndex.loader, "/drills");
    expect((list.data as { drills: Array<{ id: string }> }).drills.map((d) => d.id)).toContain("fixture-sum");
    expect((await new TestClient().call(drillPage.loader, "/drills/nope", { id: "nope" })).status).toBe(404);
    expect((await new TestClient().call(drillPage.loader, "/drills/..%2F", { id: "../" })).status).toBe(404);
  });

  it("runs and submits through the sandbox, stores every run, and keeps the draft", async () => {
    const client = new TestClient("198.51.100.40");
    const run = await call(client, { intent: "run", language: "typescript", code: fixture.solution });
    expect(run.status).toBe(200);
    const results = (run.data as { results: { status: string; mode: string; tests: unknown[] } }).results;
    expect(results).toMatchObject({ status: "pass", mode: "run" });
    expect(results.tests).toHaveLength(2);
    const submit = await call(client, { intent: "submit", language: "typescript", code: fixture.solution });
    expect((submit.data as { results: { status: string; tests: unknown[] } }).results).toMatchObject({ status: "pass" });
    const userId = await userIdOf(client);
    const rows = getDb().select().from(drillRuns).where(eq(drillRuns.userId, userId)).all();
    expect(rows.map((r) => [r.kind, r.status])).toEqual([["run", "pass"], ["submit", "pass"]]);
    expect(rows[1]!.code).toBe(fixture.solution);
    const page = await client.call(drillPage.loader, "/drills/fixture-sum", { id: "fixture-sum" });
    expect((page.data as { draft: { code: string } }).draft.code).toBe(fixture.solution);
    const exported = (await client.call(meExport.loader, "/me/export")).data as { drillRuns: unknown[] };
    expect(exported.drillRuns).toHaveLength(2);
  });

  it("a failed hidden test makes the drill's concept questions due for review", async () => {
    const client = new TestClient("198.51.100.41");
    const res = await call(client, { intent: "submit", language: "typescript", code: fixture.wrong[0]!.source });
    expect((res.data as { results: { failedCategories: string[] } }).results.failedCategories).toEqual(["handles negative numbers"]);
    const userId = await userIdOf(client);
    const flagged = getDb().select().from(cards).where(and(eq(cards.userId, userId))).all();
    expect(flagged.map((c) => c.questionId).sort()).toEqual(["fx-multiple", "fx-true-false"]);
    expect(flagged.every((c) => c.flaggedAt !== null)).toBe(true);
  });

  it("saves drafts without running anything", async () => {
    const client = new TestClient("198.51.100.42");
    const res = await call(client, { intent: "save-draft", language: "javascript", code: "export const sum = () => 1;" });
    expect(res.data).toMatchObject({ saved: true, results: null });
    const page = await client.call(drillPage.loader, "/drills/fixture-sum", { id: "fixture-sum" });
    expect((page.data as { draft: unknown }).draft).toMatchObject({ code: "export const sum = () => 1;", language: "javascript" });
  });

  it("answers bad input with 400 and field messages", async () => {
    const client = new TestClient("198.51.100.43");
    const empty = await call(client, { intent: "run", language: "typescript", code: "   " });
    expect(empty.status).toBe(400);
    expect((empty.data as { fieldErrors: Record<string, string[]> }).fieldErrors.code).toEqual(["Write some code first"]);
    const huge = await call(client, { intent: "run", language: "typescript", code: "x".repeat(70_000) });
    expect((huge.data as { fieldErrors: Record<string, string[]> }).fieldErrors.code![0]).toMatch(/under 64 KB/);
    const lang = await call(client, { intent: "run", language: "python", code: "print(1)" });
    expect((lang.data as { fieldErrors: Record<string, string[]> }).fieldErrors.language).toEqual(["Choose TypeScript, JavaScript or SQL"]);
    const sqlForCode = await call(client, { intent: "run", language: "sql", code: "SELECT 1" });
    expect((sqlForCode.data as { fieldErrors: Record<string, string[]> }).fieldErrors.language).toEqual(["This drill takes TypeScript or JavaScript."]);
    const intent = await call(client, { intent: "delete-everything", code: "x" });
    expect(intent.status).toBe(400);
  });

  it("limits runs per learner with 429 and Retry-After", async () => {
    const client = new TestClient("198.51.100.44");
    const statuses: number[] = [];
    let last;
    for (let i = 0; i < 7; i++) {
      last = await call(client, { intent: "run", language: "typescript", code: "export const sum = () => 0; export const sumAsync = async () => 0;" });
      statuses.push(last.status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 429]);
    expect(Number(last!.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect((last!.data as { fieldErrors: Record<string, string[]> }).fieldErrors.form![0]).toMatch(/Try again in \d+ seconds/);
  });
});

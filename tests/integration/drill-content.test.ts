/**
 * Every drill in the real bank: the reference solution passes every test and every wrong solution
 * fails at least one hidden test, through the same sandbox the server uses. This proves the tests bite.
 */
import { afterAll, describe, expect, it } from "vitest";
import { loadContent } from "../../app/content/load.server";
import { SandboxPool } from "../../app/drills/pool.server";
import { runDrill } from "../../app/drills/runner.server";

const content = loadContent("content");
const pool = new SandboxPool({ size: 2, graceMs: 1500 });
afterAll(() => pool.close());

describe("the drill bank", () => {
  it("loads without problems", () => {
    expect(content.problems.filter((p) => p.file.includes("/drills/"))).toEqual([]);
    expect(content.drills.length).toBeGreaterThan(0);
  });

  it.each(content.drills.map((d) => [d.id, { ...d, referenceSql: d.solution }] as const))("%s: the solution passes, every wrong solution fails a hidden test", async (_id, d) => {
    const ref = await runDrill(d, { code: d.solution, language: "typescript", mode: "submit" }, pool);
    expect(ref.tests.filter((t) => t.status !== "pass"), ref.message ?? "").toEqual([]);
    expect(ref.status).toBe("pass");
    expect(ref.tests.some((t) => t.visibility === "hidden")).toBe(true);
    const starter = await runDrill(d, { code: d.starter, language: "typescript", mode: "submit" }, pool);
    expect(starter.status).not.toBe("pass");
    for (const w of d.wrong) {
      const language = w.file.endsWith(".sql") ? "sql" : w.file.endsWith(".js") ? "javascript" : "typescript";
      const r = await runDrill(d, { code: w.source, language, mode: "submit" }, pool);
      expect(r.tests.some((t) => t.visibility === "hidden" && t.status !== "pass"), `${w.file} passes every hidden test`).toBe(true);
    }
  });
});

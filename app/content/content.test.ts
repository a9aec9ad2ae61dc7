import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { formatProblem, loadContent } from "./load.server";
import { contentStats } from "./stats";

const tmpDirs: string[] = [];
function copyFixtures(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "gw-content-"));
  cpSync("tests/fixtures/content", dir, { recursive: true });
  tmpDirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const d of tmpDirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe("the real question bank", () => {
  const content = loadContent("content");
  it("validates with no problems", () => {
    expect(content.problems.map(formatProblem)).toEqual([]);
  });
  it("has at least 3 topics with 8+ questions each, covering every question type", () => {
    const stats = contentStats(content.topics, content.questions);
    const seeded = stats.topics.filter((t) => t.questions >= 8);
    expect(seeded.length).toBeGreaterThanOrEqual(3);
    const types = new Set(content.questions.map((q) => q.type));
    expect([...types].sort()).toEqual(["free-text", "multiple", "numeric", "ordering", "single", "true-false"]);
  });
  it("gives every question an https reference and feedback for every option", () => {
    for (const q of content.questions) {
      expect(q.references.every((r) => r.url.startsWith("https://")), q.id).toBe(true);
      if (q.type === "single" || q.type === "multiple") expect(q.options.every((o) => o.feedback.length >= 10), q.id).toBe(true);
    }
  });
});

describe("validation messages", () => {
  it("reports path: field: message for each problem", () => {
    const dir = copyFixtures();
    writeFileSync(
      path.join(dir, "fixture-basics", "broken.md"),
      "---\nid: broken\ntype: single\ndifficulty: expert\ndimensions: [fundamentals]\noptions: []\nreferences: []\n---\n\nA stem that is long enough.\n",
    );
    const lines = loadContent(dir).problems.map(formatProblem);
    const file = path.relative(process.cwd(), path.join(dir, "fixture-basics", "broken.md"));
    expect(lines).toContain(`${file}: difficulty: Invalid option: expected one of "junior"|"mid"|"senior"`);
    expect(lines).toContain(`${file}: references: cite at least one reference`);
    expect(lines).toContain(`${file}: explanation: add a \`## Explanation\` section of at least 20 characters`);
  });
  it("requires exactly one correct option for single choice", () => {
    const dir = copyFixtures();
    const file = path.join(dir, "fixture-extra", "fx-extra-single.md");
    writeFileSync(file, readFileSync(file, "utf8").replace("feedback: EXTRA-WRONG-1", "correct: true\n    feedback: EXTRA-WRONG-1"));
    const lines = loadContent(dir).problems.map(formatProblem);
    expect(lines.some((l) => l.endsWith("options: single choice needs exactly 1 correct option, found 2"))).toBe(true);
  });
  it("requires the id to equal the file name and to be unique", () => {
    const dir = copyFixtures();
    cpSync(path.join(dir, "fixture-basics", "fx-single.md"), path.join(dir, "fixture-extra", "fx-copy.md"));
    const lines = loadContent(dir).problems.map(formatProblem);
    expect(lines.some((l) => l.includes("fx-copy.md: id: must equal the file name"))).toBe(true);
  });
  it("reports invalid YAML instead of throwing", () => {
    const dir = copyFixtures();
    writeFileSync(path.join(dir, "fixture-extra", "bad-yaml.md"), "---\nid: [unclosed\n---\nbody\n");
    const lines = loadContent(dir).problems.map(formatProblem);
    expect(lines.some((l) => l.includes("bad-yaml.md: front matter: invalid YAML"))).toBe(true);
  });
});

describe("contentStats", () => {
  it("counts per topic, type, difficulty and language", () => {
    const c = loadContent("tests/fixtures/content");
    const stats = contentStats(c.topics, c.questions);
    expect(stats.total).toBe(7);
    expect(stats.topics[0]).toMatchObject({ slug: "fixture-basics", questions: 6, byDifficulty: { junior: 2, mid: 2, senior: 2 } });
    expect(stats.drills).toEqual({ code: 0, sql: 0 });
  });
});

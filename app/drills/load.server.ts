/**
 * Reads the drills of one topic folder (`<topic>/drills/<id>/`) and validates them. Test files are
 * compiled here, so a broken test file is a content problem, never a runtime surprise.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import matter from "gray-matter";
import type { ContentProblem } from "../content/load.server";
import { compileModule, compileTests } from "./compile.server";
import { drillFrontMatterSchema, type DrillFrontMatter } from "./schema";

export type LoadedDrill = DrillFrontMatter & {
  topic: string;
  dir: string;
  prompt: string;
  starter: string;
  visibleTests: string;
  visibleJs: string;
  hiddenJs: string;
  solution: string;
  wrong: Array<{ file: string; source: string }>;
  contentHash: string;
};

const REQUIRED = ["drill.md", "starter.ts", "visible.test.ts", "hidden.test.ts", "solution.ts"] as const;

export function loadDrills(topicDir: string, topic: string, rel: (p: string) => string): { drills: LoadedDrill[]; problems: ContentProblem[] } {
  const root = path.join(topicDir, "drills");
  const drills: LoadedDrill[] = [];
  const problems: ContentProblem[] = [];
  if (!existsSync(root)) return { drills, problems };
  const ids = readdirSync(root, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !e.name.startsWith("."))
    .map((e) => e.name)
    .sort();
  for (const id of ids) {
    const dir = path.join(root, id);
    const missing = REQUIRED.filter((f) => !existsSync(path.join(dir, f)));
    if (missing.length) {
      problems.push({ file: rel(dir), field: "(folder)", message: `missing ${missing.join(", ")}` });
      continue;
    }
    const read = (f: string) => readFileSync(path.join(dir, f), "utf8");
    const raw = read("drill.md");
    let parsed;
    try {
      parsed = matter(raw, {});
    } catch (error) {
      problems.push({ file: rel(path.join(dir, "drill.md")), field: "front matter", message: `invalid YAML: ${(error as Error).message.split("\n")[0]}` });
      continue;
    }
    const front = drillFrontMatterSchema.safeParse(parsed.data);
    if (!front.success) {
      for (const issue of front.error.issues) problems.push({ file: rel(path.join(dir, "drill.md")), field: issue.path.join(".") || "(file)", message: issue.message });
      continue;
    }
    if (front.data.id !== id) {
      problems.push({ file: rel(path.join(dir, "drill.md")), field: "id", message: `must equal the folder name ("${id}")` });
      continue;
    }
    const prompt = parsed.content.trim();
    if (prompt.length < 50) problems.push({ file: rel(path.join(dir, "drill.md")), field: "(body)", message: "the prompt must be at least 50 characters" });
    const wrongDir = path.join(dir, "wrong");
    const wrong = existsSync(wrongDir)
      ? readdirSync(wrongDir)
          .filter((f) => f.endsWith(".ts") || f.endsWith(".js"))
          .sort()
          .map((f) => ({ file: rel(path.join(wrongDir, f)), source: readFileSync(path.join(wrongDir, f), "utf8") }))
      : [];
    if (wrong.length === 0) problems.push({ file: rel(dir), field: "wrong/", message: "add at least one plausible-but-wrong solution" });
    const visible = compileTests(read("visible.test.ts"), "visible.test.ts");
    const hidden = compileTests(read("hidden.test.ts"), "hidden.test.ts");
    if (!visible.ok) problems.push({ file: rel(path.join(dir, "visible.test.ts")), field: "(compile)", message: visible.message });
    if (!hidden.ok) problems.push({ file: rel(path.join(dir, "hidden.test.ts")), field: "(compile)", message: hidden.message });
    for (const f of ["starter.ts", "solution.ts"]) {
      const c = compileModule(read(f));
      if (!c.ok) problems.push({ file: rel(path.join(dir, f)), field: "(compile)", message: c.message });
    }
    if (!visible.ok || !hidden.ok || prompt.length < 50 || wrong.length === 0) continue;
    const hash = createHash("sha256");
    for (const f of REQUIRED) hash.update(read(f));
    for (const w of wrong) hash.update(w.source);
    drills.push({
      ...front.data,
      topic,
      dir: rel(dir),
      prompt,
      starter: read("starter.ts"),
      visibleTests: read("visible.test.ts"),
      visibleJs: visible.js,
      hiddenJs: hidden.js,
      solution: read("solution.ts"),
      wrong,
      contentHash: hash.digest("hex"),
    });
  }
  return { drills, problems };
}

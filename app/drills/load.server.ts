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
  /** SQL drills: the dataset's SQL (schema and deterministic data). Empty for code drills. */
  datasetSql: string;
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
const REQUIRED_SQL = ["drill.md", "starter.sql", "solution.sql"] as const;

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
    const isSql = existsSync(path.join(dir, "solution.sql"));
    const missing = (isSql ? REQUIRED_SQL : REQUIRED).filter((f) => !existsSync(path.join(dir, f)));
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
    if (isSql) {
      const sqlDrill = loadSqlDrill({ dir, topicDir, topic, rel, front: front.data, prompt, read });
      if ("problem" in sqlDrill) problems.push(sqlDrill.problem);
      else drills.push(sqlDrill.drill);
      continue;
    }
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
      datasetSql: "",
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

function loadSqlDrill(input: {
  dir: string;
  topicDir: string;
  topic: string;
  rel: (p: string) => string;
  front: DrillFrontMatter;
  prompt: string;
  read: (f: string) => string;
}): { drill: LoadedDrill } | { problem: ContentProblem } {
  const { dir, front, rel } = input;
  const file = rel(path.join(dir, "drill.md"));
  if (front.kind === "code") return { problem: { file, field: "kind", message: "a drill with solution.sql must declare a sql-… kind" } };
  if (!front.sql) return { problem: { file, field: "sql", message: "describe how the drill is graded (cases, targets, probes or invariants)" } };
  if (input.prompt.length < 50) return { problem: { file, field: "(body)", message: "the prompt must be at least 50 characters" } };
  let datasetSql = "";
  if (front.dataset) {
    const datasetFile = path.join(path.dirname(input.topicDir), "_datasets", `${front.dataset}.sql`);
    if (!existsSync(datasetFile)) return { problem: { file, field: "dataset", message: `no dataset content/_datasets/${front.dataset}.sql` } };
    datasetSql = readFileSync(datasetFile, "utf8");
  } else if (front.kind === "sql-query" || front.kind === "sql-rewrite" || front.kind === "sql-index") {
    return { problem: { file, field: "dataset", message: "name the dataset this drill runs on" } };
  }
  const wrongDir = path.join(dir, "wrong");
  const wrong = existsSync(wrongDir)
    ? readdirSync(wrongDir)
        .filter((f) => f.endsWith(".sql"))
        .sort()
        .map((f) => ({ file: rel(path.join(wrongDir, f)), source: readFileSync(path.join(wrongDir, f), "utf8") }))
    : [];
  if (wrong.length === 0) return { problem: { file: rel(dir), field: "wrong/", message: "add at least one plausible-but-wrong solution" } };
  const hash = createHash("sha256").update(datasetSql).update(JSON.stringify(front)).update(input.prompt);
  for (const f of ["starter.sql", "solution.sql"]) hash.update(input.read(f));
  for (const w of wrong) hash.update(w.source);
  return {
    drill: {
      ...front,
      datasetSql,
      topic: input.topic,
      dir: rel(dir),
      prompt: input.prompt,
      starter: input.read("starter.sql"),
      visibleTests: "",
      visibleJs: "",
      hiddenJs: "",
      solution: input.read("solution.sql"),
      wrong,
      contentHash: hash.digest("hex"),
    },
  };
}

/**
 * `npm run -s drill -- --list --json`            list drills
 * `npm run -s drill -- <drill-id> <file>`          run a submission (all tests) and print results JSON
 * `npm run -s drill -- --verify [<drill-id>…]`     every reference solution must pass and every wrong
 *                                                 solution must fail at least one hidden test
 * Exit 0 on pass, 1 on fail or error, 2 on bad usage. Uses the same sandbox as the server.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { formatProblem, loadContent } from "../app/content/load.server";
import type { LoadedDrill } from "../app/drills/load.server";
import { SandboxPool } from "../app/drills/pool.server";
import { runDrill } from "../app/drills/runner.server";

const args = process.argv.slice(2);
const contentDir = path.resolve(process.env.CONTENT_DIR ?? "content");

function usage(message: string): never {
  console.error(`${message}\nusage: npm run -s drill -- --list [--json] | <drill-id> <file> | --verify [<drill-id>…]`);
  process.exit(2);
}

const content = loadContent(contentDir);
// A half-written drill elsewhere in the tree should not block checking the ones named here.
const named = args[0] === "--verify" ? args.slice(1) : args[0] && !args[0].startsWith("--") ? [args[0]] : [];
const drillProblems = content.problems.filter((p) => p.file.includes("/drills/") && (named.length === 0 || named.some((id) => p.file.includes(`/drills/${id}`))));
if (drillProblems.length) {
  for (const p of drillProblems) console.error(formatProblem(p));
  process.exit(1);
}
const byId = new Map(content.drills.map((d) => [d.id, d]));

/** What the runner needs from a loaded drill (SQL drills grade against their reference solution). */
const runnable = (d: LoadedDrill) => ({ ...d, referenceSql: d.solution });

export async function verify(drills: LoadedDrill[], pool: SandboxPool) {
  const report: Array<{ id: string; ok: boolean; problems: string[] }> = [];
  for (const loaded of drills) {
    const d = runnable(loaded);
    const problems: string[] = [];
    const ref = await runDrill(d, { code: d.solution, language: "typescript", mode: "submit" }, pool);
    if (ref.status !== "pass") problems.push(`solution.ts: ${ref.message ?? ""} ${ref.tests.filter((t) => t.status !== "pass").map((t) => `${t.name}: ${t.message}`).join("; ")}`.trim());
    if (!ref.tests.some((t) => t.visibility === "hidden")) problems.push("has no hidden tests");
    if (d.kind === "code" && ref.tests.length < 4) problems.push(`has only ${ref.tests.length} tests`);
    for (const w of d.wrong) {
      const r = await runDrill(d, { code: w.source, language: w.file.endsWith(".js") ? "javascript" : "typescript", mode: "submit" }, pool);
      if (r.status === "error" && r.tests.length === 0) problems.push(`${path.basename(w.file)}: does not run (${r.message})`);
      else if (!r.tests.some((t) => t.visibility === "hidden" && t.status !== "pass")) problems.push(`${path.basename(w.file)}: passes every hidden test`);
    }
    report.push({ id: d.id, ok: problems.length === 0, problems });
  }
  return report;
}

async function main() {
  if (args[0] === "--list") {
    const list = content.drills.map((d) => ({ id: d.id, topic: d.topic, title: d.title, difficulty: d.difficulty }));
    if (args.includes("--json")) console.log(JSON.stringify(list));
    else for (const d of list) console.log(`${d.id.padEnd(36)} ${d.difficulty.padEnd(7)} ${d.topic}`);
    return 0;
  }
  const pool = new SandboxPool({ size: 2, graceMs: 1500 });
  try {
    if (args[0] === "--verify") {
      const ids = args.slice(1);
      const missing = ids.filter((id) => !byId.has(id));
      if (missing.length) usage(`unknown drill: ${missing.join(", ")}`);
      const report = await verify(ids.length ? ids.map((id) => byId.get(id)!) : content.drills, pool);
      for (const r of report) console.log(`${r.ok ? "ok  " : "FAIL"} ${r.id}${r.problems.map((p) => `\n     ${p}`).join("")}`);
      return report.every((r) => r.ok) ? 0 : 1;
    }
    const [id, file] = args;
    if (!id || !file) usage("name a drill and a file");
    const drill = byId.get(id);
    if (!drill) usage(`unknown drill: ${id}`);
    const code = readFileSync(file, "utf8");
    const results = await runDrill(runnable(drill), { code, language: file.endsWith(".js") ? "javascript" : "typescript", mode: "submit" }, pool);
    console.log(JSON.stringify(results, null, 2));
    return results.status === "pass" ? 0 : 1;
  } finally {
    await pool.close();
  }
}

main().then((code) => process.exit(code));

/** `npm run -s content:stats -- [--json]`: counts of the question bank per topic. */
import path from "node:path";
import { formatProblem, loadContent } from "../app/content/load.server";
import { contentStats } from "../app/content/stats";

const json = process.argv.includes("--json");
const { topics, questions, drills, problems } = loadContent(path.resolve("content"));
for (const p of problems) console.error(formatProblem(p));
const stats = contentStats(topics, questions, { code: drills.length, sql: 0 });
if (json) {
  process.stdout.write(JSON.stringify(stats) + "\n");
} else {
  for (const t of stats.topics) {
    const d = t.byDifficulty;
    console.log(
      `${t.slug.padEnd(32)} ${String(t.questions).padStart(3)}  junior ${d.junior ?? 0} · mid ${d.mid ?? 0} · senior ${d.senior ?? 0}  ${JSON.stringify(t.byType)}`,
    );
  }
  console.log(`total ${stats.total} questions, ${stats.drills.code} code drills`);
}
process.exit(problems.length ? 1 : 0);

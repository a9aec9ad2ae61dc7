/** `npm run content:check`: validates every file under content/, prints `path: field: message`. */
import path from "node:path";
import { formatProblem, loadContent } from "../app/content/load.server";

const dir = path.resolve(process.argv[2] ?? "content");
const { topics, questions, problems } = loadContent(dir);
if (problems.length > 0) {
  for (const p of problems) console.error(formatProblem(p));
  console.error(`\n${problems.length} problem(s) in ${path.relative(process.cwd(), dir) || dir}`);
  process.exit(1);
}
console.log(`content ok: ${topics.length} topics, ${questions.length} questions`);

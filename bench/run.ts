/**
 * `npm run bench`: runs every benchmark under bench/ in its own process, one after another.
 * `--only http,dashboard` runs just those (file names without `.bench.ts`); every other argument is
 * passed on to each benchmark (e.g. `--duration 5` for the HTTP load scenarios).
 */
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";

const args = process.argv.slice(2);
let only: string[] | null = null;
const passOn: string[] = [];
for (let i = 0; i < args.length; i++) {
  const [name, inline] = args[i]!.split("=", 2) as [string, string | undefined];
  if (name === "--only") only = (inline ?? args[++i] ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  else passOn.push(args[i]!);
}

const all = readdirSync("bench").filter((f) => f.endsWith(".bench.ts")).sort();
const names = all.map((f) => f.slice(0, -".bench.ts".length));
const unknown = (only ?? []).filter((n) => !names.includes(n));
if (unknown.length) {
  console.error(`Unknown benchmark(s): ${unknown.join(", ")}. Known: ${names.join(", ")}.`);
  process.exit(2);
}
const files = all.filter((_, i) => !only || only.includes(names[i]!));
let failed = 0;
for (const f of files) {
  const r = spawnSync(process.execPath, ["--import", "tsx", `bench/${f}`, ...passOn], { stdio: "inherit" });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);

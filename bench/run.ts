/** `npm run bench`: runs every benchmark under bench/ in its own process, one after another. */
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";

const files = readdirSync("bench").filter((f) => f.endsWith(".bench.ts")).sort();
let failed = 0;
for (const f of files) {
  const r = spawnSync(process.execPath, ["--import", "tsx", `bench/${f}`], { stdio: "inherit" });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);

/**
 * Same-time comparison of two builds of the app, for judging a performance change on a machine
 * that other work shares:
 *
 *   npx tsx bench/http/compare.ts <dirA> <dirB> [--scenarios practice-page,bare-remix] [--rounds 3]
 *                                 [--duration 8] [--warmup 2] [--connections 5]
 *
 * Each directory is a checkout with `npm run build` done (build/, public/build/, db/migrations/,
 * content/, node_modules/). Both servers start on copies of one seeded database and are loaded at
 * the same time, one autocannon each, so whatever else the machine does hits both alike.
 * Sequential before/after runs on a busy machine mostly measure the neighbours; this does not.
 * Prints each round and the totals, B ÷ A (server CPU per request is the steadiest figure).
 */
import { copyFileSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Request } from "autocannon";
import { parseOptions } from "./options";

const args = process.argv.slice(2);
const VALUE_FLAGS = new Set(["--duration", "--warmup", "--connections", "--scenarios", "--log-level", "--rounds"]);
const dirs: string[] = [];
let rounds = 3;
const passOn: string[] = [];
for (let i = 0; i < args.length; i++) {
  const arg = args[i]!;
  if (arg === "--rounds") rounds = Number(args[++i]);
  else if (VALUE_FLAGS.has(arg)) passOn.push(arg, args[++i] ?? "");
  else if (arg.startsWith("--")) passOn.push(arg);
  else dirs.push(arg);
}
const options = parseOptions(passOn, { BENCH_DURATION: "8", BENCH_WARMUP: "2", BENCH_CONNECTIONS: "5", ...process.env });
const [dirA, dirB] = dirs.slice(0, 2).map((d) => path.resolve(d));
if (!dirA || !dirB || !Number.isInteger(rounds) || rounds < 1) {
  console.error("usage: npx tsx bench/http/compare.ts <dirA> <dirB> [--scenarios a,b] [--rounds N] [--duration S] [--warmup S] [--connections N]");
  process.exit(2);
}
for (const d of [dirA, dirB]) {
  if (!existsSync(path.join(d, "build/server.js"))) {
    console.error(`${d}: no build/server.js (run npm run build there first)`);
    process.exit(2);
  }
}

const work = mkdtempSync(path.join(os.tmpdir(), "gw-bench-compare-"));
const template = path.join(work, "template.db");
process.env.DATABASE_PATH = template;
process.env.LOG_LEVEL = "silent";
process.env.CONTENT_DIR ??= "content";

const seed = await import("./seed");
const { scenarios, BARE_REMIX } = await import("./scenarios");
const { runLoad } = await import("./load");
const { cpuMs, sampleMemory, startAppServer } = await import("./processes");

const names = options.BENCH_SCENARIOS ? options.BENCH_SCENARIOS.split(",").map((s) => s.trim()) : [BARE_REMIX.name, ...scenarios.map((s) => s.name)];
await seed.prepareTemplate(process.env.CONTENT_DIR);
const ctx = seed.seedContext({ seconds: rounds * (options.BENCH_DURATION + options.BENCH_WARMUP), connections: options.BENCH_CONNECTIONS });
const workloads: Array<{ name: string; requests: (origin: string) => Request[] }> = [];
for (const name of names) {
  const scenario = scenarios.find((s) => s.name === name);
  if (scenario) workloads.push({ name, requests: (await scenario.seed(ctx)).requests });
  else if (name === BARE_REMIX.name) workloads.push({ name, requests: () => [{ method: "GET", path: BARE_REMIX.path }] });
  else throw new Error(`unknown scenario ${name}`);
}
seed.closeTemplate();

let copies = 0;
try {
  for (const w of workloads) {
    const total = [0, 1].map(() => ({ cpu: 0, responses: 0, errors: 0, peakRssMb: 0 }));
    for (let round = 1; round <= rounds; round++) {
      const servers = await Promise.all(
        [dirA, dirB].map((cwd) => {
          const databasePath = path.join(work, `copy-${++copies}.db`);
          copyFileSync(template, databasePath);
          return startAppServer({ databasePath, logLevel: options.BENCH_LOG_LEVEL, cwd });
        }),
      );
      try {
        const requests = servers.map((s) => w.requests(s.url));
        // Whichever load starts first gets a head start; take turns.
        const order = round % 2 ? [0, 1] : [1, 0];
        const load = async (durationS: number) => {
          const runs = order.map((i) => runLoad({ url: servers[i]!.url, requests: requests[i]!, connections: options.BENCH_CONNECTIONS, durationS }));
          const done = await Promise.all(runs);
          return order.map((_, i) => done[order.indexOf(i)]!);
        };
        const memory = servers.map((s) => sampleMemory(s.pid));
        if (options.BENCH_WARMUP > 0) await load(options.BENCH_WARMUP);
        const before = servers.map((s) => cpuMs(s.pid));
        const results = await load(options.BENCH_DURATION);
        const line = results.map((r, i) => {
          const cpu = cpuMs(servers[i]!.pid) - before[i]!;
          const rss = memory[i]!.stop() / 2 ** 20;
          const t = total[i]!;
          t.cpu += cpu;
          t.responses += r.responses;
          t.errors += r.errors;
          t.peakRssMb = Math.max(t.peakRssMb, rss);
          return `${"AB"[i]} ${r.rps.toFixed(0)} req/s, p99 ${r.p99Ms.toFixed(1)} ms, ${(cpu / Math.max(1, r.responses)).toFixed(2)} CPU ms/req, ${rss.toFixed(0)} MB, ${r.errors} errors`;
        });
        console.log(`${w.name} round ${round} (load average ${os.loadavg()[0]!.toFixed(1)}): ${line.join(" | ")}`);
      } finally {
        await Promise.all(servers.map((s) => s.stop()));
      }
    }
    const [a, b] = total.map((t) => ({ ...t, perRequest: t.cpu / Math.max(1, t.responses) }));
    console.log(
      `${w.name}: B ÷ A — CPU per request ${(b!.perRequest / a!.perRequest).toFixed(3)}×, responses ${(b!.responses / Math.max(1, a!.responses)).toFixed(3)}×, ` +
        `peak RSS ${(b!.peakRssMb / a!.peakRssMb).toFixed(3)}× (${a!.peakRssMb.toFixed(0)} → ${b!.peakRssMb.toFixed(0)} MB) ` +
        `(A ${a!.responses} with ${a!.errors} errors, B ${b!.responses} with ${b!.errors} errors)\n`,
    );
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

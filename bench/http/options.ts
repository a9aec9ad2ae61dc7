/** Options of the HTTP benchmark: environment variables, each overridable by a command-line flag. */
import { z } from "zod";

const flag = z.enum(["true", "false", "1", "0"], { message: "must be true or false" }).transform((v) => v === "true" || v === "1");

export const optionsSchema = z.object({
  /** Seconds each measured run lasts. */
  BENCH_DURATION: z.coerce.number().int().min(1).max(600).default(10),
  /** Seconds of unmeasured load before each measured run (JIT, caches, connection set-up). */
  BENCH_WARMUP: z.coerce.number().int().min(0).max(120).default(3),
  /** Concurrent keep-alive connections. */
  BENCH_CONNECTIONS: z.coerce.number().int().min(1).max(1000).default(10),
  /** Comma-separated scenario names; empty = all. */
  BENCH_SCENARIOS: z.string().default(""),
  /** Exit 1 when any target is missed (a failed check or a crash always exits 1). */
  BENCH_STRICT: flag.default(false),
  /** Reuse build/ instead of running `npm run build` first. */
  BENCH_SKIP_BUILD: flag.default(false),
  /** LOG_LEVEL of the server under test. */
  BENCH_LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("warn"),
  /** Write a V8 CPU profile of each app server to bench/results/profiles/. */
  BENCH_CPU_PROF: flag.default(false),
});

export type BenchOptions = z.infer<typeof optionsSchema>;

const FLAGS: Record<string, keyof BenchOptions> = {
  "--duration": "BENCH_DURATION",
  "--warmup": "BENCH_WARMUP",
  "--connections": "BENCH_CONNECTIONS",
  "--scenarios": "BENCH_SCENARIOS",
  "--strict": "BENCH_STRICT",
  "--skip-build": "BENCH_SKIP_BUILD",
  "--log-level": "BENCH_LOG_LEVEL",
  "--cpu-prof": "BENCH_CPU_PROF",
};
const BOOLEAN_FLAGS = new Set(["--strict", "--skip-build", "--cpu-prof"]);

/** Flags (`--duration 5`, `--duration=5`, `--strict`) over environment variables over defaults. */
export function parseOptions(argv: string[], env: NodeJS.ProcessEnv): BenchOptions {
  const input: Record<string, string | undefined> = {};
  // An empty variable counts as unset.
  for (const key of Object.values(FLAGS)) input[key] = env[key] || undefined;
  for (let i = 0; i < argv.length; i++) {
    const [name, inline] = argv[i]!.split("=", 2) as [string, string | undefined];
    const key = FLAGS[name];
    if (!key) continue; // flags of other benchmarks (bench/run.ts passes them to every file)
    input[key] = BOOLEAN_FLAGS.has(name) ? (inline ?? "true") : (inline ?? argv[++i]);
  }
  const result = optionsSchema.safeParse(input);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${String(i.path[0])}: ${i.message}`);
    throw new Error(`Invalid benchmark options:\n${lines.join("\n")}`);
  }
  return result.data;
}

import { performance } from "node:perf_hooks";

/** Small helpers shared by the benchmarks: percentiles and a printed table. */
export type Summary = { p50: number; p95: number; mean: number };

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

export function summarise(samples: number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), mean: samples.reduce((a, b) => a + b, 0) / samples.length };
}

export function printTable(title: string, rows: Array<{ name: string } & Summary>): void {
  console.log(`\n${title}`);
  const w = Math.max(...rows.map((r) => r.name.length));
  console.log(`${"".padEnd(w)}   p50 ms   p95 ms  mean ms`);
  for (const r of rows) console.log(`${r.name.padEnd(w)} ${r.p50.toFixed(2).padStart(8)} ${r.p95.toFixed(2).padStart(8)} ${r.mean.toFixed(2).padStart(8)}`);
}

/** Calls `fn` `warmup` times unmeasured, then `runs` times, returning each run's milliseconds. */
export async function time(fn: () => unknown, runs: number, warmup = 5): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    out.push(performance.now() - t);
  }
  return out;
}

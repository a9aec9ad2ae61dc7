/**
 * Comparing a learner's result set with the reference's. Pure. Column names are ignored (position
 * counts), numbers are normalised (1 and 1.0 are equal; floats compared to 1e-9 relative), and row
 * order matters only when the drill says so.
 */
export type Row = unknown[];

function norm(v: unknown): unknown {
  if (typeof v === "bigint") return Number(v);
  if (typeof v === "number") return Number.isInteger(v) ? v : Number(v.toPrecision(12));
  if (v instanceof Uint8Array) return `x'${Buffer.from(v).toString("hex")}'`;
  return v;
}

const key = (row: Row) => JSON.stringify(row.map(norm));

export type Comparison = { equal: true } | { equal: false; reason: string; missing: Row[]; extra: Row[] };

export function compareResults(expected: Row[], actual: Row[], opts: { ordered: boolean; sample?: number }): Comparison {
  const sample = opts.sample ?? 5;
  if (expected[0] && actual[0] && expected[0].length !== actual[0].length) {
    return { equal: false, reason: `expected ${expected[0].length} columns, got ${actual[0].length}`, missing: [], extra: [] };
  }
  if (opts.ordered) {
    for (let i = 0; i < Math.max(expected.length, actual.length); i++) {
      if (key(expected[i] ?? []) !== key(actual[i] ?? [])) {
        const reason = i >= actual.length ? `only ${actual.length} rows, expected ${expected.length}` : i >= expected.length ? `${actual.length} rows, expected ${expected.length}` : `row ${i + 1} differs`;
        return { equal: false, reason, missing: expected.slice(i, i + sample), extra: actual.slice(i, i + sample) };
      }
    }
    return { equal: true };
  }
  const counts = new Map<string, number>();
  for (const r of expected) counts.set(key(r), (counts.get(key(r)) ?? 0) + 1);
  const extra: Row[] = [];
  for (const r of actual) {
    const k = key(r);
    const c = counts.get(k) ?? 0;
    if (c > 0) counts.set(k, c - 1);
    else extra.push(r);
  }
  const missing: Row[] = [];
  for (const r of expected) {
    const k = key(r);
    const c = counts.get(k) ?? 0;
    if (c > 0) {
      missing.push(r);
      counts.set(k, c - 1);
    }
  }
  if (!missing.length && !extra.length) return { equal: true };
  return {
    equal: false,
    reason: `${missing.length} expected row${missing.length === 1 ? "" : "s"} missing, ${extra.length} unexpected row${extra.length === 1 ? "" : "s"}`,
    missing: missing.slice(0, sample),
    extra: extra.slice(0, sample),
  };
}

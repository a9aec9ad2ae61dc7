// Plausible but wrong: treats trace-flags as an enum instead of a bit field — sampled only when
// the flags are exactly "01" — and copies the incoming flags through unchanged. A caller that
// sets another bit too ("03") loses its sampled trace, and reserved bits leak downstream.
export type TraceParent = { version: "00"; traceId: string; parentId: string; flags: number; sampled: boolean };
export type PropagationDeps = { newTraceId: () => string; newSpanId: () => string; sampleNewTrace: () => boolean };
export type Outgoing = { traceparent: string; traceId: string; spanId: string; parentSpanId: string | null; sampled: boolean };

const RE = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;
const zero = (s: string) => /^0+$/.test(s);

export function parseTraceparent(header: string | null | undefined): TraceParent | null {
  const m = typeof header === "string" ? RE.exec(header) : null;
  if (!m || zero(m[1]!) || zero(m[2]!)) return null;
  return { version: "00", traceId: m[1]!, parentId: m[2]!, flags: parseInt(m[3]!, 16), sampled: m[3] === "01" };
}

function fresh(gen: () => string): string {
  let id = gen();
  while (zero(id)) id = gen();
  return id;
}

export function childTraceparent(incoming: string | null | undefined, deps: PropagationDeps): Outgoing {
  const parent = parseTraceparent(incoming);
  const traceId = parent ? parent.traceId : fresh(deps.newTraceId);
  const sampled = parent ? parent.sampled : deps.sampleNewTrace();
  const flags = parent ? incoming!.slice(-2) : sampled ? "01" : "00";
  const spanId = fresh(deps.newSpanId);
  return { traceparent: `00-${traceId}-${spanId}-${flags}`, traceId, spanId, parentSpanId: parent ? parent.parentId : null, sampled };
}

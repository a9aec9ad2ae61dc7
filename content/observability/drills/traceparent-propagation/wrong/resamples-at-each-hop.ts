// Plausible but wrong: each service applies its own sampling ratio on top of the caller's
// decision ("sampled = parent.sampled && sampler()"). With a 10% ratio at each of three hops only
// 0.1% of traces survive end to end, and the ones that are cut lose their downstream spans —
// broken, partial traces. A continued trace must keep the caller's decision unchanged.
export type TraceParent = { version: "00"; traceId: string; parentId: string; flags: number; sampled: boolean };
export type PropagationDeps = { newTraceId: () => string; newSpanId: () => string; sampleNewTrace: () => boolean };
export type Outgoing = { traceparent: string; traceId: string; spanId: string; parentSpanId: string | null; sampled: boolean };

// Lowercase hex only (HEXDIGLC in the spec); a version-00 header is exactly 55 characters.
const TRACEPARENT_00 = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;
const allZeros = (id: string) => /^0+$/.test(id);

export function parseTraceparent(header: string | null | undefined): TraceParent | null {
  if (typeof header !== "string") return null;
  const m = TRACEPARENT_00.exec(header);
  if (!m) return null;
  const [, traceId, parentId, flagsHex] = m as unknown as [string, string, string, string];
  if (allZeros(traceId) || allZeros(parentId)) return null;
  const flags = parseInt(flagsHex, 16);
  return { version: "00", traceId, parentId, flags, sampled: (flags & 0x01) === 0x01 };
}

function nonZero(generate: () => string): string {
  for (;;) {
    const id = generate();
    if (!allZeros(id)) return id;
  }
}

export function childTraceparent(incoming: string | null | undefined, deps: PropagationDeps): Outgoing {
  const parent = parseTraceparent(incoming);
  const traceId = parent ? parent.traceId : nonZero(deps.newTraceId);
  // Bug: every hop re-rolls the dice, even for a trace its caller already decided to sample.
  const sampled = parent ? parent.sampled && deps.sampleNewTrace() : deps.sampleNewTrace();
  const spanId = nonZero(deps.newSpanId);
  return {
    traceparent: `00-${traceId}-${spanId}-${sampled ? "01" : "00"}`,
    traceId,
    spanId,
    parentSpanId: parent ? parent.parentId : null,
    sampled,
  };
}

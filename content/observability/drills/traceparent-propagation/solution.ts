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
  const sampled = parent ? parent.sampled : deps.sampleNewTrace();
  const spanId = nonZero(deps.newSpanId);
  return {
    traceparent: `00-${traceId}-${spanId}-${sampled ? "01" : "00"}`,
    traceId,
    spanId,
    parentSpanId: parent ? parent.parentId : null,
    sampled,
  };
}

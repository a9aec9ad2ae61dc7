// Plausible but wrong: "be liberal in what you accept" — splits on dashes, matches hex
// case-insensitively and lowercases it, ignores the version and never checks for all-zero ids.
// Invalid headers are continued instead of starting a new trace, so a broken or hostile caller
// can join (or poison) someone else's trace.
export type TraceParent = { version: "00"; traceId: string; parentId: string; flags: number; sampled: boolean };
export type PropagationDeps = { newTraceId: () => string; newSpanId: () => string; sampleNewTrace: () => boolean };
export type Outgoing = { traceparent: string; traceId: string; spanId: string; parentSpanId: string | null; sampled: boolean };

export function parseTraceparent(header: string | null | undefined): TraceParent | null {
  if (!header) return null;
  const parts = header.trim().split("-");
  if (parts.length !== 4) return null;
  const [, traceId, parentId, flagsHex] = parts as [string, string, string, string];
  if (!/^[0-9a-f]{32}$/i.test(traceId) || !/^[0-9a-f]{16}$/i.test(parentId) || !/^[0-9a-f]{2}$/i.test(flagsHex)) return null;
  const flags = parseInt(flagsHex, 16);
  return { version: "00", traceId: traceId.toLowerCase(), parentId: parentId.toLowerCase(), flags, sampled: (flags & 1) === 1 };
}

function fresh(gen: () => string): string {
  let id = gen();
  while (/^0+$/.test(id)) id = gen();
  return id;
}

export function childTraceparent(incoming: string | null | undefined, deps: PropagationDeps): Outgoing {
  const parent = parseTraceparent(incoming);
  const traceId = parent ? parent.traceId : fresh(deps.newTraceId);
  const sampled = parent ? parent.sampled : deps.sampleNewTrace();
  const spanId = fresh(deps.newSpanId);
  return { traceparent: `00-${traceId}-${spanId}-${sampled ? "01" : "00"}`, traceId, spanId, parentSpanId: parent?.parentId ?? null, sampled };
}

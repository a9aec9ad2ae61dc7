export type TraceParent = {
  version: "00";
  traceId: string;
  parentId: string;
  flags: number;
  sampled: boolean;
};

export type PropagationDeps = {
  /** 32 lowercase hex characters. */
  newTraceId: () => string;
  /** 16 lowercase hex characters. */
  newSpanId: () => string;
  /** Head-sampling decision for a brand-new trace only. */
  sampleNewTrace: () => boolean;
};

export type Outgoing = {
  traceparent: string;
  traceId: string;
  spanId: string;
  parentSpanId: string | null;
  sampled: boolean;
};

export function parseTraceparent(header: string | null | undefined): TraceParent | null {
  // Your code here
  return null;
}

export function childTraceparent(incoming: string | null | undefined, deps: PropagationDeps): Outgoing {
  // Your code here
  throw new Error("not implemented");
}

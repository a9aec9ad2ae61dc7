const TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
const PARENT = "00f067aa0ba902b7";

// Deterministic generators that also count their calls.
function deps(sampleNew = true) {
  const calls = { trace: 0, span: 0, sample: 0 };
  return {
    calls,
    newTraceId: () => ["0af7651916cd43dd8448eb211c80319c", "1bf7651916cd43dd8448eb211c80319d"][calls.trace++]!,
    newSpanId: () => ["b7ad6b7169203331", "c7ad6b7169203332", "d7ad6b7169203333"][calls.span++]!,
    sampleNewTrace: () => (calls.sample++, sampleNew),
  };
}

test("parses a valid header", (t: any) => {
  const { exports, assert } = t;
  assert.equal(
    exports.parseTraceparent(`00-${TRACE}-${PARENT}-01`),
    { version: "00", traceId: TRACE, parentId: PARENT, flags: 1, sampled: true },
    "the spec's example header",
  );
});

test("continues the trace with a new span id", (t: any) => {
  const { exports, assert } = t;
  const d = deps();
  const out = exports.childTraceparent(`00-${TRACE}-${PARENT}-01`, d);
  assert.equal(
    out,
    { traceparent: `00-${TRACE}-b7ad6b7169203331-01`, traceId: TRACE, spanId: "b7ad6b7169203331", parentSpanId: PARENT, sampled: true },
    "outgoing context for a sampled incoming header",
  );
});

test("keeps an unsampled decision", (t: any) => {
  const { exports, assert } = t;
  const out = exports.childTraceparent(`00-${TRACE}-${PARENT}-00`, deps());
  assert.equal(out.traceparent, `00-${TRACE}-b7ad6b7169203331-00`, "outgoing header for flags 00");
  assert.equal(out.sampled, false, "sampled");
});

test("starts a new trace when the header is garbage", (t: any) => {
  const { exports, assert } = t;
  assert.equal(exports.parseTraceparent("hello"), null, "parse of 'hello'");
  const out = exports.childTraceparent("hello", deps(true));
  assert.equal(
    out,
    { traceparent: "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", traceId: "0af7651916cd43dd8448eb211c80319c", spanId: "b7ad6b7169203331", parentSpanId: null, sampled: true },
    "new root trace, sampler says yes",
  );
});

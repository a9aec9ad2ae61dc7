const TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
const PARENT = "00f067aa0ba902b7";
const NEW_TRACE = "0af7651916cd43dd8448eb211c80319c";
const NEW_SPAN = "b7ad6b7169203331";

function deps(sampleNew = true, traceIds = [NEW_TRACE], spanIds = [NEW_SPAN, "c7ad6b7169203332", "d7ad6b7169203333"]) {
  const calls = { trace: 0, span: 0, sample: 0 };
  const next = (list: string[], i: number) => {
    if (i >= list.length) throw new Error("the test's id generator ran out of ids");
    return list[i]!;
  };
  return {
    calls,
    newTraceId: () => next(traceIds, calls.trace++),
    newSpanId: () => next(spanIds, calls.span++),
    sampleNewTrace: () => (calls.sample++, sampleNew),
  };
}

function expectNewTrace(t: any, header: unknown, what: string) {
  const { exports, assert } = t;
  assert.equal(exports.parseTraceparent(header), null, `parse: ${what}`);
  const out = exports.childTraceparent(header, deps(true));
  assert.equal(out.traceparent, `00-${NEW_TRACE}-${NEW_SPAN}-01`, `outgoing header: ${what}`);
  assert.equal(out.parentSpanId, null, `parentSpanId: ${what}`);
}

test("uppercase hex", { category: "rejects uppercase hex (the spec requires lowercase)" }, (t: any) => {
  expectNewTrace(t, `00-${TRACE.toUpperCase()}-${PARENT}-01`, "uppercase trace-id");
  expectNewTrace(t, `00-${TRACE}-00F067AA0BA902B7-01`, "uppercase parent-id");
  expectNewTrace(t, `00-${TRACE}-${PARENT}-0A`, "uppercase flags");
});

test("all-zero ids", { category: "rejects an all-zero trace-id or parent-id" }, (t: any) => {
  expectNewTrace(t, `00-${"0".repeat(32)}-${PARENT}-01`, "all-zero trace-id");
  expectNewTrace(t, `00-${TRACE}-${"0".repeat(16)}-01`, "all-zero parent-id");
});

test("versions", { category: "accepts only version 00" }, (t: any) => {
  expectNewTrace(t, `ff-${TRACE}-${PARENT}-01`, "version ff");
  expectNewTrace(t, `01-${TRACE}-${PARENT}-01`, "version 01");
  expectNewTrace(t, `0-${TRACE}-${PARENT}-01`, "one-digit version");
});

test("malformed shapes", { category: "rejects malformed headers (lengths, separators, non-hex, extra fields)" }, (t: any) => {
  const cases: Array<[string, unknown]> = [
    ["empty string", ""],
    ["undefined", undefined],
    ["null", null],
    ["31-digit trace-id", `00-${TRACE.slice(1)}-${PARENT}-01`],
    ["17-digit parent-id", `00-${TRACE}-${PARENT}a-01`],
    ["one-digit flags", `00-${TRACE}-${PARENT}-1`],
    ["extra field", `00-${TRACE}-${PARENT}-01-extra`],
    ["missing flags", `00-${TRACE}-${PARENT}`],
    ["non-hex character", `00-${TRACE.slice(0, -1)}g-${PARENT}-01`],
    ["underscores instead of dashes", `00_${TRACE}_${PARENT}_01`],
    ["surrounding whitespace", ` 00-${TRACE}-${PARENT}-01 `],
  ];
  for (const [what, header] of cases) expectNewTrace(t, header, what);
});

test("flags as a bit field", { category: "reads the sampled bit with a mask and propagates only that bit" }, (t: any) => {
  const { exports, assert } = t;
  const cases: Array<[string, number, boolean]> = [["03", 3, true], ["02", 2, false], ["09", 9, true], ["ff", 255, true], ["fe", 254, false]];
  for (const [hex, flags, sampled] of cases) {
    const parsed = exports.parseTraceparent(`00-${TRACE}-${PARENT}-${hex}`);
    assert.equal(parsed, { version: "00", traceId: TRACE, parentId: PARENT, flags, sampled }, `parse with flags ${hex}`);
    const out = exports.childTraceparent(`00-${TRACE}-${PARENT}-${hex}`, deps());
    assert.equal(out.traceparent, `00-${TRACE}-${NEW_SPAN}-${sampled ? "01" : "00"}`, `outgoing header for flags ${hex}`);
  }
});

test("sampling decisions", { category: "respects the caller's sampling decision and samples only new traces" }, (t: any) => {
  const { exports, assert } = t;
  const d1 = deps(true);
  assert.equal(exports.childTraceparent(`00-${TRACE}-${PARENT}-00`, d1).sampled, false, "unsampled parent, sampler would say yes");
  assert.equal(d1.calls.sample, 0, "sampleNewTrace calls when continuing a trace");
  const d2 = deps(false);
  assert.equal(exports.childTraceparent(`00-${TRACE}-${PARENT}-01`, d2).sampled, true, "sampled parent, sampler would say no");
  assert.equal(d2.calls.trace, 0, "newTraceId calls when continuing a trace");
  const d3 = deps(false);
  assert.equal(exports.childTraceparent(undefined, d3).traceparent, `00-${NEW_TRACE}-${NEW_SPAN}-00`, "no header, sampler says no");
  assert.equal(d3.calls.sample, 1, "sampleNewTrace calls for a new trace");
});

test("fresh span per call", { category: "uses a fresh span id for every outgoing call" }, (t: any) => {
  const { exports, assert } = t;
  const d = deps();
  const incoming = `00-${TRACE}-${PARENT}-01`;
  const a = exports.childTraceparent(incoming, d);
  const b = exports.childTraceparent(incoming, d);
  assert.equal([a.spanId, b.spanId], [NEW_SPAN, "c7ad6b7169203332"], "span ids of two outgoing calls");
  assert.equal([a.traceId, b.traceId], [TRACE, TRACE], "both keep the trace id");
  assert.equal([a.parentSpanId, b.parentSpanId], [PARENT, PARENT], "both name the incoming parent");
});

test("all-zero generated ids", { category: "never emits an all-zero id (retries the generator)" }, (t: any) => {
  const { exports, assert } = t;
  const d = deps(true, ["0".repeat(32), NEW_TRACE], ["0".repeat(16), NEW_SPAN]);
  const out = exports.childTraceparent("garbage", d);
  assert.equal(out.traceparent, `00-${NEW_TRACE}-${NEW_SPAN}-01`, "header after the generators first return zeros");
  assert.equal([d.calls.trace, d.calls.span], [2, 2], "generator calls (one retry each)");
});

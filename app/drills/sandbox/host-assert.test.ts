import { describe, expect, it } from "vitest";
import { judge, show } from "./host-assert";

const j = (kind: string, a: unknown, e: unknown, x: unknown = null, msg = "") => judge(kind, JSON.stringify(a), JSON.stringify(e), JSON.stringify(x), msg);

describe("host-side assertions", () => {
  it("compares structurally, ignoring key order", () => {
    expect(j("equal", { a: 1, b: [1, 2] }, { b: [1, 2], a: 1 })).toBe("ok");
    expect(j("equal", [1, 2], [2, 1], null, "order")).toBe("order: expected [2, 1], got [1, 2]");
    expect(j("equal", { $: "undefined" }, null)).toBe("expected null, got undefined");
    expect(j("equal", { $: "Map", v: [["k", 1]] }, { $: "Map", v: [["k", 2]] })).toBe('expected Map {"k" => 2}, got Map {"k" => 1}');
  });

  it("checks truthiness, ranges and errors", () => {
    expect(j("ok", 0, true)).toBe("expected a truthy value, got 0");
    expect(j("ok", { $: "NaN" }, true)).toMatch(/truthy/);
    expect(j("ok", [], true)).toBe("ok");
    expect(j("closeTo", 0.30000000000000004, 0.3, 1e-9)).toBe("ok");
    expect(j("closeTo", 0.4, 0.3, 0.01)).toBe("expected 0.3 ± 0.01, got 0.4");
    expect(j("atMost", 5, 4)).toBe("expected at most 4, got 5");
    expect(j("atLeast", 5, 4)).toBe("ok");
    expect(j("throws", { threw: false }, null)).toBe("expected an error, but none was thrown");
    expect(j("throws", { threw: true, message: "token expired" }, "expired")).toBe("ok");
    expect(j("throws", { threw: true, message: "bad" }, "expired")).toBe('expected an error mentioning "expired", got "bad"');
  });

  it("refuses what it cannot read and caps long renderings", () => {
    expect(judge("equal", "{not json", "1", "null", "")).toBe("the assertion could not be read");
    expect(show("x".repeat(1000)).length).toBeLessThanOrEqual(300);
  });
});

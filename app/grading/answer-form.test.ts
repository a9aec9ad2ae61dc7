import { describe, expect, it } from "vitest";
import { parseAnswerForm } from "./answer-form";

function form(entries: Array<[string, string]>) {
  const f = new FormData();
  for (const [k, v] of entries) f.append(k, v);
  return f;
}
const base: Array<[string, string]> = [
  ["idempotencyKey", "key-1234567890"],
  ["step", "0"],
];

describe("parseAnswerForm", () => {
  it("parses a single choice", () => {
    const r = parseAnswerForm(form([...base, ["choice", "2"]]), "single", 4);
    expect(r).toEqual({ ok: true, value: { idempotencyKey: "key-1234567890", step: 0, msTaken: undefined, response: { type: "single", choice: 2 } } });
  });
  it("asks for an option when none is picked", () => {
    const r = parseAnswerForm(form(base), "single", 4);
    expect(r).toEqual({ ok: false, fieldErrors: { choice: ["Pick an option"] } });
  });
  it("refuses an option position that does not exist", () => {
    const r = parseAnswerForm(form([...base, ["choice", "7"]]), "single", 3);
    expect(r.ok).toBe(false);
  });
  it("collects repeated multiple-choice fields and de-duplicates them", () => {
    const r = parseAnswerForm(form([...base, ["choice", "0"], ["choice", "2"], ["choice", "2"]]), "multiple", 4);
    expect(r.ok && r.value.response).toEqual({ type: "multiple", choices: [0, 2] });
  });
  it("explains a malformed number", () => {
    const r = parseAnswerForm(form([...base, ["value", "12abc"]]), "numeric", 0);
    expect(r).toEqual({ ok: false, fieldErrors: { value: ["Enter a number, e.g. 250 or 0.5"] } });
    const ok = parseAnswerForm(form([...base, ["value", " 1 000.5 "]]), "numeric", 0);
    expect(ok.ok && ok.value.response).toEqual({ type: "numeric", value: 1000.5 });
  });
  it("turns ranks into an order and rejects duplicate ranks", () => {
    const ok = parseAnswerForm(form([...base, ["position-0", "3"], ["position-1", "1"], ["position-2", "2"]]), "ordering", 3);
    expect(ok.ok && ok.value.response).toEqual({ type: "ordering", order: [1, 2, 0] });
    const bad = parseAnswerForm(form([...base, ["position-0", "1"], ["position-1", "1"], ["position-2", "2"]]), "ordering", 3);
    expect(bad).toEqual({ ok: false, fieldErrors: { order: ["Give every item a different position"] } });
  });
  it("requires a well-formed idempotency key", () => {
    const r = parseAnswerForm(form([["idempotencyKey", "x"], ["step", "0"], ["value", "true"]]), "true-false", 0);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.fieldErrors.idempotencyKey?.[0]).toMatch(/idempotency key/);
  });
  it("requires free text and caps its length", () => {
    expect(parseAnswerForm(form([...base, ["text", "   "]]), "free-text", 0)).toEqual({ ok: false, fieldErrors: { text: ["Write your answer"] } });
    expect(parseAnswerForm(form([...base, ["text", "x".repeat(5001)]]), "free-text", 0).ok).toBe(false);
  });
});

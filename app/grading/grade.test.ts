import { describe, expect, it } from "vitest";
import { loadContent } from "../content/load.server";
import { renderQuestion } from "../content/sync.server";
import { grade, gradeFreeText, gradeMultiple, gradeNumeric, gradeOrdering, gradeSingle, ResponseMismatchError } from "./grade";

const fixtures = loadContent("tests/fixtures/content");
const q = (id: string) => renderQuestion(fixtures.questions.find((x) => x.id === id)!);

describe("single choice", () => {
  it("scores the keyed option 1 and any other 0", () => {
    expect(gradeSingle(2, 2)).toEqual({ score: 1, correct: true });
    expect(gradeSingle(2, 0)).toEqual({ score: 0, correct: false });
    expect(grade(q("fx-single"), { type: "single", choice: 0 })).toEqual({ score: 1, correct: true });
    expect(grade(q("fx-single"), { type: "single", choice: 1 })).toEqual({ score: 0, correct: false });
  });
  it("rejects an option that does not exist", () => {
    expect(() => grade(q("fx-single"), { type: "single", choice: 7 })).toThrow(ResponseMismatchError);
  });
});

describe("multiple choice partial credit", () => {
  it("is correct only for the exact keyed set", () => {
    expect(gradeMultiple([0, 1], [0, 1])).toEqual({ score: 1, correct: true });
    expect(gradeMultiple([0, 1], [1, 0])).toEqual({ score: 1, correct: true });
  });
  it("gives (right − wrong) / keyed, never below zero", () => {
    expect(gradeMultiple([0, 1], [0])).toEqual({ score: 0.5, correct: false });
    expect(gradeMultiple([0, 1], [0, 2])).toEqual({ score: 0, correct: false });
    expect(gradeMultiple([0, 1], [2, 3])).toEqual({ score: 0, correct: false });
    expect(gradeMultiple([0, 1, 2], [0, 1, 3])).toMatchObject({ correct: false });
    expect(gradeMultiple([0, 1, 2], [0, 1, 3]).score).toBeCloseTo(1 / 3);
  });
  it("ticking every option does not earn full credit", () => {
    expect(grade(q("fx-multiple"), { type: "multiple", choices: [0, 1, 2, 3] })).toEqual({ score: 0, correct: false });
  });
});

describe("true/false", () => {
  it("matches the keyed answer", () => {
    expect(grade(q("fx-true-false"), { type: "true-false", value: false })).toEqual({ score: 1, correct: true });
    expect(grade(q("fx-true-false"), { type: "true-false", value: true })).toEqual({ score: 0, correct: false });
  });
});

describe("numeric", () => {
  it("accepts answers within the absolute tolerance, inclusive", () => {
    expect(gradeNumeric(250, 1, 251)).toEqual({ score: 1, correct: true });
    expect(gradeNumeric(250, 1, 249)).toEqual({ score: 1, correct: true });
    expect(gradeNumeric(250, 1, 251.5)).toEqual({ score: 0, correct: false });
    expect(gradeNumeric(0.3, 0, 0.1 + 0.2)).toEqual({ score: 1, correct: true });
  });
});

describe("ordering", () => {
  it("scores the share of pairs in the right relative order", () => {
    expect(gradeOrdering([0, 1, 2, 3])).toEqual({ score: 1, correct: true });
    expect(gradeOrdering([3, 2, 1, 0])).toEqual({ score: 0, correct: false });
    expect(gradeOrdering([1, 0, 2, 3])).toEqual({ score: 5 / 6, correct: false });
  });
  it("rejects a response that is not a permutation", () => {
    expect(() => grade(q("fx-ordering"), { type: "ordering", order: [0, 0, 1, 2] })).toThrow(ResponseMismatchError);
    expect(() => grade(q("fx-ordering"), { type: "ordering", order: [0, 1, 2] })).toThrow(ResponseMismatchError);
  });
});

describe("free text", () => {
  it("stays ungraded until the learner self-assesses", () => {
    expect(gradeFreeText(4, undefined)).toEqual({ score: null, correct: null });
  });
  it("scores the share of rubric points covered; 75% counts as correct", () => {
    expect(gradeFreeText(4, [0, 1, 2])).toEqual({ score: 0.75, correct: true });
    expect(gradeFreeText(4, [0, 1])).toEqual({ score: 0.5, correct: false });
    expect(gradeFreeText(5, [0, 1, 2])).toEqual({ score: 0.6, correct: false });
  });
  it("ignores duplicate and out-of-range points", () => {
    expect(gradeFreeText(4, [0, 0, 9, -1])).toEqual({ score: 0.25, correct: false });
  });
});

it("refuses a response of another type", () => {
  expect(() => grade(q("fx-single"), { type: "true-false", value: true })).toThrow(ResponseMismatchError);
});

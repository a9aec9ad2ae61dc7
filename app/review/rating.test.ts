import { describe, expect, it } from "vitest";
import { calibration, cbmMark, deriveRating, expectedAnswerMs } from "./rating";

const expectedMs = expectedAnswerMs(100); // 40 s

describe("deriveRating", () => {
  it.each([
    // [correct, confidence, msTaken, rating]
    [false, "high", 5_000, 1],
    [false, null, null, 1],
    [true, "low", 5_000, 2],
    [true, "medium", 3 * expectedMs, 2],
    [true, null, 2 * expectedMs + 1, 2],
    [true, null, 20_000, 3],
    [true, "medium", 20_000, 3],
    [true, "high", 60_000, 3],
    [true, "high", null, 3],
    [true, "high", expectedMs, 4],
    [true, "high", 5_000, 4],
  ] as const)("correct=%s confidence=%s ms=%s → %i", (correct, confidence, msTaken, rating) => {
    expect(deriveRating({ correct, confidence, msTaken, expectedMs })).toBe(rating);
  });

  it("has nothing to rate while a free-text answer awaits self-assessment", () => {
    expect(deriveRating({ correct: null, confidence: "high", msTaken: 1000, expectedMs })).toBeNull();
  });

  it("expects longer questions to take longer", () => {
    expect(expectedAnswerMs(0)).toBe(10_000);
    expect(expectedAnswerMs(200)).toBeGreaterThan(expectedAnswerMs(50));
  });
});

describe("certainty-based marking", () => {
  it("marks like Moodle: +1/0, +2/−2, +3/−6", () => {
    expect([cbmMark(true, "low"), cbmMark(false, "low")]).toEqual([1, 0]);
    expect([cbmMark(true, "medium"), cbmMark(false, "medium")]).toEqual([2, -2]);
    expect([cbmMark(true, "high"), cbmMark(false, "high")]).toEqual([3, -6]);
    expect(cbmMark(true, null)).toBeNull();
    expect(cbmMark(null, "high")).toBeNull();
  });

  it("calls a learner overconfident when 'certain' answers are right less than 80% of the time", () => {
    const answers = [
      ...Array.from({ length: 7 }, () => ({ correct: true, confidence: "high" as const })),
      ...Array.from({ length: 3 }, () => ({ correct: false, confidence: "high" as const })),
      ...Array.from({ length: 4 }, () => ({ correct: true, confidence: "low" as const })),
      { correct: null, confidence: "medium" as const },
    ];
    const rows = calibration(answers);
    expect(rows.find((r) => r.confidence === "high")).toMatchObject({ answers: 10, correct: 7, accuracy: 0.7, verdict: "overconfident" });
    expect(rows.find((r) => r.confidence === "low")).toMatchObject({ answers: 4, accuracy: 1, verdict: "underconfident" });
    expect(rows.find((r) => r.confidence === "medium")).toMatchObject({ answers: 0, accuracy: null, verdict: "no-data" });
  });
});

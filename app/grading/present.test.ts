import { describe, expect, it } from "vitest";
import { loadContent } from "../content/load.server";
import { renderQuestion } from "../content/sync.server";
import { displayPermutation, permutationFor, revealQuestion, toPublicQuestion } from "./present";

const fixtures = loadContent("tests/fixtures/content");
const questions = fixtures.questions.map(renderQuestion);

describe("displayPermutation", () => {
  it("is deterministic for a seed and a permutation of 0..n-1", () => {
    const a = displayPermutation("s1:0", 6, { shuffle: true });
    expect(displayPermutation("s1:0", 6, { shuffle: true })).toEqual(a);
    expect([...a].sort()).toEqual([0, 1, 2, 3, 4, 5]);
  });
  it("differs between seeds (shuffling actually happens)", () => {
    const seen = new Set(Array.from({ length: 20 }, (_, i) => displayPermutation(`seed-${i}`, 5, { shuffle: true }).join("")));
    expect(seen.size).toBeGreaterThan(5);
  });
  it("keeps file order when shuffle is off", () => {
    expect(displayPermutation("x", 4, { shuffle: false })).toEqual([0, 1, 2, 3]);
  });
  it("never shows an ordering question already in the right order", () => {
    for (let i = 0; i < 200; i++) {
      const p = displayPermutation(`o-${i}`, 3, { shuffle: true, avoidIdentity: true });
      expect(p).not.toEqual([0, 1, 2]);
    }
  });
});

describe("toPublicQuestion", () => {
  it.each(questions.map((q) => [q.id, q] as const))("%s carries no key, feedback or explanation", (_id, q) => {
    const pub = JSON.stringify(toPublicQuestion(q, 1, "seed"));
    expect(pub).not.toMatch(/FEEDBACK|EXPLANATION|MISTAKE|RUBRIC|MODEL-ANSWER/);
    expect(pub).not.toMatch(/"correct"|"answer"|"tolerance"|"rubric"|"feedback"/);
  });
  it("lists options by display position only", () => {
    const q = questions.find((x) => x.id === "fx-single")!;
    const pub = toPublicQuestion(q, 1, "seed");
    expect(pub.choices.map((c) => c.position)).toEqual([0, 1, 2]);
    const perm = permutationFor(q, "seed");
    expect(pub.choices.map((c) => c.html)).toEqual(perm.map((i) => (q.type === "single" ? q.options[i]!.text : "")));
  });
});

describe("revealQuestion", () => {
  it("marks the learner's choice and the correct option in display order", () => {
    const q = questions.find((x) => x.id === "fx-single")!;
    const revealed = revealQuestion(q, 1, "seed", { type: "single", choice: 1 }, { score: 0, correct: false });
    const perm = permutationFor(q, "seed");
    const shownCorrect = revealed.options!.findIndex((o) => o.correct);
    expect(perm[shownCorrect]).toBe(0);
    expect(revealed.options!.filter((o) => o.selected)).toHaveLength(1);
    expect(revealed.options!.every((o) => o.feedbackHtml.length > 0)).toBe(true);
  });
  it("shows targeted feedback for a known numeric mistake", () => {
    const q = questions.find((x) => x.id === "fx-numeric")!;
    const r = revealQuestion(q, 1, "s", { type: "numeric", value: 25 }, { score: 0, correct: false });
    expect(r.numeric?.mistakeHtml).toContain("MISTAKE-25");
  });
});

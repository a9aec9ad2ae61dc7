/**
 * From an answer to an FSRS rating, and certainty-based marking (CBM). Pure: no I/O, no clock.
 *
 * Rating (as in Anki, the learner may change it after reading the explanation):
 *   wrong → Again · right but unsure or slow → Hard · right → Good · right, fast and sure → Easy
 *
 * CBM follows Moodle / Gardner-Medwin: low +1/0, medium +2/−2, high +3/−6.
 */
export const CONFIDENCES = ["low", "medium", "high"] as const;
export type Confidence = (typeof CONFIDENCES)[number];

export const RATINGS = [1, 2, 3, 4] as const;
export type RatingValue = (typeof RATINGS)[number];
export const RATING_LABELS: Record<RatingValue, string> = { 1: "Again", 2: "Hard", 3: "Good", 4: "Easy" };

export const CONFIDENCE_LABELS: Record<Confidence, string> = { low: "Not sure", medium: "Fairly sure", high: "Certain" };

/** Reading and thinking time we expect for a question, from the words it shows. */
export function expectedAnswerMs(wordsShown: number): number {
  // ~200 words a minute of careful reading plus 10 s to decide.
  return 10_000 + Math.max(0, wordsShown) * 300;
}

export type RatingInput = {
  /** null while a free-text answer awaits self-assessment: there is nothing to rate yet. */
  correct: boolean | null;
  confidence: Confidence | null;
  msTaken: number | null;
  expectedMs: number;
};

/** Slower than twice the expected time counts as a struggle; within the expected time as fluent. */
export function deriveRating(input: RatingInput): RatingValue | null {
  if (input.correct === null) return null;
  if (!input.correct) return 1;
  const slow = input.msTaken !== null && input.msTaken > 2 * input.expectedMs;
  const fast = input.msTaken !== null && input.msTaken <= input.expectedMs;
  if (input.confidence === "low" || slow) return 2;
  if (input.confidence === "high" && fast) return 4;
  return 3;
}

export const CBM_MARKS: Record<Confidence, { right: number; wrong: number }> = {
  low: { right: 1, wrong: 0 },
  medium: { right: 2, wrong: -2 },
  high: { right: 3, wrong: -6 },
};

/** The CBM mark of one answer; null when the learner did not say how sure they were or it is ungraded. */
export function cbmMark(correct: boolean | null, confidence: Confidence | null): number | null {
  if (correct === null || confidence === null) return null;
  return correct ? CBM_MARKS[confidence].right : CBM_MARKS[confidence].wrong;
}

/**
 * The accuracy at which each certainty level maximises the expected CBM mark: low below 2/3,
 * medium from 2/3 to 0.8, high above 0.8 (the break-even points of the mark scheme).
 */
export const CALIBRATION_IDEAL: Record<Confidence, { from: number; to: number }> = {
  low: { from: 0, to: 2 / 3 },
  medium: { from: 2 / 3, to: 0.8 },
  high: { from: 0.8, to: 1 },
};

export type CalibrationRow = {
  confidence: Confidence;
  answers: number;
  correct: number;
  /** Share right at this level, null without answers. */
  accuracy: number | null;
  verdict: "no-data" | "well-calibrated" | "overconfident" | "underconfident";
};

export function calibration(answers: Array<{ correct: boolean | null; confidence: Confidence | null }>): CalibrationRow[] {
  return CONFIDENCES.map((confidence) => {
    const at = answers.filter((a) => a.confidence === confidence && a.correct !== null);
    const correct = at.filter((a) => a.correct).length;
    const accuracy = at.length ? correct / at.length : null;
    const ideal = CALIBRATION_IDEAL[confidence];
    const verdict =
      accuracy === null ? "no-data" : accuracy < ideal.from ? "overconfident" : accuracy > ideal.to ? "underconfident" : "well-calibrated";
    return { confidence, answers: at.length, correct, accuracy, verdict };
  });
}

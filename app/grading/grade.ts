/**
 * Server-side graders, one per question type. Pure: they take a question (key included) and a
 * response in canonical indices (the order of the content file) and return a score in 0..1.
 */
import type { Question } from "../content/schema";

export type Response =
  | { type: "single"; choice: number }
  | { type: "multiple"; choices: number[] }
  | { type: "true-false"; value: boolean }
  | { type: "numeric"; value: number }
  | { type: "ordering"; order: number[] }
  | { type: "free-text"; text: string; checked?: number[] };

export type Grade = {
  /** 0..1, or null while a free-text answer awaits self-assessment. */
  score: number | null;
  correct: boolean | null;
};

/** A free-text answer counts as correct when at least this share of rubric points is covered. */
export const FREE_TEXT_PASS = 0.75;
const EPSILON = 1e-9;

export class ResponseMismatchError extends Error {}

export function gradeSingle(correctIndex: number, choice: number): Grade {
  const ok = choice === correctIndex;
  return { score: ok ? 1 : 0, correct: ok };
}

/** Partial credit: max(0, (right ticks − wrong ticks) / number of right options). */
export function gradeMultiple(correctIndices: number[], choices: number[]): Grade {
  const key = new Set(correctIndices);
  const picked = new Set(choices);
  let right = 0;
  let wrong = 0;
  for (const c of picked) {
    if (key.has(c)) right++;
    else wrong++;
  }
  const score = Math.max(0, (right - wrong) / key.size);
  const exact = wrong === 0 && right === key.size;
  return { score, correct: exact };
}

export function gradeNumeric(answer: number, tolerance: number, value: number): Grade {
  const ok = Math.abs(value - answer) <= tolerance + EPSILON;
  return { score: ok ? 1 : 0, correct: ok };
}

/** Partial credit: the share of item pairs in the right relative order (Kendall-style). */
export function gradeOrdering(order: number[]): Grade {
  const n = order.length;
  const pairs = (n * (n - 1)) / 2;
  let concordant = 0;
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) if (order[i]! < order[j]!) concordant++;
  const score = pairs === 0 ? 1 : concordant / pairs;
  return { score, correct: concordant === pairs };
}

export function gradeFreeText(rubricSize: number, checked: number[] | undefined): Grade {
  if (checked === undefined) return { score: null, correct: null };
  const covered = new Set(checked.filter((i) => i >= 0 && i < rubricSize)).size;
  const score = covered / rubricSize;
  return { score, correct: score + EPSILON >= FREE_TEXT_PASS };
}

function isPermutation(order: number[], n: number): boolean {
  return order.length === n && new Set(order).size === n && order.every((i) => Number.isInteger(i) && i >= 0 && i < n);
}

export function grade(question: Question, response: Response): Grade {
  if (question.type !== response.type) throw new ResponseMismatchError(`expected a ${question.type} response`);
  switch (question.type) {
    case "single": {
      const r = response as Extract<Response, { type: "single" }>;
      if (!question.options[r.choice]) throw new ResponseMismatchError("no such option");
      return gradeSingle(question.options.findIndex((o) => o.correct), r.choice);
    }
    case "multiple": {
      const r = response as Extract<Response, { type: "multiple" }>;
      if (r.choices.some((c) => !question.options[c])) throw new ResponseMismatchError("no such option");
      const key = question.options.flatMap((o, i) => (o.correct ? [i] : []));
      return gradeMultiple(key, r.choices);
    }
    case "true-false": {
      const r = response as Extract<Response, { type: "true-false" }>;
      const ok = r.value === question.answer;
      return { score: ok ? 1 : 0, correct: ok };
    }
    case "numeric": {
      const r = response as Extract<Response, { type: "numeric" }>;
      return gradeNumeric(question.answer, question.tolerance, r.value);
    }
    case "ordering": {
      const r = response as Extract<Response, { type: "ordering" }>;
      if (!isPermutation(r.order, question.items.length)) throw new ResponseMismatchError("order every item exactly once");
      return gradeOrdering(r.order);
    }
    case "free-text": {
      const r = response as Extract<Response, { type: "free-text" }>;
      return gradeFreeText(question.rubric.length, r.checked);
    }
  }
}

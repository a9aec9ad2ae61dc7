/**
 * What the browser may see of a question. Before an answer: the stem and the options in a
 * per-learner shuffled order, identified only by display position (option ids and the key stay on
 * the server). After an answer: everything, in the same display order.
 */
import type { Question } from "../content/schema";
import type { Grade, Response } from "./grade";

/** perm[displayPosition] = canonical index. Deterministic for a seed, so reloads show the same order. */
export function displayPermutation(seed: string, n: number, opts: { shuffle: boolean; avoidIdentity?: boolean }): number[] {
  const perm = Array.from({ length: n }, (_, i) => i);
  if (!opts.shuffle || n < 2) return perm;
  let state = hashSeed(seed);
  const next = () => {
    // mulberry32
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [perm[i], perm[j]] = [perm[j]!, perm[i]!];
  }
  // An ordering item shown already in the right order would give the answer away.
  if (opts.avoidIdentity && perm.every((v, i) => v === i)) perm.push(perm.shift()!);
  return perm;
}

/** cyrb53-style 32-bit string hash; pure JS so this module stays free of Node built-ins. */
function hashSeed(seed: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < seed.length; i++) {
    const ch = seed.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  return h1 >>> 0;
}

export function permutationFor(question: Question, seed: string): number[] {
  switch (question.type) {
    case "single":
    case "multiple":
      return displayPermutation(seed, question.options.length, { shuffle: question.shuffle });
    case "ordering":
      return displayPermutation(seed, question.items.length, { shuffle: true, avoidIdentity: true });
    default:
      return [];
  }
}

export type PublicQuestion = {
  id: string;
  version: number;
  topic: string;
  type: Question["type"];
  difficulty: Question["difficulty"];
  language?: string;
  promptHtml: string;
  /** single/multiple options or ordering items, in display order. */
  choices: Array<{ position: number; html: string }>;
  unit?: string;
};

export function toPublicQuestion(question: Question, version: number, seed: string): PublicQuestion {
  const perm = permutationFor(question, seed);
  const base = {
    id: question.id,
    version,
    topic: question.topic,
    type: question.type,
    difficulty: question.difficulty,
    language: question.language,
    promptHtml: question.prompt,
  };
  switch (question.type) {
    case "single":
    case "multiple":
      return { ...base, choices: perm.map((c, position) => ({ position, html: question.options[c]!.text })) };
    case "ordering":
      return { ...base, choices: perm.map((c, position) => ({ position, html: question.items[c]!.text })) };
    case "numeric":
      return { ...base, choices: [], unit: question.unit };
    default:
      return { ...base, choices: [] };
  }
}

/** Display positions from the form → canonical indices for the grader. */
export function toCanonical(perm: number[], positions: number[]): number[] | null {
  const out: number[] = [];
  for (const p of positions) {
    const c = perm[p];
    if (c === undefined) return null;
    out.push(c);
  }
  return out;
}

export type RevealedChoice = { html: string; correct: boolean; selected: boolean; feedbackHtml: string };

export type Revealed = PublicQuestion & {
  grade: Grade;
  explanationHtml: string;
  references: Array<{ title: string; url: string }>;
  /** single/multiple: every option in display order with its feedback. */
  options?: RevealedChoice[];
  /** ordering: the right order, each with feedback and where the learner put it (1-based). */
  ordering?: Array<{ html: string; feedbackHtml: string; learnerPosition: number }>;
  trueFalse?: { answer: boolean; given: boolean; feedbackTrueHtml: string; feedbackFalseHtml: string };
  numeric?: { answer: number; tolerance: number; unit?: string; given: number; feedbackHtml: string; mistakeHtml?: string };
  freeText?: { text: string; rubricHtml: string[]; checked: number[] | null; modelAnswerHtml: string };
};

export function revealQuestion(question: Question, version: number, seed: string, response: Response, grade: Grade): Revealed {
  const pub = toPublicQuestion(question, version, seed);
  const perm = permutationFor(question, seed);
  const base = { ...pub, grade, explanationHtml: question.explanation, references: question.references };
  switch (question.type) {
    case "single":
    case "multiple": {
      const chosen = new Set(
        response.type === "single" ? [response.choice] : response.type === "multiple" ? response.choices : [],
      );
      return {
        ...base,
        options: perm.map((c) => {
          const o = question.options[c]!;
          return { html: o.text, correct: o.correct, selected: chosen.has(c), feedbackHtml: o.feedback };
        }),
      };
    }
    case "ordering": {
      const order = response.type === "ordering" ? response.order : [];
      return {
        ...base,
        ordering: question.items.map((it, c) => ({ html: it.text, feedbackHtml: it.feedback, learnerPosition: order.indexOf(c) + 1 })),
      };
    }
    case "true-false":
      return {
        ...base,
        trueFalse: {
          answer: question.answer,
          given: response.type === "true-false" ? response.value : !question.answer,
          feedbackTrueHtml: question.feedback.true,
          feedbackFalseHtml: question.feedback.false,
        },
      };
    case "numeric": {
      const given = response.type === "numeric" ? response.value : NaN;
      const mistake = question.mistakes.find((m) => Math.abs(m.value - given) <= Math.max(question.tolerance, 1e-9));
      return {
        ...base,
        numeric: {
          answer: question.answer,
          tolerance: question.tolerance,
          unit: question.unit,
          given,
          feedbackHtml: grade.correct ? question.feedback.correct : question.feedback.incorrect,
          mistakeHtml: grade.correct ? undefined : mistake?.feedback,
        },
      };
    }
    case "free-text":
      return {
        ...base,
        freeText: {
          text: response.type === "free-text" ? response.text : "",
          rubricHtml: question.rubric,
          checked: response.type === "free-text" ? (response.checked ?? null) : null,
          modelAnswerHtml: question.modelAnswer,
        },
      };
  }
}

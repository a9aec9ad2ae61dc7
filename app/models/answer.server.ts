/**
 * Turning a submitted answer form into a graded, canonical response. Shared by practice sessions
 * and the review queue, so both grade exactly the same way.
 */
import type { Question } from "../content/schema";
import { parseAnswerForm, type AnswerForm, type DisplayResponse } from "../grading/answer-form";
import { grade, ResponseMismatchError, type Grade, type Response } from "../grading/grade";
import { permutationFor, toCanonical } from "../grading/present";
import { expectedAnswerMs } from "../review/rating";
import type { FieldErrors } from "../utils/forms";

export function toCanonicalResponse(q: Question, perm: number[], r: DisplayResponse): Response | null {
  switch (r.type) {
    case "single": {
      const c = toCanonical(perm, [r.choice]);
      return c ? { type: "single", choice: c[0]! } : null;
    }
    case "multiple": {
      const c = toCanonical(perm, r.choices);
      return c ? { type: "multiple", choices: c } : null;
    }
    case "ordering": {
      const c = toCanonical(perm, r.order);
      return c ? { type: "ordering", order: c } : null;
    }
    default:
      return r.type === q.type ? r : null;
  }
}

export type GradedForm = { form: AnswerForm; response: Response; grade: Grade };

/** Validates the form against the question shown with `seed` and grades it. */
export function gradeAnswerForm(q: Question, seed: string, form: FormData): { ok: true; value: GradedForm } | { ok: false; fieldErrors: FieldErrors } {
  const perm = permutationFor(q, seed);
  const parsed = parseAnswerForm(form, q.type, perm.length);
  if (!parsed.ok) return parsed;
  const response = toCanonicalResponse(q, perm, parsed.value.response);
  if (!response) return { ok: false, fieldErrors: { choice: ["That option does not exist."] } };
  try {
    return { ok: true, value: { form: parsed.value, response, grade: grade(q, response) } };
  } catch (error) {
    if (error instanceof ResponseMismatchError) return { ok: false, fieldErrors: { form: [error.message] } };
    throw error;
  }
}

function words(s: string): number {
  return s.replace(/<[^>]+>/g, " ").split(/\s+/).filter(Boolean).length;
}

/** How long a fluent answer should take: the words of the stem and of every option. */
export function expectedMsFor(q: Question): number {
  let n = words(q.prompt);
  if (q.type === "single" || q.type === "multiple") for (const o of q.options) n += words(o.text);
  if (q.type === "ordering") for (const o of q.items) n += words(o.text);
  return expectedAnswerMs(n);
}

/**
 * The answer form, one zod schema shared by the page (field names) and the action (validation).
 * Choices travel as display positions, never as option ids.
 */
import { z } from "zod";
import type { QuestionType } from "../content/schema";
import { CONFIDENCES, type Confidence } from "../review/rating";
import { fieldErrorsOf, type FieldErrors } from "../utils/forms";

export const ANSWER_FIELDS = {
  idempotencyKey: "idempotencyKey",
  step: "step",
  msTaken: "msTaken",
  confidence: "confidence",
  choice: "choice",
  value: "value",
  text: "text",
  positionPrefix: "position-",
} as const;

export const MAX_FREE_TEXT = 5000;

const idempotencyKey = z
  .string({ message: "Missing idempotency key; reload the page and try again" })
  .regex(/^[A-Za-z0-9_-]{8,100}$/, "Malformed idempotency key; reload the page and try again");
const position = z.coerce.number().int().min(0).max(8);

const common = {
  idempotencyKey,
  /** Practice sessions send the step; the review queue does not. */
  step: z.coerce.number({ message: "Missing step" }).int().min(0).max(1000).optional(),
  msTaken: z.coerce.number().int().min(0).max(86_400_000).optional().catch(undefined),
  /** Optional certainty before submitting; "" (no choice) means not said. */
  confidence: z.preprocess((v) => (v === "" ? undefined : v), z.enum(CONFIDENCES, { message: "Choose how sure you are: low, medium or high" }).optional()),
};

export const numberInput = z
  .string({ message: "Enter a number" })
  .trim()
  .min(1, "Enter a number")
  .transform((s) => s.replace(/[\s_]/g, ""))
  .refine((s) => /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(s), "Enter a number, e.g. 250 or 0.5")
  .transform(Number)
  .refine(Number.isFinite, "Enter a finite number");

export type DisplayResponse =
  | { type: "single"; choice: number }
  | { type: "multiple"; choices: number[] }
  | { type: "true-false"; value: boolean }
  | { type: "numeric"; value: number }
  | { type: "ordering"; order: number[] }
  | { type: "free-text"; text: string };

export type AnswerForm = { idempotencyKey: string; step?: number; msTaken?: number; confidence?: Confidence; response: DisplayResponse };

const schemas = new Map<string, ReturnType<typeof buildAnswerSchema>>();

/**
 * The schema for one question shape. Built once per (type, option count) and reused: zod compiles
 * an object schema's parser on first use, so a schema built per request pays that every time.
 */
export function answerSchema(type: QuestionType, choiceCount: number) {
  const key = `${type}:${choiceCount}`;
  let schema = schemas.get(key);
  if (!schema) schemas.set(key, (schema = buildAnswerSchema(type, choiceCount)));
  return schema;
}

function buildAnswerSchema(type: QuestionType, choiceCount: number) {
  const inRange = position.refine((p) => p < Math.max(choiceCount, 1), "That option does not exist");
  switch (type) {
    case "single":
      return z.object({ ...common, choice: inRange.optional() }).transform((v, ctx) => {
        if (v.choice === undefined) {
          ctx.addIssue({ code: "custom", path: ["choice"], message: "Pick an option" });
          return z.NEVER;
        }
        return { ...v, response: { type, choice: v.choice } as DisplayResponse };
      });
    case "multiple":
      return z
        .object({ ...common, choice: z.array(inRange).max(9).default([]) })
        .transform((v, ctx) => {
          if (v.choice.length === 0) {
            ctx.addIssue({ code: "custom", path: ["choice"], message: "Pick at least one option" });
            return z.NEVER;
          }
          return { ...v, response: { type, choices: [...new Set(v.choice)] } as DisplayResponse };
        });
    case "true-false":
      return z
        .object({ ...common, value: z.enum(["true", "false"], { message: "Choose true or false" }) })
        .transform((v) => ({ ...v, response: { type, value: v.value === "true" } as DisplayResponse }));
    case "numeric":
      return z
        .object({ ...common, value: numberInput })
        .transform((v) => ({ ...v, response: { type, value: v.value } as DisplayResponse }));
    case "ordering":
      return z
        .object({ ...common, ranks: z.array(z.coerce.number().int().min(1).max(choiceCount)).length(choiceCount) })
        .transform((v, ctx) => {
          if (new Set(v.ranks).size !== choiceCount) {
            ctx.addIssue({ code: "custom", path: ["order"], message: "Give every item a different position" });
            return z.NEVER;
          }
          // ranks[displayPosition] = 1-based place → order = display positions sorted by place
          const order = v.ranks.map((rank, pos) => ({ rank, pos })).sort((a, b) => a.rank - b.rank).map((r) => r.pos);
          return { ...v, response: { type, order } as DisplayResponse };
        });
    case "free-text":
      return z
        .object({
          ...common,
          text: z
            .string({ message: "Write your answer" })
            .trim()
            .min(1, "Write your answer")
            .max(MAX_FREE_TEXT, `Keep it under ${MAX_FREE_TEXT} characters`),
        })
        .transform((v) => ({ ...v, response: { type, text: v.text } as DisplayResponse }));
  }
}

/** FormData → the plain object the schema expects (repeated fields become arrays). */
export function answerFormInput(form: FormData, type: QuestionType, choiceCount: number): Record<string, unknown> {
  const get = (k: string) => {
    const v = form.get(k);
    return typeof v === "string" ? v : undefined;
  };
  const input: Record<string, unknown> = {
    idempotencyKey: get(ANSWER_FIELDS.idempotencyKey),
    step: get(ANSWER_FIELDS.step),
    msTaken: get(ANSWER_FIELDS.msTaken),
    confidence: get(ANSWER_FIELDS.confidence),
  };
  if (type === "multiple") input.choice = form.getAll(ANSWER_FIELDS.choice).filter((v) => typeof v === "string");
  else if (type === "single") input.choice = get(ANSWER_FIELDS.choice);
  else if (type === "ordering")
    input.ranks = Array.from({ length: choiceCount }, (_, i) => get(`${ANSWER_FIELDS.positionPrefix}${i}`));
  else if (type === "free-text") input.text = get(ANSWER_FIELDS.text);
  else input.value = get(ANSWER_FIELDS.value);
  return input;
}

export function parseAnswerForm(
  form: FormData,
  type: QuestionType,
  choiceCount: number,
): { ok: true; value: AnswerForm } | { ok: false; fieldErrors: FieldErrors } {
  const result = answerSchema(type, choiceCount).safeParse(answerFormInput(form, type, choiceCount));
  if (!result.success) return { ok: false, fieldErrors: fieldErrorsOf(result.error) };
  const { idempotencyKey, step, msTaken, confidence, response } = result.data;
  return { ok: true, value: { idempotencyKey, step, msTaken, confidence, response } };
}

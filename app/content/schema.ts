/**
 * The shape of every content file under `content/`, validated with zod.
 * Pure: no I/O here, so both the loader and the tests can use it.
 */
import { z } from "zod";

export const DIFFICULTIES = ["junior", "mid", "senior"] as const;
export const DIMENSIONS = [
  "fundamentals",
  "system-design",
  "database",
  "debugging",
  "cloud-native",
  "problem-solving",
  "trade-offs",
  "practical",
] as const;
export const QUESTION_TYPES = [
  "single",
  "multiple",
  "true-false",
  "numeric",
  "ordering",
  "free-text",
] as const;
export const CODE_LANGUAGES = [
  "go",
  "java",
  "rust",
  "python",
  "typescript",
  "javascript",
  "sql",
  "yaml",
  "shell",
  "text",
] as const;

export type Difficulty = (typeof DIFFICULTIES)[number];
export type Dimension = (typeof DIMENSIONS)[number];
export type QuestionType = (typeof QUESTION_TYPES)[number];

const slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "must be kebab-case (a-z, 0-9, -)");
const text = z.string().trim().min(1, "must not be empty");
const feedback = z.string().trim().min(10, "feedback must say why (at least 10 characters)");

export const referenceSchema = z.object({
  title: text,
  url: z
    .url({ message: "must be an absolute URL" })
    .refine((u) => u.startsWith("https://"), "must be an https URL"),
});

const base = {
  id: slug,
  difficulty: z.enum(DIFFICULTIES),
  tags: z.array(slug).default([]),
  dimensions: z.array(z.enum(DIMENSIONS)).min(1, "name at least one evaluation dimension"),
  language: z.enum(CODE_LANGUAGES).optional(),
  references: z.array(referenceSchema).min(1, "cite at least one reference"),
};

const choiceOption = z.object({
  id: slug.max(24).optional(),
  text,
  correct: z.boolean().default(false),
  feedback,
});

function uniqueOptionIds<T extends { id?: string }>(options: T[], ctx: z.RefinementCtx) {
  const seen = new Set<string>();
  options.forEach((o, i) => {
    const id = o.id ?? optionLetter(i);
    if (seen.has(id)) {
      ctx.addIssue({ code: "custom", path: ["options", i, "id"], message: `duplicate option id "${id}"` });
    }
    seen.add(id);
  });
}

export function optionLetter(i: number): string {
  return String.fromCharCode("a".charCodeAt(0) + i);
}

const singleSchema = z
  .object({
    ...base,
    type: z.literal("single"),
    shuffle: z.boolean().default(true),
    options: z.array(choiceOption).min(3, "offer at least 3 options").max(9, "at most 9 options"),
  })
  .superRefine((q, ctx) => {
    uniqueOptionIds(q.options, ctx);
    const n = q.options.filter((o) => o.correct).length;
    if (n !== 1) {
      ctx.addIssue({ code: "custom", path: ["options"], message: `single choice needs exactly 1 correct option, found ${n}` });
    }
  });

const multipleSchema = z
  .object({
    ...base,
    type: z.literal("multiple"),
    shuffle: z.boolean().default(true),
    options: z.array(choiceOption).min(3, "offer at least 3 options").max(9, "at most 9 options"),
  })
  .superRefine((q, ctx) => {
    uniqueOptionIds(q.options, ctx);
    const n = q.options.filter((o) => o.correct).length;
    if (n < 1) {
      ctx.addIssue({ code: "custom", path: ["options"], message: "multiple choice needs at least 1 correct option" });
    }
    if (n === q.options.length) {
      ctx.addIssue({ code: "custom", path: ["options"], message: "multiple choice needs at least 1 incorrect option" });
    }
  });

const trueFalseSchema = z.object({
  ...base,
  type: z.literal("true-false"),
  answer: z.boolean(),
  feedback: z.object({ true: feedback, false: feedback }),
});

const numericSchema = z
  .object({
    ...base,
    type: z.literal("numeric"),
    answer: z.number().finite(),
    /** Absolute tolerance: a response within ±tolerance of the answer is correct. */
    tolerance: z.number().nonnegative().default(0),
    unit: z.string().trim().max(24).optional(),
    /** Targeted feedback for well-known wrong answers (e.g. forgetting to convert units). */
    mistakes: z.array(z.object({ value: z.number().finite(), feedback })).default([]),
    feedback: z.object({ correct: feedback, incorrect: feedback }),
  })
  .superRefine((q, ctx) => {
    q.mistakes.forEach((m, i) => {
      if (Math.abs(m.value - q.answer) <= q.tolerance) {
        ctx.addIssue({ code: "custom", path: ["mistakes", i, "value"], message: "a listed mistake falls inside the tolerance of the answer" });
      }
    });
  });

const orderingSchema = z
  .object({
    ...base,
    type: z.literal("ordering"),
    /** Listed in the correct order; shown to the learner shuffled. */
    items: z
      .array(z.object({ id: slug.max(24).optional(), text, feedback }))
      .min(3, "order at least 3 items")
      .max(9, "order at most 9 items"),
  })
  .superRefine((q, ctx) => uniqueOptionIds(q.items, ctx));

const freeTextSchema = z.object({
  ...base,
  type: z.literal("free-text"),
  rubric: z
    .array(text)
    .min(3, "a rubric needs at least 3 points")
    .max(8, "a rubric has at most 8 points"),
  modelAnswer: text,
});

/** Front matter of one question file; the body supplies `prompt` and `explanation`. */
export const questionFrontMatterSchema = z.discriminatedUnion("type", [
  singleSchema,
  multipleSchema,
  trueFalseSchema,
  numericSchema,
  orderingSchema,
  freeTextSchema,
]);

export type QuestionFrontMatter = z.infer<typeof questionFrontMatterSchema>;

export type Question = QuestionFrontMatter & {
  topic: string;
  /** Markdown of the question stem (everything before `## Explanation`). */
  prompt: string;
  /** Markdown after the `## Explanation` heading. */
  explanation: string;
};

export const topicFrontMatterSchema = z.object({
  title: text.max(80),
  summary: text.max(240),
  /** Syllabus group the topic belongs to, used for grouping lists and dashboards. */
  group: text.max(60),
  order: z.number().int().nonnegative().default(100),
  references: z.array(referenceSchema).default([]),
});

export type TopicFrontMatter = z.infer<typeof topicFrontMatterSchema>;
export type Topic = TopicFrontMatter & { slug: string; primer: string };

export const questionBodySchema = z.object({
  prompt: z.string().trim().min(10, "the question stem (before `## Explanation`) is empty or too short"),
  explanation: z.string().trim().min(20, "add a `## Explanation` section of at least 20 characters"),
});

export const EXPLANATION_HEADING = /^##\s+Explanation\s*$/m;

/** Splits a question body into its stem and its explanation. */
export function splitQuestionBody(body: string): { prompt: string; explanation: string } {
  const match = EXPLANATION_HEADING.exec(body);
  if (!match) return { prompt: body.trim(), explanation: "" };
  return {
    prompt: body.slice(0, match.index).trim(),
    explanation: body.slice(match.index + match[0].length).trim(),
  };
}

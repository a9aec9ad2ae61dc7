/**
 * The shape of a drill folder, validated with zod. Pure. A drill lives at
 * `content/<topic>/drills/<drill-id>/` with `drill.md` (front matter + prompt), `starter.ts`,
 * `visible.test.ts`, `hidden.test.ts`, `solution.ts` and `wrong/*.ts`.
 */
import { z } from "zod";
import { DIFFICULTIES, DIMENSIONS } from "../content/schema";

const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "must be kebab-case (a-z, 0-9, -)");

export const DEFAULT_TIME_LIMIT_MS = 2000;
export const DEFAULT_MEMORY_LIMIT_MB = 64;

const planRule = z.discriminatedUnion("rule", [
  z.object({ rule: z.literal("no-full-scan"), table: z.string().min(1) }),
  z.object({ rule: z.literal("uses-index"), table: z.string().min(1) }),
  z.object({ rule: z.literal("covering"), table: z.string().min(1) }),
  z.object({ rule: z.literal("no-temp-btree"), for: z.enum(["ORDER BY", "GROUP BY", "DISTINCT"]).optional() }),
]);
const hiddenPart = { hidden: z.boolean().optional(), category: z.string().trim().min(3).optional() };
const needsCategory = (x: { hidden?: boolean; category?: string }) => !x.hidden || Boolean(x.category);

/** How a SQL drill is graded; which fields apply depends on `kind`. */
export const sqlSpecSchema = z.object({
  ordered: z.boolean().optional(),
  cases: z.array(z.object({ name: z.string().min(3), setup: z.string().optional(), ...hiddenPart }).refine(needsCategory, "a hidden case needs a category")).optional(),
  plan: z.array(planRule).optional(),
  targets: z.array(z.object({ name: z.string().min(3), sql: z.string().min(6), rules: z.array(planRule).min(1), ...hiddenPart }).refine(needsCategory, "a hidden target needs a category")).optional(),
  maxIndexes: z.number().int().min(1).max(10).optional(),
  probes: z
    .array(z.object({ name: z.string().min(3), sql: z.string().min(6), expect: z.enum(["ok", "error"]), match: z.string().optional(), ...hiddenPart }).refine(needsCategory, "a hidden probe needs a category"))
    .optional(),
  requireIndexes: z.array(z.object({ table: z.string(), columns: z.array(z.string()).min(1), category: z.string().optional() })).optional(),
  invariants: z.array(z.object({ name: z.string().min(3), sql: z.string().min(6), ...hiddenPart }).refine(needsCategory, "a hidden invariant needs a category")).optional(),
  runTwice: z.boolean().optional(),
  setup: z.string().optional(),
});

export const DRILL_KINDS = ["code", "sql-query", "sql-index", "sql-rewrite", "sql-schema", "sql-transaction"] as const;
export type DrillKind = (typeof DRILL_KINDS)[number];

export const drillFrontMatterSchema = z.object({
  kind: z.enum(DRILL_KINDS).default("code"),
  /** SQL drills: the dataset in content/_datasets/<name>.sql. */
  dataset: slug.optional(),
  sql: sqlSpecSchema.optional(),
  id: slug,
  title: z.string().trim().min(3).max(80),
  summary: z.string().trim().min(10).max(200),
  difficulty: z.enum(DIFFICULTIES),
  dimensions: z.array(z.enum(DIMENSIONS)).min(1, "name at least one evaluation dimension"),
  /** CPU time for the whole run of every test. */
  timeLimitMs: z.number().int().min(100).max(10_000).default(DEFAULT_TIME_LIMIT_MS),
  memoryLimitMb: z.number().int().min(16).max(256).default(DEFAULT_MEMORY_LIMIT_MB),
  /** Ids of concept questions this drill practises: failing its hidden tests makes them due for review. */
  concepts: z.array(slug).default([]),
  references: z.array(z.object({ title: z.string().trim().min(1), url: z.url().refine((u) => u.startsWith("https://"), "must be https") })).default([]),
});

export type DrillFrontMatter = z.infer<typeof drillFrontMatterSchema>;

export const SUBMISSION_LANGUAGES = ["typescript", "javascript", "sql"] as const;
export type SubmissionLanguage = (typeof SUBMISSION_LANGUAGES)[number];
export const MAX_SUBMISSION_BYTES = 64 * 1024;

/** The run/submit form: one schema for page and action. */
export const drillFormSchema = z.object({
  intent: z.enum(["run", "submit", "save-draft"], { message: "Unknown action" }),
  language: z.enum(SUBMISSION_LANGUAGES, { message: "Choose TypeScript, JavaScript or SQL" }).default("typescript"),
  code: z
    .string({ message: "Write some code first" })
    // Browsers send textarea line breaks as CRLF; store and run what the learner typed.
    .transform((c) => c.replace(/\r\n?/g, "\n"))
    .pipe(
      z
        .string()
        .max(MAX_SUBMISSION_BYTES, `Keep your code under ${MAX_SUBMISSION_BYTES / 1024} KB`)
        .refine((c) => c.trim().length > 0, "Write some code first"),
    ),
});

/**
 * Pre-screen forms, one schema each, shared by the pages (field names, limits) and the actions.
 * The builder posts its blueprint as flat fields: `s<i>.kind`, `s<i>.topic`, `s<i>.difficulty`,
 * `s<i>.types` (repeated), `s<i>.count`, and `pick` (repeated "question:<id>" / "drill:<id>").
 */
import { z } from "zod";
import { blueprintSchema, draftBlueprintSchema, MAX_SECTIONS, type Blueprint } from "../prescreens/blueprint";
import { fieldErrorsOf, type FieldErrors } from "../utils/forms";

export const TITLE_MAX = 120;
export const INSTRUCTIONS_MAX = 4000;
export const JD_MAX = 20_000;
export const INTAKE_MAX = 10;
export const INTAKE_LABEL_MAX = 200;
export const TIME_LIMIT_MIN = 5;
export const TIME_LIMIT_MAX = 480;

const optionalDate = z.preprocess(
  (v) => (v === "" || v === undefined || v === null ? undefined : v),
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:\d{2})?$/, "Use a date and time, e.g. 2026-12-01T09:00")
    .transform((s) => new Date(/Z|[+-]\d{2}:\d{2}$/.test(s) ? s : `${s}Z`))
    .refine((d) => !Number.isNaN(d.getTime()), "That date does not exist")
    .optional(),
);

export const settingsSchema = z
  .object({
    title: z.string({ message: "Give the pre-screen a title" }).trim().min(1, "Give the pre-screen a title").max(TITLE_MAX, `Keep the title under ${TITLE_MAX} characters`),
    instructions: z.string().trim().max(INSTRUCTIONS_MAX, `Keep the instructions under ${INSTRUCTIONS_MAX} characters`).default(""),
    timeLimitMinutes: z.coerce
      .number({ message: "Enter a time limit in minutes" })
      .int("Enter whole minutes")
      .min(TIME_LIMIT_MIN, `At least ${TIME_LIMIT_MIN} minutes`)
      .max(TIME_LIMIT_MAX, `At most ${TIME_LIMIT_MAX} minutes`),
    /** Times are UTC (the form says so). */
    opensAt: optionalDate,
    closesAt: optionalDate,
    /** One intake question per line. */
    intake: z
      .string()
      .max(INTAKE_MAX * (INTAKE_LABEL_MAX + 2), "Too many intake questions")
      .default("")
      .transform((s) => s.split(/\r?\n/).map((l) => l.trim()).filter(Boolean))
      .refine((l) => l.length <= INTAKE_MAX, `At most ${INTAKE_MAX} intake questions`)
      .refine((l) => l.every((q) => q.length <= INTAKE_LABEL_MAX), `Keep each intake question under ${INTAKE_LABEL_MAX} characters`),
  })
  .superRefine((v, ctx) => {
    if (v.opensAt && v.closesAt && v.closesAt <= v.opensAt) ctx.addIssue({ code: "custom", path: ["closesAt"], message: "The window must close after it opens" });
  });
export type Settings = z.infer<typeof settingsSchema>;

export const webhookSchema = z.object({
  webhookUrl: z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? undefined : typeof v === "string" ? v.trim() : v),
    z
      .url({ message: "Enter an absolute http(s) URL" })
      .max(2000, "That URL is too long")
      .refine((u) => /^https?:\/\//i.test(u), "Enter an absolute http(s) URL")
      .optional(),
  ),
});

export const newPrescreenSchema = z.object({
  title: settingsSchema.shape.title,
  jobDescription: z.string().max(JD_MAX, `Paste at most ${JD_MAX} characters`).default(""),
});

function strings(form: FormData, name: string): string[] {
  return form.getAll(name).filter((v): v is string => typeof v === "string");
}

/** FormData → blueprint input (the shape blueprintSchema parses). */
export function blueprintInput(form: FormData): { sections: unknown[]; picks: unknown[] } {
  const count = Math.min(Number(form.get("sectionCount") ?? 0) || 0, MAX_SECTIONS + 1);
  const sections: unknown[] = [];
  for (let i = 0; i < count; i++) {
    sections.push({
      kind: form.get(`s${i}.kind`) ?? undefined,
      topic: form.get(`s${i}.topic`) ?? undefined,
      difficulty: form.get(`s${i}.difficulty`) ?? undefined,
      types: strings(form, `s${i}.types`),
      count: form.get(`s${i}.count`) ?? undefined,
    });
  }
  const picks = strings(form, "pick").map((p) => {
    const [kind, id] = p.split(":");
    return { kind, id };
  });
  return { sections, picks };
}

export type ParsedBuilder = { ok: true; settings: Settings; blueprint: Blueprint } | { ok: false; fieldErrors: FieldErrors };

/** Parses the whole builder form: settings plus blueprint, errors keyed by field (`s2.count`). */
export function parseBuilderForm(form: FormData, opts: { requireItems: boolean }): ParsedBuilder {
  const input: Record<string, unknown> = {};
  for (const k of ["title", "instructions", "timeLimitMinutes", "opensAt", "closesAt", "intake"]) {
    const v = form.get(k);
    if (typeof v === "string") input[k] = v;
  }
  const settings = settingsSchema.safeParse(input);
  const raw = blueprintInput(form);
  const schema = opts.requireItems ? blueprintSchema : draftBlueprintSchema;
  const blueprint = schema.safeParse(raw);
  const errors: FieldErrors = settings.success ? {} : fieldErrorsOf(settings.error);
  if (!blueprint.success) {
    for (const issue of blueprint.error.issues) {
      const [list, index, field] = issue.path;
      const key = list === "sections" && typeof index === "number" ? `s${index}.${String(field ?? "kind")}` : list === "picks" ? "picks" : "sections";
      (errors[key] ??= []).push(issue.message);
    }
  }
  if (!settings.success || !blueprint.success) return { ok: false, fieldErrors: errors };
  return { ok: true, settings: settings.data, blueprint: blueprint.data };
}

export const inviteSchema = z.object({
  emails: z
    .string({ message: "Paste at least one email address" })
    .max(50_000, "Paste at most 500 addresses at a time")
    .transform((s) => [...new Set(s.split(/[\s,;]+/).map((e) => e.trim().toLowerCase()).filter(Boolean))]),
  expiresInDays: z.coerce.number({ message: "Enter a number of days" }).int().min(1, "At least 1 day").max(60, "At most 60 days").default(14),
  send: z.preprocess((v) => v === "on" || v === "true", z.boolean()).default(false),
});

const emailCheck = z.email();
/** Splits a pasted list into valid and invalid addresses. */
export function checkEmails(emails: string[]): { valid: string[]; invalid: string[] } {
  const valid: string[] = [];
  const invalid: string[] = [];
  for (const e of emails) (e.length <= 254 && emailCheck.safeParse(e).success ? valid : invalid).push(e);
  return { valid, invalid };
}
export const MAX_INVITES_PER_REQUEST = 500;

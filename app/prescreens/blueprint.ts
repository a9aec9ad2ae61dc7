/**
 * A pre-screen's blueprint: what each candidate's paper is drawn from. Pure (no I/O), shared by
 * the builder form, the job-description mapper and the server that pins and draws items.
 *
 * A section draws `count` items at random from a pool: the questions (or drills) of one topic,
 * optionally narrowed to one difficulty and to some question types. Hand-picked items are always
 * included, in the order they were picked.
 */
import { z } from "zod";
import { DIFFICULTIES, QUESTION_TYPES } from "../content/schema";

export const SECTION_KINDS = ["questions", "drills"] as const;
export type SectionKind = (typeof SECTION_KINDS)[number];

export const DIFFICULTY_FILTERS = ["any", ...DIFFICULTIES] as const;
export type DifficultyFilter = (typeof DIFFICULTY_FILTERS)[number];

export const MAX_SECTION_COUNT = 20;
export const MAX_SECTIONS = 30;
export const MAX_PICKS = 60;
export const MAX_ITEMS = 80;

const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "Pick a topic");

export const sectionSchema = z.object({
  kind: z.enum(SECTION_KINDS, { message: "Choose questions or drills" }),
  topic: slug,
  difficulty: z.enum(DIFFICULTY_FILTERS, { message: "Choose a difficulty" }).default("any"),
  /** Question types to draw from; empty means every type. Ignored for drills. */
  types: z.array(z.enum(QUESTION_TYPES, { message: "Unknown question type" })).max(QUESTION_TYPES.length).default([]),
  count: z.coerce
    .number({ message: "Enter how many items to draw" })
    .int("Enter a whole number")
    .min(1, "Draw at least 1 item")
    .max(MAX_SECTION_COUNT, `Draw at most ${MAX_SECTION_COUNT} items per section`),
});
export type Section = z.infer<typeof sectionSchema>;

export const pickSchema = z.object({ kind: z.enum(["question", "drill"]), id: slug });
export type Pick = z.infer<typeof pickSchema>;

const blueprintObject = z.object({
  sections: z.array(sectionSchema).max(MAX_SECTIONS, `At most ${MAX_SECTIONS} sections`).default([]),
  picks: z.array(pickSchema).max(MAX_PICKS, `At most ${MAX_PICKS} hand-picked items`).default([]),
});

function refineBlueprint(requireItems: boolean) {
  return (b: z.infer<typeof blueprintObject>, ctx: z.RefinementCtx) => {
    const total = b.sections.reduce((n, s) => n + s.count, 0) + b.picks.length;
    if (requireItems && total === 0) ctx.addIssue({ code: "custom", path: ["sections"], message: "Add at least one section or hand-picked item" });
    if (total > MAX_ITEMS) ctx.addIssue({ code: "custom", path: ["sections"], message: `A pre-screen holds at most ${MAX_ITEMS} items (this one draws ${total})` });
    const seen = new Set<string>();
    b.picks.forEach((p, i) => {
      const key = `${p.kind}:${p.id}`;
      if (seen.has(key)) ctx.addIssue({ code: "custom", path: ["picks", i], message: `${p.id} is picked twice` });
      seen.add(key);
    });
  };
}

/** A blueprint that can be published: at least one item. */
export const blueprintSchema = blueprintObject.superRefine(refineBlueprint(true));
/** A draft's blueprint may still be empty. */
export const draftBlueprintSchema = blueprintObject.superRefine(refineBlueprint(false));
export type Blueprint = z.infer<typeof blueprintSchema>;

export function itemCount(b: Pick[] | Blueprint): number {
  return Array.isArray(b) ? b.length : b.sections.reduce((n, s) => n + s.count, 0) + b.picks.length;
}

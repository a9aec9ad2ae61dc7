/**
 * The candidate's side of a pre-screen, reached only through the invite link's secret. No account:
 * the secret's sha256 finds exactly one candidate row, and every function here works on that row
 * alone, so one link can never read another candidate's attempt.
 *
 * The server owns the clock: the deadline is fixed when the attempt starts (time limit, capped by
 * the pre-screen's closing time), a save after it is refused, and the attempt is submitted at the
 * deadline by whichever comes first: the next request from the candidate or the background sweep.
 */
import { randomInt, randomUUID } from "node:crypto";
import { and, eq, isNull, lte, sql } from "drizzle-orm";
import { candidateAnswers, candidateEvents, candidates, prescreenItems, prescreens, webhookDeliveries, type Candidate, type DrawnItem, type Prescreen } from "../../db/schema";
import type { Question } from "../content/schema";
import { answerFormInput, answerSchema, type DisplayResponse } from "../grading/answer-form";
import { grade, ResponseMismatchError, type Response } from "../grading/grade";
import { permutationFor, toPublicQuestion, type PublicQuestion } from "../grading/present";
import { runDrill, type DrillResults } from "../drills/runner.server";
import { MAX_SUBMISSION_BYTES, SUBMISSION_LANGUAGES, type SubmissionLanguage } from "../drills/schema";
import type { DrillData } from "../drills/types";
import { getDb } from "../utils/db.server";
import { fieldErrorsOf, type FieldErrors } from "../utils/forms";
import { getLogger } from "../utils/logger.server";
import { recordAnswer } from "../utils/metrics.server";
import { SECRET_PATTERN, sha256 } from "../utils/tokens.server";
import { publicDrillFromData, runnableFromData, type PublicDrill } from "./drill.server";
import { drawItems, pinnedPool } from "./prescreen.server";
import { draftBlueprintSchema, itemCount } from "../prescreens/blueprint";
import { getQuestionVersion } from "./question.server";
import { toCanonicalResponse } from "./answer.server";
import { z } from "zod";

/** A save that left the browser just before the deadline still counts if it lands within this. */
export const DEADLINE_GRACE_MS = 2000;
/** Time on an item counted from one save is capped, so a tab left open overnight does not count. */
export const MAX_MS_PER_SAVE = 10 * 60_000;
export const MAX_INTAKE_ANSWER = 1000;

export type Phase = "revoked" | "expired" | "not-open" | "closed" | "ready" | "in-progress" | "submitted";

type Ctx = { candidate: Candidate; prescreen: Prescreen };

function load(token: string): Ctx | null {
  if (!SECRET_PATTERN.test(token)) return null;
  const row = getDb()
    .select({ candidate: candidates, prescreen: prescreens })
    .from(candidates)
    .innerJoin(prescreens, eq(prescreens.id, candidates.prescreenId))
    .where(eq(candidates.tokenHash, sha256(token)))
    .get();
  return row ?? null;
}

export function phaseOf({ candidate: c, prescreen: p }: Ctx, now: Date): Phase {
  if (c.status === "revoked") return "revoked";
  if (c.status === "submitted" || c.status === "reviewed") return "submitted";
  if (c.status === "started") return "in-progress";
  if (c.expiresAt <= now) return "expired";
  if (p.status === "closed" || (p.closesAt && p.closesAt <= now)) return "closed";
  if (p.opensAt && p.opensAt > now) return "not-open";
  return "ready";
}

/** Records an IP change as a signal (never a verdict) and remembers the latest address. */
function touchIp(c: Candidate, ip: string, now: Date): void {
  if (c.lastIp === ip) return;
  const db = getDb();
  db.transaction((tx) => {
    if (c.lastIp) {
      tx.update(candidates).set({ lastIp: ip, ipChanges: sql`${candidates.ipChanges} + 1` }).where(eq(candidates.id, c.id)).run();
      tx.insert(candidateEvents)
        .values({ candidateId: c.id, eventKey: `ip:${now.getTime()}:${ip}`, kind: "ip-change", detail: `${c.lastIp} → ${ip}`, at: now })
        .onConflictDoNothing()
        .run();
    } else {
      tx.update(candidates).set({ lastIp: ip }).where(eq(candidates.id, c.id)).run();
    }
  });
  c.lastIp = ip;
}

/**
 * Loads the candidate for a request: unknown links are null; an attempt past its deadline is
 * submitted first, so every caller sees the truth.
 */
async function enter(token: string, now: Date, ip: string | null): Promise<Ctx | null> {
  const ctx = load(token);
  if (!ctx) return null;
  if (ip && ctx.candidate.status !== "revoked") touchIp(ctx.candidate, ip, now);
  if (ctx.candidate.status === "started" && ctx.candidate.deadlineAt && ctx.candidate.deadlineAt.getTime() + DEADLINE_GRACE_MS <= now.getTime()) {
    await submitAttempt(ctx.candidate.id, "deadline", now);
    return load(token);
  }
  return ctx;
}

export type Landing = {
  phase: Phase;
  prescreen: { title: string; instructions: string; timeLimitMinutes: number; opensAt: Date | null; closesAt: Date | null; intake: Array<{ id: string; label: string }> };
  items: number;
  deadlineAt: Date | null;
  submittedAt: Date | null;
  submitReason: Candidate["submitReason"];
};

export async function getLanding(input: { token: string; now: Date; ip: string | null }): Promise<Landing | null> {
  const ctx = await enter(input.token, input.now, input.ip);
  if (!ctx) return null;
  const p = ctx.prescreen;
  return {
    phase: phaseOf(ctx, input.now),
    prescreen: { title: p.title, instructions: p.instructions, timeLimitMinutes: p.timeLimitMinutes, opensAt: p.opensAt, closesAt: p.closesAt, intake: p.intakeQuestions },
    items: ctx.candidate.draw?.length ?? itemCount(draftBlueprintSchema.parse(p.blueprint)),
    deadlineAt: ctx.candidate.deadlineAt,
    submittedAt: ctx.candidate.submittedAt,
    submitReason: ctx.candidate.submitReason,
  };
}

export function startSchema(intake: Array<{ id: string; label: string }>) {
  return z.object({
    consent: z.literal("yes", { message: "Tick the box to agree before you start" }),
    ...Object.fromEntries(
      intake.map((q) => [
        `intake.${q.id}`,
        z.string({ message: "Answer this question" }).trim().min(1, "Answer this question").max(MAX_INTAKE_ANSWER, `Keep it under ${MAX_INTAKE_ANSWER} characters`),
      ]),
    ),
  });
}

export type StartResult = { ok: true } | { ok: false; status: 400 | 404 | 409; fieldErrors: FieldErrors };

/** Starts the attempt: consent, intake answers, the candidate's own random draw, the deadline. */
export async function startAttempt(input: { token: string; form: Record<string, unknown>; now: Date; ip: string | null }): Promise<StartResult> {
  const ctx = await enter(input.token, input.now, input.ip);
  if (!ctx) return { ok: false, status: 404, fieldErrors: { form: ["This link is not valid."] } };
  const phase = phaseOf(ctx, input.now);
  if (phase === "in-progress") return { ok: true };
  if (phase !== "ready") return { ok: false, status: 409, fieldErrors: { form: [phaseMessage(phase)] } };
  const parsed = startSchema(ctx.prescreen.intakeQuestions).safeParse(input.form);
  if (!parsed.success) return { ok: false, status: 400, fieldErrors: fieldErrorsOf(parsed.error) };
  const intakeAnswers = Object.fromEntries(ctx.prescreen.intakeQuestions.map((q) => [q.id, String((parsed.data as Record<string, unknown>)[`intake.${q.id}`])]));
  const pool = await pinnedPool(ctx.prescreen.id);
  const keys = drawItems(draftBlueprintSchema.parse(ctx.prescreen.blueprint), pool, () => randomInt(0, 2 ** 32) / 2 ** 32);
  const draw: DrawnItem[] = keys.map((itemKey) => ({ itemKey, seed: randomUUID() }));
  const limitEnd = input.now.getTime() + ctx.prescreen.timeLimitMinutes * 60_000;
  const deadlineAt = new Date(ctx.prescreen.closesAt ? Math.min(limitEnd, ctx.prescreen.closesAt.getTime()) : limitEnd);
  // Only the first start counts: a double click or a second device sees the attempt already running.
  getDb()
    .update(candidates)
    .set({ status: "started", startedAt: input.now, deadlineAt, consentAt: input.now, intakeAnswers, draw })
    .where(and(eq(candidates.id, ctx.candidate.id), eq(candidates.status, "invited")))
    .run();
  return { ok: true };
}

export function phaseMessage(phase: Phase): string {
  switch (phase) {
    case "revoked":
      return "This invitation was withdrawn. Contact the person who sent it.";
    case "expired":
      return "This invitation has expired. Contact the person who sent it.";
    case "not-open":
      return "This pre-screen is not open yet.";
    case "closed":
      return "This pre-screen has closed.";
    case "submitted":
      return "Your answers have been submitted. Thank you.";
    default:
      return "";
  }
}

/* ------------------------------------------------------------------------------------------------
 * Items
 * --------------------------------------------------------------------------------------------- */

type PinnedItem = typeof prescreenItems.$inferSelect;

function pinned(prescreenId: string, itemKey: string): PinnedItem | null {
  return getDb().select().from(prescreenItems).where(and(eq(prescreenItems.prescreenId, prescreenId), eq(prescreenItems.itemKey, itemKey))).get() ?? null;
}

async function questionOf(item: PinnedItem): Promise<Question | null> {
  return item.questionVersion === null ? null : getQuestionVersion(item.refId, item.questionVersion);
}

/** Canonical response → what the form shows (display positions for shuffled items). */
export function toDisplay(q: Question, seed: string, r: Response): DisplayResponse {
  const perm = permutationFor(q, seed);
  const pos = (c: number) => perm.indexOf(c);
  switch (r.type) {
    case "single":
      return { type: "single", choice: pos(r.choice) };
    case "multiple":
      return { type: "multiple", choices: r.choices.map(pos) };
    case "ordering":
      return { type: "ordering", order: r.order.map(pos) };
    case "free-text":
      return { type: "free-text", text: r.text };
    default:
      return r;
  }
}

export type NavEntry = { position: number; answered: boolean; kind: "question" | "drill" };

export type CandidateItem = {
  position: number;
  total: number;
  deadlineAt: Date;
  nav: NavEntry[];
  rev: number;
} & (
  | { kind: "question"; question: PublicQuestion; saved: DisplayResponse | null }
  | { kind: "drill"; drill: PublicDrill; saved: { code: string; language: SubmissionLanguage } | null }
);

function answersOf(candidateId: string) {
  return getDb().select().from(candidateAnswers).where(eq(candidateAnswers.candidateId, candidateId)).all();
}

function navOf(c: Candidate, answers: Array<{ position: number; response: unknown }>): NavEntry[] {
  const answered = new Set(answers.filter((a) => a.response !== null).map((a) => a.position));
  return (c.draw ?? []).map((d, position) => ({ position, answered: answered.has(position), kind: d.itemKey.startsWith("d:") ? "drill" : "question" }));
}

export type ItemResult = { ok: true; item: CandidateItem } | { ok: false; phase: Phase } | { ok: false; phase: "in-progress"; notFound: true } | null;

export async function getCandidateItem(input: { token: string; position: number; now: Date; ip: string | null }): Promise<ItemResult> {
  const ctx = await enter(input.token, input.now, input.ip);
  if (!ctx) return null;
  const phase = phaseOf(ctx, input.now);
  if (phase !== "in-progress") return { ok: false, phase };
  const c = ctx.candidate;
  const drawn = c.draw?.[input.position];
  if (!drawn) return { ok: false, phase, notFound: true };
  const item = pinned(c.prescreenId, drawn.itemKey);
  if (!item) return { ok: false, phase, notFound: true };
  const answers = answersOf(c.id);
  const saved = answers.find((a) => a.position === input.position);
  const common = { position: input.position, total: c.draw!.length, deadlineAt: c.deadlineAt!, nav: navOf(c, answers), rev: saved?.rev ?? 0 };
  if (item.kind === "drill") {
    const data = item.drillSnapshot as DrillData & { title: string; summary: string };
    const drill = publicDrillFromData({ id: item.refId, title: data.title, summary: data.summary, difficulty: item.difficulty, topicSlug: item.topicSlug, topicTitle: "" }, data);
    return { ok: true, item: { ...common, kind: "drill", drill, saved: (saved?.response as { code: string; language: SubmissionLanguage } | null) ?? null } };
  }
  const q = await questionOf(item);
  if (!q) return { ok: false, phase, notFound: true };
  const question = toPublicQuestion(q, item.questionVersion!, drawn.seed);
  return { ok: true, item: { ...common, kind: "question", question, saved: saved?.response ? toDisplay(q, drawn.seed, saved.response as Response) : null } };
}

/* ------------------------------------------------------------------------------------------------
 * Autosave
 * --------------------------------------------------------------------------------------------- */

export const saveMetaSchema = z.object({
  rev: z.coerce.number({ message: "Missing revision; reload the page" }).int().min(1).max(Number.MAX_SAFE_INTEGER),
  msDelta: z.coerce.number().int().min(0).max(86_400_000).catch(0).default(0),
});

export type SaveResult =
  | { ok: true; stored: boolean; rev: number; savedAt: Date }
  | { ok: false; status: 400 | 404 | 409; fieldErrors: FieldErrors; phase?: Phase };

function isEmptyAnswer(q: Question, input: Record<string, unknown>): boolean {
  switch (q.type) {
    case "single":
      return input.choice === undefined || input.choice === "";
    case "multiple":
      return !Array.isArray(input.choice) || input.choice.length === 0;
    case "free-text":
      return typeof input.text !== "string" || input.text.trim() === "";
    case "ordering":
      return false;
    default:
      return typeof input.value !== "string" || input.value.trim() === "";
  }
}

const drillSaveSchema = z.object({
  code: z.string({ message: "Missing code" }).max(MAX_SUBMISSION_BYTES, `Keep the code under ${MAX_SUBMISSION_BYTES / 1024} KB`),
  language: z.enum(SUBMISSION_LANGUAGES, { message: "Choose TypeScript, JavaScript or SQL" }),
});

/**
 * Saves one item's answer. Idempotent: the client numbers its saves; a save whose revision is not
 * above the stored one (a retry, a duplicate, a stale tab) changes nothing and reports stored=false.
 */
export async function saveAnswer(input: { token: string; position: number; form: FormData; now: Date; ip: string | null }): Promise<SaveResult> {
  const ctx = await enter(input.token, input.now, input.ip);
  if (!ctx) return { ok: false, status: 404, fieldErrors: { form: ["This link is not valid."] } };
  const phase = phaseOf(ctx, input.now);
  if (phase !== "in-progress") return { ok: false, status: 409, phase, fieldErrors: { form: [phase === "submitted" ? "Time is up: your answers were submitted and this one was not saved." : phaseMessage(phase)] } };
  const c = ctx.candidate;
  const drawn = c.draw?.[input.position];
  const item = drawn ? pinned(c.prescreenId, drawn.itemKey) : null;
  if (!drawn || !item) return { ok: false, status: 404, fieldErrors: { form: ["No such item."] } };
  const meta = saveMetaSchema.safeParse({ rev: input.form.get("rev") ?? undefined, msDelta: input.form.get("msDelta") ?? undefined });
  if (!meta.success) return { ok: false, status: 400, fieldErrors: fieldErrorsOf(meta.error) };

  let response: unknown;
  if (item.kind === "drill") {
    const parsed = drillSaveSchema.safeParse({ code: input.form.get("code") ?? undefined, language: input.form.get("language") ?? undefined });
    if (!parsed.success) return { ok: false, status: 400, fieldErrors: fieldErrorsOf(parsed.error) };
    const isSql = (item.drillSnapshot as DrillData).kind !== undefined && (item.drillSnapshot as DrillData).kind !== "code";
    if (isSql !== (parsed.data.language === "sql")) return { ok: false, status: 400, fieldErrors: { language: [isSql ? "This drill takes SQL." : "This drill takes TypeScript or JavaScript."] } };
    response = parsed.data;
  } else {
    const q = await questionOf(item);
    if (!q) return { ok: false, status: 404, fieldErrors: { form: ["No such item."] } };
    const perm = permutationFor(q, drawn.seed);
    const raw = answerFormInput(input.form, q.type, perm.length);
    if (isEmptyAnswer(q, raw)) {
      response = null;
    } else {
      const parsed = answerSchema(q.type, perm.length).safeParse({ ...raw, idempotencyKey: "candidate-autosave" });
      if (!parsed.success) return { ok: false, status: 400, fieldErrors: fieldErrorsOf(parsed.error) };
      const canonical = toCanonicalResponse(q, perm, parsed.data.response);
      if (!canonical) return { ok: false, status: 400, fieldErrors: { choice: ["That option does not exist."] } };
      response = canonical;
    }
  }
  const ms = Math.min(meta.data.msDelta, MAX_MS_PER_SAVE);
  const result = getDb()
    .insert(candidateAnswers)
    .values({ candidateId: c.id, position: input.position, itemKey: drawn.itemKey, response, rev: meta.data.rev, msSpent: ms, updatedAt: input.now })
    .onConflictDoUpdate({
      target: [candidateAnswers.candidateId, candidateAnswers.position],
      set: {
        response: sql`excluded.response`,
        rev: sql`excluded.rev`,
        saves: sql`${candidateAnswers.saves} + 1`,
        msSpent: sql`${candidateAnswers.msSpent} + excluded.ms_spent`,
        updatedAt: sql`excluded.updated_at`,
      },
      setWhere: sql`excluded.rev > ${candidateAnswers.rev}`,
    })
    .run();
  const stored = result.changes === 1;
  if (stored) recordAnswer(item.kind === "drill" ? "drill" : item.type, "ungraded", "prescreen");
  const row = getDb().select({ rev: candidateAnswers.rev, updatedAt: candidateAnswers.updatedAt }).from(candidateAnswers).where(and(eq(candidateAnswers.candidateId, c.id), eq(candidateAnswers.position, input.position))).get()!;
  return { ok: true, stored, rev: row.rev, savedAt: row.updatedAt };
}

/* ------------------------------------------------------------------------------------------------
 * Integrity signals
 * --------------------------------------------------------------------------------------------- */

export const signalSchema = z.object({
  kind: z.enum(["focus-loss", "paste"], { message: "Unknown signal" }),
  eventKey: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, "Malformed event key"),
  position: z.coerce.number().int().min(0).max(1000).optional(),
  detail: z.string().max(200).optional(),
});

/** Records a focus loss or a paste. A retried beacon (same key) is stored once. */
export async function recordSignal(input: { token: string; form: Record<string, unknown>; now: Date; ip: string | null }): Promise<{ ok: true; stored: boolean } | { ok: false; status: 400 | 404 | 409; fieldErrors: FieldErrors }> {
  const ctx = await enter(input.token, input.now, input.ip);
  if (!ctx) return { ok: false, status: 404, fieldErrors: { form: ["This link is not valid."] } };
  if (phaseOf(ctx, input.now) !== "in-progress") return { ok: false, status: 409, fieldErrors: { form: ["The attempt is not in progress."] } };
  const parsed = signalSchema.safeParse(input.form);
  if (!parsed.success) return { ok: false, status: 400, fieldErrors: fieldErrorsOf(parsed.error) };
  const s = parsed.data;
  const stored = getDb().transaction((tx) => {
    const inserted = tx
      .insert(candidateEvents)
      .values({ candidateId: ctx.candidate.id, eventKey: s.eventKey, kind: s.kind, position: s.position ?? null, detail: s.detail ?? null, at: input.now })
      .onConflictDoNothing()
      .run().changes;
    if (inserted === 1) {
      tx.update(candidates)
        .set(s.kind === "paste" ? { pastes: sql`${candidates.pastes} + 1` } : { focusLosses: sql`${candidates.focusLosses} + 1` })
        .where(eq(candidates.id, ctx.candidate.id))
        .run();
    }
    return inserted === 1;
  });
  return { ok: true, stored };
}

/* ------------------------------------------------------------------------------------------------
 * Drill runs (visible tests) during the attempt
 * --------------------------------------------------------------------------------------------- */

export type RunResult = { ok: true; results: DrillResults } | { ok: false; status: 400 | 404 | 409; fieldErrors: FieldErrors };

export async function runCandidateDrill(input: { token: string; position: number; code: string; language: SubmissionLanguage; now: Date; ip: string | null }): Promise<RunResult> {
  const ctx = await enter(input.token, input.now, input.ip);
  if (!ctx) return { ok: false, status: 404, fieldErrors: { form: ["This link is not valid."] } };
  if (phaseOf(ctx, input.now) !== "in-progress") return { ok: false, status: 409, fieldErrors: { form: ["Time is up: your answers were submitted."] } };
  const drawn = ctx.candidate.draw?.[input.position];
  const item = drawn ? pinned(ctx.candidate.prescreenId, drawn.itemKey) : null;
  if (!item || item.kind !== "drill") return { ok: false, status: 404, fieldErrors: { form: ["No such drill."] } };
  const results = await runDrill(runnableFromData(item.refId, item.drillSnapshot as DrillData), { code: input.code, language: input.language, mode: "run" });
  return { ok: true, results };
}

/** The candidate's id for a link (for rate-limit keys), or null. */
export function candidateIdFor(token: string): string | null {
  return load(token)?.candidate.id ?? null;
}

/* ------------------------------------------------------------------------------------------------
 * Submission and scoring
 * --------------------------------------------------------------------------------------------- */

export async function submitByToken(input: { token: string; now: Date; ip: string | null }): Promise<{ ok: true } | { ok: false; status: 404 | 409; message: string }> {
  const ctx = await enter(input.token, input.now, input.ip);
  if (!ctx) return { ok: false, status: 404, message: "This link is not valid." };
  const phase = phaseOf(ctx, input.now);
  if (phase === "submitted") return { ok: true };
  if (phase !== "in-progress") return { ok: false, status: 409, message: phaseMessage(phase) };
  await submitAttempt(ctx.candidate.id, "candidate", input.now);
  return { ok: true };
}

/**
 * Submits an attempt once (the status guard makes a second call a no-op) and grades its
 * questions in the same transaction. Drills are graded just after, outside the transaction,
 * because they run in the sandbox; `scoredAt` marks when everything is graded.
 */
export async function submitAttempt(candidateId: string, reason: "candidate" | "deadline", now: Date): Promise<boolean> {
  const db = getDb();
  const c = db.select().from(candidates).where(eq(candidates.id, candidateId)).get();
  if (!c || c.status !== "started") return false;
  const answers = answersOf(c.id);
  const grades = new Map<number, { score: number | null; correct: boolean | null }>();
  let drills = 0;
  for (const [position, drawn] of (c.draw ?? []).entries()) {
    if (drawn.itemKey.startsWith("d:")) {
      drills++;
      continue;
    }
    const a = answers.find((x) => x.position === position);
    if (!a?.response) continue;
    const item = pinned(c.prescreenId, drawn.itemKey);
    const q = item ? await questionOf(item) : null;
    if (!q) continue;
    try {
      grades.set(position, grade(q, a.response as Response));
    } catch (error) {
      if (!(error instanceof ResponseMismatchError)) throw error;
      grades.set(position, { score: 0, correct: false });
    }
  }
  const submitted = db.transaction((tx) => {
    const changed = tx
      .update(candidates)
      .set({ status: "submitted", submittedAt: now, submitReason: reason, scoredAt: drills === 0 ? now : null })
      .where(and(eq(candidates.id, c.id), eq(candidates.status, "started")))
      .run().changes;
    if (changed !== 1) return false;
    for (const [position, g] of grades) {
      tx.update(candidateAnswers).set({ score: g.score, correct: g.correct }).where(and(eq(candidateAnswers.candidateId, c.id), eq(candidateAnswers.position, position))).run();
    }
    if (drills === 0) enqueueSubmittedWebhook(tx, c.id, now);
    return true;
  });
  if (submitted && drills > 0) await scoreDrills(c.id, now);
  return submitted;
}

type Tx = Parameters<Parameters<ReturnType<typeof getDb>["transaction"]>[0]>[0];

/** Writes the webhook call into the outbox, in the caller's transaction (delivered by the sweeper). */
function enqueueSubmittedWebhook(tx: Tx, candidateId: string, now: Date): void {
  const row = tx
    .select({ orgId: candidates.orgId, prescreenId: candidates.prescreenId, url: prescreens.webhookUrl })
    .from(candidates)
    .innerJoin(prescreens, eq(prescreens.id, candidates.prescreenId))
    .where(eq(candidates.id, candidateId))
    .get();
  if (!row?.url) return;
  tx.insert(webhookDeliveries)
    .values({ id: randomUUID(), orgId: row.orgId, prescreenId: row.prescreenId, candidateId, event: "candidate.submitted", url: row.url, payload: "", nextAttemptAt: now, createdAt: now })
    .onConflictDoNothing()
    .run();
}

/** Runs every drill answer against all its tests and stores the results; then the attempt is scored. */
export async function scoreDrills(candidateId: string, now: Date): Promise<void> {
  const db = getDb();
  const c = db.select().from(candidates).where(eq(candidates.id, candidateId)).get();
  if (!c || c.scoredAt || (c.status !== "submitted" && c.status !== "reviewed")) return;
  const answers = answersOf(c.id);
  const results = new Map<number, { score: number; correct: boolean; results: DrillResults | null }>();
  for (const [position, drawn] of (c.draw ?? []).entries()) {
    if (!drawn.itemKey.startsWith("d:")) continue;
    const a = answers.find((x) => x.position === position);
    const item = pinned(c.prescreenId, drawn.itemKey);
    const code = a?.response as { code: string; language: SubmissionLanguage } | null;
    if (!item || !code || code.code.trim() === "") {
      if (a) results.set(position, { score: 0, correct: false, results: null });
      continue;
    }
    const r = await runDrill(runnableFromData(item.refId, item.drillSnapshot as DrillData), { code: code.code, language: code.language, mode: "submit" });
    const passed = r.tests.filter((t) => t.status === "pass").length;
    results.set(position, { score: r.tests.length ? passed / r.tests.length : 0, correct: r.status === "pass", results: r });
  }
  db.transaction((tx) => {
    const changed = tx.update(candidates).set({ scoredAt: now }).where(and(eq(candidates.id, c.id), isNull(candidates.scoredAt))).run().changes;
    if (changed !== 1) return;
    for (const [position, r] of results) {
      tx.update(candidateAnswers)
        .set({ score: r.score, correct: r.correct, drillResults: r.results })
        .where(and(eq(candidateAnswers.candidateId, c.id), eq(candidateAnswers.position, position)))
        .run();
    }
    enqueueSubmittedWebhook(tx, c.id, now);
  });
}

/**
 * The sweep the server runs every few seconds: submits attempts whose deadline has passed, and
 * finishes scoring any submission whose drills were not graded (e.g. the process died mid-way).
 */
export async function sweepAttempts(now: Date): Promise<{ submitted: number; scored: number }> {
  const db = getDb();
  const due = db
    .select({ id: candidates.id })
    .from(candidates)
    .where(and(eq(candidates.status, "started"), lte(candidates.deadlineAt, new Date(now.getTime() - DEADLINE_GRACE_MS))))
    .limit(100)
    .all();
  let submitted = 0;
  for (const d of due) if (await submitAttempt(d.id, "deadline", now)) submitted++;
  const unscored = db
    .select({ id: candidates.id })
    .from(candidates)
    .where(and(sql`${candidates.status} in ('submitted', 'reviewed')`, isNull(candidates.scoredAt)))
    .limit(20)
    .all();
  for (const u of unscored) {
    try {
      await scoreDrills(u.id, now);
    } catch (err) {
      getLogger().error({ err, candidateId: u.id }, "scoring drills failed");
    }
  }
  return { submitted, scored: unscored.length };
}

export type Overview = { phase: Phase; title: string; deadlineAt: Date | null; nav: NavEntry[] };

/** Where the candidate stands: which items are answered, and the deadline. */
export async function getOverview(input: { token: string; now: Date; ip: string | null }): Promise<Overview | null> {
  const ctx = await enter(input.token, input.now, input.ip);
  if (!ctx) return null;
  const c = ctx.candidate;
  return { phase: phaseOf(ctx, input.now), title: ctx.prescreen.title, deadlineAt: c.deadlineAt, nav: c.draw ? navOf(c, answersOf(c.id)) : [] };
}

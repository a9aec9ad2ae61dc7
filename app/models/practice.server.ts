/**
 * Practice sessions: a plan of questions for one topic, answered step by step. Every function takes
 * the learner's id and scopes its queries by it, so another learner's session is simply not found.
 */
import { randomBytes } from "node:crypto";
import { and, eq, inArray, isNull } from "drizzle-orm";
import { attempts, practiceSessions, questions, topics, type Attempt } from "../../db/schema";
import { gradeFreeText, type Response } from "../grading/grade";
import { revealQuestion, toPublicQuestion, type PublicQuestion, type Revealed } from "../grading/present";
import { gradeAnswerForm } from "./answer.server";
import { recordReview, recordReviewTx } from "./review.server";
import { getDb } from "../utils/db.server";
import { recordAnswer } from "../utils/metrics.server";
import type { FieldErrors } from "../utils/forms";
import { isUniqueViolation } from "./user.server";
import { getCurrentVersion, getQuestionVersion } from "./question.server";

export const DEFAULT_SESSION_SIZE = 10;

function shuffle<T>(items: T[]): T[] {
  const a = [...items];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

/** Unseen questions first (shuffled), then the ones already answered (shuffled). */
export async function startPractice(input: { userId: string; topicSlug: string; size?: number }): Promise<string | null> {
  const db = getDb();
  const live = db
    .select({ id: questions.id })
    .from(questions)
    .where(and(eq(questions.topicSlug, input.topicSlug), isNull(questions.retiredAt)))
    .all()
    .map((r) => r.id);
  if (live.length === 0) return null;
  const seen = new Set(
    db
      .selectDistinct({ id: attempts.questionId })
      .from(attempts)
      .where(and(eq(attempts.userId, input.userId), inArray(attempts.questionId, live)))
      .all()
      .map((r) => r.id),
  );
  const plan = [...shuffle(live.filter((id) => !seen.has(id))), ...shuffle(live.filter((id) => seen.has(id)))].slice(
    0,
    input.size ?? DEFAULT_SESSION_SIZE,
  );
  const id = randomBytes(12).toString("base64url");
  db.insert(practiceSessions).values({ id, userId: input.userId, topicSlug: input.topicSlug, plan }).run();
  return id;
}

async function getOwnedSession(sessionId: string, userId: string) {
  return (
    getDb()
      .select()
      .from(practiceSessions)
      .where(and(eq(practiceSessions.id, sessionId), eq(practiceSessions.userId, userId)))
      .get() ?? null
  );
}

function sessionAttempts(sessionId: string): Attempt[] {
  return getDb().select().from(attempts).where(eq(attempts.practiceSessionId, sessionId)).all();
}

function topicTitleOf(slug: string): string {
  return getDb().select({ title: topics.title }).from(topics).where(eq(topics.slug, slug)).get()?.title ?? slug;
}

const seedFor = (sessionId: string, step: number) => `${sessionId}:${step}`;

export type PracticeState = {
  sessionId: string;
  topicSlug: string;
  total: number;
  answeredSteps: number[];
  /** The first step without an answer, or null when the session is complete. */
  nextOpenStep: number | null;
};

type OwnedSession = NonNullable<Awaited<ReturnType<typeof getOwnedSession>>>;

export async function getPracticeState(input: { sessionId: string; userId: string }): Promise<PracticeState | null> {
  const s = await getOwnedSession(input.sessionId, input.userId);
  return s && stateOf(s);
}

function stateOf(s: OwnedSession): PracticeState {
  const answered = new Set(sessionAttempts(s.id).map((a) => a.step ?? -1));
  // A question retired since the session began is skipped rather than served.
  const live = new Set(
    getDb()
      .select({ id: questions.id })
      .from(questions)
      .where(and(inArray(questions.id, s.plan), isNull(questions.retiredAt)))
      .all()
      .map((r) => r.id),
  );
  const open = s.plan.findIndex((id, i) => !answered.has(i) && live.has(id));
  return {
    sessionId: s.id,
    topicSlug: s.topicSlug,
    total: s.plan.length,
    answeredSteps: [...answered].filter((i) => i >= 0).sort((a, b) => a - b),
    nextOpenStep: open === -1 ? null : open,
  };
}

export type PracticeStep =
  | { status: "open"; state: PracticeState; topicTitle: string; step: number; question: PublicQuestion }
  | { status: "answered"; state: PracticeState; topicTitle: string; step: number; attemptId: number; revealed: Revealed };

/** One step of a session: the public question if unanswered, everything once answered. */
export async function getPracticeStep(input: { sessionId: string; userId: string; step: number }): Promise<PracticeStep | null> {
  const s = await getOwnedSession(input.sessionId, input.userId);
  if (!s) return null;
  const state = stateOf(s);
  const questionId = s.plan[input.step];
  if (questionId === undefined) return null;
  const attempt = getDb()
    .select()
    .from(attempts)
    .where(and(eq(attempts.practiceSessionId, s.id), eq(attempts.step, input.step)))
    .get();
  const seed = seedFor(s.id, input.step);
  if (attempt) {
    const q = await getQuestionVersion(attempt.questionId, attempt.questionVersion);
    if (!q) return null;
    const response = attempt.response as Response;
    const revealed = revealQuestion(q, attempt.questionVersion, seed, response, { score: attempt.score, correct: attempt.correct });
    return { status: "answered", state, topicTitle: topicTitleOf(s.topicSlug), step: input.step, attemptId: attempt.id, revealed };
  }
  // Only the next open step can be answered; later steps are not shown early.
  if (state.nextOpenStep !== input.step) return null;
  const version = await getCurrentVersion(questionId);
  const q = version === null ? null : await getQuestionVersion(questionId, version);
  if (!q || version === null) return null;
  return { status: "open", state, topicTitle: topicTitleOf(s.topicSlug), step: input.step, question: toPublicQuestion(q, version, seed) };
}

export type SubmitResult =
  | { ok: true; attemptId: number; step: number; replayed: boolean }
  | { ok: false; status: 400 | 404 | 409; fieldErrors: FieldErrors };

const keyTaken = (): SubmitResult => ({ ok: false, status: 409, fieldErrors: { idempotencyKey: ["This idempotency key was already used for another request."] } });

const notFound = (): SubmitResult => ({ ok: false, status: 404, fieldErrors: { form: ["This practice session does not exist."] } });

/**
 * Grades and records an answer. Idempotent twice over: a repeated idempotency key replays the
 * stored attempt, and a step that already has an answer keeps it.
 */
export async function submitAnswer(input: { sessionId: string; userId: string; form: FormData; now?: Date }): Promise<SubmitResult> {
  const s = await getOwnedSession(input.sessionId, input.userId);
  if (!s) return notFound();
  const db = getDb();
  const key = input.form.get("idempotencyKey");
  if (typeof key === "string") {
    const existing = db.select().from(attempts).where(eq(attempts.idempotencyKey, key)).get();
    if (existing) {
      if (existing.userId !== input.userId || existing.practiceSessionId !== s.id) return keyTaken();
      return { ok: true, attemptId: existing.id, step: existing.step ?? 0, replayed: true };
    }
  }
  const step = Number(input.form.get("step"));
  const questionId = Number.isInteger(step) ? s.plan[step] : undefined;
  if (questionId === undefined) return { ok: false, status: 400, fieldErrors: { step: ["This step is not part of the session."] } };
  const already = db
    .select()
    .from(attempts)
    .where(and(eq(attempts.practiceSessionId, s.id), eq(attempts.step, step)))
    .get();
  if (already) return { ok: true, attemptId: already.id, step, replayed: true };
  if (stateOf(s).nextOpenStep !== step) {
    return { ok: false, status: 400, fieldErrors: { step: ["Answer the questions in order; this one is not open yet."] } };
  }

  const version = Number(input.form.get("version"));
  const q = Number.isInteger(version) ? await getQuestionVersion(questionId, version) : null;
  if (!q) return { ok: false, status: 400, fieldErrors: { version: ["This question changed; reload the page."] } };
  const graded = gradeAnswerForm(q, seedFor(s.id, step), input.form);
  if (!graded.ok) return { ok: false, status: 400, fieldErrors: graded.fieldErrors };
  const { form, response, grade: result } = graded.value;
  const now = input.now ?? new Date();
  try {
    // The attempt and its card change commit together: a crash between them cannot leave an answer
    // that never reaches the review queue.
    const row = db.transaction((tx) => {
      const inserted = tx
        .insert(attempts)
        .values({
          userId: input.userId,
          questionId,
          questionVersion: version,
          practiceSessionId: s.id,
          step,
          response,
          score: result.score,
          correct: result.correct,
          msTaken: form.msTaken ?? null,
          confidence: form.confidence ?? null,
          idempotencyKey: form.idempotencyKey,
          createdAt: now,
        })
        .returning()
        .get();
      recordReviewTx(tx, { userId: input.userId, attempt: inserted, question: q, now });
      return inserted;
    });
    recordAnswer(q.type, result, "practice");
    return { ok: true, attemptId: row.id, step, replayed: false };
  } catch (error) {
    // A concurrent duplicate won the race: answer with what it stored.
    if (!isUniqueViolation(error)) throw error;
    const winner =
      db.select().from(attempts).where(eq(attempts.idempotencyKey, form.idempotencyKey)).get() ??
      db.select().from(attempts).where(and(eq(attempts.practiceSessionId, s.id), eq(attempts.step, step))).get();
    if (!winner) throw error;
    // Someone else's request stored this key a moment ago: the same refusal as a known key gets.
    if (winner.userId !== input.userId || winner.practiceSessionId !== s.id) return keyTaken();
    return { ok: true, attemptId: winner.id, step: winner.step ?? step, replayed: true };
  }
}

/** The learner ticks the rubric points their free-text answer covered. Setting it twice is harmless. */
export async function selfAssess(input: { userId: string; attemptId: number; checked: number[]; now?: Date }): Promise<boolean> {
  const db = getDb();
  const a = db
    .select()
    .from(attempts)
    .where(and(eq(attempts.id, input.attemptId), eq(attempts.userId, input.userId)))
    .get();
  if (!a) return false;
  const q = await getQuestionVersion(a.questionId, a.questionVersion);
  if (!q || q.type !== "free-text") return false;
  const checked = [...new Set(input.checked)].filter((i) => i >= 0 && i < q.rubric.length).sort((x, y) => x - y);
  const g = gradeFreeText(q.rubric.length, checked);
  const previous = a.response as Extract<Response, { type: "free-text" }>;
  const updated = db
    .update(attempts)
    .set({ response: { ...previous, checked }, score: g.score, correct: g.correct })
    .where(and(eq(attempts.id, a.id), eq(attempts.userId, input.userId)))
    .returning()
    .get();
  // The self-assessment is what makes a free-text answer gradable, so it is also what schedules it.
  if (updated) await recordReview({ userId: input.userId, attempt: updated, question: q, now: input.now ?? new Date() });
  return true;
}

export type PracticeSummary = {
  sessionId: string;
  topicSlug: string;
  topicTitle: string;
  total: number;
  answered: number;
  correct: number;
  /** Mean score over graded answers (0..1), or null when nothing is graded yet. */
  meanScore: number | null;
  steps: Array<{ step: number; excerpt: string; difficulty: string; correct: boolean | null; score: number | null }>;
};

function excerpt(html: string, max = 110): string {
  const text = html.replace(/<pre[\s\S]*?<\/pre>/g, " … ").replace(/<[^>]+>/g, " ").replace(/&[a-z#0-9]+;/gi, " ").replace(/\s+/g, " ").trim();
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export async function getPracticeSummary(input: { sessionId: string; userId: string }): Promise<PracticeSummary | null> {
  const s = await getOwnedSession(input.sessionId, input.userId);
  if (!s) return null;
  const byStep = new Map(sessionAttempts(s.id).map((a) => [a.step, a]));
  const steps = [];
  for (const [step] of s.plan.entries()) {
    const a = byStep.get(step);
    if (!a) continue;
    const q = await getQuestionVersion(a.questionId, a.questionVersion);
    steps.push({ step, excerpt: q ? excerpt(q.prompt) : a.questionId, difficulty: q?.difficulty ?? "", correct: a.correct, score: a.score });
  }
  const graded = steps.filter((x) => x.score !== null);
  return {
    sessionId: s.id,
    topicSlug: s.topicSlug,
    topicTitle: topicTitleOf(s.topicSlug),
    total: s.plan.length,
    answered: steps.length,
    correct: steps.filter((x) => x.correct).length,
    meanScore: graded.length ? graded.reduce((acc, x) => acc + (x.score ?? 0), 0) / graded.length : null,
    steps,
  };
}

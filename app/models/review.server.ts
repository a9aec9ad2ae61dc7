/**
 * Spaced repetition for each learner: FSRS cards, the review log, settings and the review queue.
 * Every function takes the learner's id and scopes its queries by it. The clock is a parameter so
 * tests (and the test clock of the browser suite) can move time.
 */
import { and, asc, count, desc, eq, gte, inArray, isNotNull, isNull, lte, ne, sql } from "drizzle-orm";
import { attempts, cards, questions, reviewLogs, reviewSettings, topics, type Attempt, type CardRow, type ReviewLogRow } from "../../db/schema";
import type { Question } from "../content/schema";
import { toPublicQuestion, type PublicQuestion } from "../grading/present";
import { deriveRating, RATING_LABELS, RATINGS, type Confidence, type RatingValue } from "../review/rating";
import {
  cardBefore,
  DEFAULT_SETTINGS,
  formatInterval,
  newCard,
  previewIntervals,
  rerate,
  review,
  State,
  type Card,
  type ReviewLog,
  type ReviewSettings,
} from "../review/scheduler";
import { DAY_MS, startOfUtcDay } from "../review/progress";
import { getDb, type Db } from "../utils/db.server";
import { recordAnswer } from "../utils/metrics.server";
import type { FieldErrors } from "../utils/forms";
import { expectedMsFor, gradeAnswerForm } from "./answer.server";
import { getCurrentVersion, getQuestionVersion } from "./question.server";
import { isUniqueViolation } from "./user.server";

type Tx = Db | Parameters<Parameters<Db["transaction"]>[0]>[0];

// ── settings ────────────────────────────────────────────────────────────────────────────────

export async function getReviewSettings(userId: string): Promise<ReviewSettings> {
  return settingsOf(getDb(), userId);
}

function settingsOf(tx: Tx, userId: string): ReviewSettings {
  const row = tx.select().from(reviewSettings).where(eq(reviewSettings.userId, userId)).get();
  return row ? { newPerDay: row.newPerDay, reviewsPerDay: row.reviewsPerDay, desiredRetention: row.desiredRetention } : DEFAULT_SETTINGS;
}

export async function updateReviewSettings(userId: string, settings: ReviewSettings): Promise<void> {
  getDb()
    .insert(reviewSettings)
    .values({ userId, ...settings })
    .onConflictDoUpdate({ target: reviewSettings.userId, set: settings })
    .run();
}

// ── cards ───────────────────────────────────────────────────────────────────────────────────

export function rowToCard(r: CardRow): Card {
  return {
    due: r.due,
    stability: r.stability,
    difficulty: r.difficulty,
    elapsed_days: r.elapsedDays,
    scheduled_days: r.scheduledDays,
    learning_steps: r.learningSteps,
    reps: r.reps,
    lapses: r.lapses,
    state: r.state,
    last_review: r.lastReview ?? undefined,
  };
}

function cardColumns(c: Card) {
  return {
    due: c.due,
    stability: c.stability,
    difficulty: c.difficulty,
    elapsedDays: c.elapsed_days,
    scheduledDays: c.scheduled_days,
    learningSteps: c.learning_steps,
    reps: c.reps,
    lapses: c.lapses,
    state: c.state,
    lastReview: c.last_review ?? null,
  };
}

function logToRow(l: ReviewLog) {
  return {
    state: l.state,
    due: l.due,
    stability: l.stability,
    difficulty: l.difficulty,
    elapsedDays: l.elapsed_days,
    lastElapsedDays: l.last_elapsed_days,
    scheduledDays: l.scheduled_days,
    learningSteps: l.learning_steps,
    review: l.review,
  };
}

export function rowToLog(r: ReviewLogRow): ReviewLog {
  return {
    rating: r.rating,
    state: r.state,
    due: r.due,
    stability: r.stability,
    difficulty: r.difficulty,
    elapsed_days: r.elapsedDays,
    last_elapsed_days: r.lastElapsedDays,
    scheduled_days: r.scheduledDays,
    learning_steps: r.learningSteps,
    review: r.review,
  };
}

function getCardRow(tx: Tx, userId: string, questionId: string): CardRow | undefined {
  return tx.select().from(cards).where(and(eq(cards.userId, userId), eq(cards.questionId, questionId))).get();
}

function latestLogId(tx: Tx, userId: string, questionId: string): number | null {
  return (
    tx
      .select({ id: reviewLogs.id })
      .from(reviewLogs)
      .where(and(eq(reviewLogs.userId, userId), eq(reviewLogs.questionId, questionId)))
      .orderBy(desc(reviewLogs.id))
      .limit(1)
      .get()?.id ?? null
  );
}

function ratingFor(attempt: Attempt, question: Question): RatingValue | null {
  return deriveRating({
    correct: attempt.correct,
    confidence: attempt.confidence as Confidence | null,
    msTaken: attempt.msTaken,
    expectedMs: expectedMsFor(question),
  });
}

/**
 * Schedules the card of an answered question. Runs inside the caller's transaction when given one.
 * Idempotent per attempt: a second call (say, after a free-text self-assessment changed) re-rates
 * the same review instead of adding another, as long as no later review of the card exists.
 */
export function recordReviewTx(tx: Tx, input: { userId: string; attempt: Attempt; question: Question; now: Date }): void {
  const rating = ratingFor(input.attempt, input.question);
  if (rating === null) return;
  const { userId, attempt } = input;
  const settings = settingsOf(tx, userId);
  const existing = tx.select().from(reviewLogs).where(eq(reviewLogs.attemptId, attempt.id)).get();
  const row = getCardRow(tx, userId, attempt.questionId);
  if (existing) {
    if (!row || existing.derivedRating === rating || latestLogId(tx, userId, attempt.questionId) !== existing.id) return;
    const next = rerate(rowToCard(row), rowToLog(existing), rating, settings.desiredRetention);
    tx.update(cards).set({ ...cardColumns(next.card), flaggedAt: null }).where(and(eq(cards.userId, userId), eq(cards.questionId, attempt.questionId))).run();
    tx.update(reviewLogs).set({ ...logToRow(next.log), rating, derivedRating: rating }).where(eq(reviewLogs.id, existing.id)).run();
    return;
  }
  const before = row ? rowToCard(row) : newCard(input.now);
  const next = review(before, rating, input.now, settings.desiredRetention);
  tx.insert(cards)
    .values({ userId, questionId: attempt.questionId, ...cardColumns(next.card), flaggedAt: null })
    .onConflictDoUpdate({ target: [cards.userId, cards.questionId], set: { ...cardColumns(next.card), flaggedAt: null } })
    .run();
  tx.insert(reviewLogs)
    .values({ userId, questionId: attempt.questionId, attemptId: attempt.id, rating, derivedRating: rating, ...logToRow(next.log) })
    .run();
}

export async function recordReview(input: { userId: string; attempt: Attempt; question: Question; now: Date }): Promise<void> {
  const db = getDb();
  db.transaction((tx) => recordReviewTx(tx, input));
}

export type AttemptReview = {
  attemptId: number;
  rating: RatingValue;
  derivedRating: RatingValue;
  /** False once the card has been reviewed again: only the latest review can be re-rated. */
  canChange: boolean;
  nextDue: string;
  options: Array<{ rating: RatingValue; label: string; interval: string }>;
};

/** The rating an answer got and what each other rating would schedule, for the feedback page. */
export async function getAttemptReview(input: { userId: string; attemptId: number }): Promise<AttemptReview | null> {
  const db = getDb();
  const log = db
    .select()
    .from(reviewLogs)
    .where(and(eq(reviewLogs.attemptId, input.attemptId), eq(reviewLogs.userId, input.userId)))
    .get();
  if (!log) return null;
  const row = getCardRow(db, input.userId, log.questionId);
  if (!row) return null;
  const settings = settingsOf(db, input.userId);
  const card = rowToCard(row);
  const before = cardBefore(card, rowToLog(log), settings.desiredRetention);
  const intervals = previewIntervals(before, log.review, settings.desiredRetention);
  return {
    attemptId: input.attemptId,
    rating: log.rating as RatingValue,
    derivedRating: log.derivedRating as RatingValue,
    canChange: latestLogId(db, input.userId, log.questionId) === log.id,
    nextDue: card.due.toISOString(),
    options: RATINGS.map((r) => ({ rating: r, label: RATING_LABELS[r], interval: formatInterval(log.review, intervals[r]) })),
  };
}

export type ChangeRatingResult = { ok: true } | { ok: false; status: 404 | 409; message: string };

/** The learner overrides the derived rating after reading the explanation (as Anki allows). */
export async function changeRating(input: { userId: string; attemptId: number; rating: RatingValue }): Promise<ChangeRatingResult> {
  const db = getDb();
  return db.transaction((tx): ChangeRatingResult => {
    const log = tx
      .select()
      .from(reviewLogs)
      .where(and(eq(reviewLogs.attemptId, input.attemptId), eq(reviewLogs.userId, input.userId)))
      .get();
    const row = log && getCardRow(tx, input.userId, log.questionId);
    if (!log || !row) return { ok: false, status: 404, message: "There is no review for this answer." };
    if (latestLogId(tx, input.userId, log.questionId) !== log.id) {
      return { ok: false, status: 409, message: "You have reviewed this question again since, so this rating can no longer change." };
    }
    if (log.rating === input.rating) return { ok: true };
    const next = rerate(rowToCard(row), rowToLog(log), input.rating, settingsOf(tx, input.userId).desiredRetention);
    tx.update(cards).set(cardColumns(next.card)).where(and(eq(cards.userId, input.userId), eq(cards.questionId, log.questionId))).run();
    tx.update(reviewLogs).set({ ...logToRow(next.log), rating: input.rating }).where(eq(reviewLogs.id, log.id)).run();
    return { ok: true };
  });
}

/**
 * A failed drill points at the concept questions it practises: their cards become due now and are
 * served first. Unseen questions get a new card, so they enter the queue too.
 */
export async function flagConceptsForReview(input: { userId: string; questionIds: string[]; now: Date }): Promise<number> {
  if (input.questionIds.length === 0) return 0;
  const db = getDb();
  return db.transaction((tx) => {
    const live = tx
      .select({ id: questions.id })
      .from(questions)
      .where(and(inArray(questions.id, input.questionIds), isNull(questions.retiredAt)))
      .all()
      .map((r) => r.id);
    for (const questionId of live) {
      const row = getCardRow(tx, input.userId, questionId);
      if (row) {
        tx.update(cards)
          .set({ flaggedAt: input.now, due: row.due < input.now ? row.due : input.now })
          .where(and(eq(cards.userId, input.userId), eq(cards.questionId, questionId)))
          .run();
      } else {
        tx.insert(cards).values({ userId: input.userId, questionId, ...cardColumns(newCard(input.now)), flaggedAt: input.now }).run();
      }
    }
    return live.length;
  });
}

// ── the review queue ────────────────────────────────────────────────────────────────────────

export type ReviewOverview = {
  settings: ReviewSettings;
  /** Due now and within today's review cap. */
  dueNow: number;
  /** Due by the end of today (UTC), within the cap. */
  dueToday: number;
  /** New questions the queue may still introduce today. */
  newAvailable: number;
  reviewsDoneToday: number;
  newDoneToday: number;
  /** When the next card falls due, if nothing is due now. */
  nextDueAt: string | null;
  startedTopics: number;
};

function todayCounts(tx: Tx, userId: string, now: Date) {
  const dayStart = new Date(startOfUtcDay(now));
  const rows = tx
    .select({ state: reviewLogs.state, n: count() })
    .from(reviewLogs)
    .where(and(eq(reviewLogs.userId, userId), gte(reviewLogs.review, dayStart)))
    .groupBy(reviewLogs.state)
    .all();
  const newDone = rows.filter((r) => r.state === State.New).reduce((a, r) => a + r.n, 0);
  const reviewsDone = rows.filter((r) => r.state !== State.New).reduce((a, r) => a + r.n, 0);
  return { newDone, reviewsDone };
}

/** Live questions of the topics the learner has started that have no card yet, in syllabus order. */
function newCandidates(tx: Tx, userId: string, limit: number): string[] {
  if (limit <= 0) return [];
  const rows = tx.all<{ id: string }>(sql`
    SELECT q.id AS id FROM questions q
    JOIN topics t ON t.slug = q.topic_slug
    WHERE q.retired_at IS NULL
      AND q.topic_slug IN (SELECT DISTINCT q2.topic_slug FROM cards c JOIN questions q2 ON q2.id = c.question_id WHERE c.user_id = ${userId})
      AND NOT EXISTS (SELECT 1 FROM cards c WHERE c.user_id = ${userId} AND c.question_id = q.id)
    ORDER BY t.sort_order, CASE q.difficulty WHEN 'junior' THEN 0 WHEN 'mid' THEN 1 ELSE 2 END, q.id
    LIMIT ${limit}`);
  return rows.map((r) => r.id);
}

function liveCardFilter(userId: string) {
  return and(eq(cards.userId, userId), sql`${cards.questionId} IN (SELECT id FROM questions WHERE retired_at IS NULL)`);
}

export async function getReviewOverview(input: { userId: string; now: Date }): Promise<ReviewOverview> {
  const db = getDb();
  const settings = settingsOf(db, input.userId);
  const { newDone, reviewsDone } = todayCounts(db, input.userId, input.now);
  const cap = Math.max(0, settings.reviewsPerDay - reviewsDone);
  const endOfDay = new Date(startOfUtcDay(input.now) + DAY_MS - 1);
  const seenFilter = and(liveCardFilter(input.userId), ne(cards.state, State.New));
  const dueNow = db.select({ n: count() }).from(cards).where(and(seenFilter, lte(cards.due, input.now))).get()?.n ?? 0;
  const dueToday = db.select({ n: count() }).from(cards).where(and(seenFilter, lte(cards.due, endOfDay))).get()?.n ?? 0;
  const flaggedNew =
    db
      .select({ n: count() })
      .from(cards)
      .where(and(liveCardFilter(input.userId), eq(cards.state, State.New)))
      .get()?.n ?? 0;
  const newAllowance = Math.max(0, settings.newPerDay - newDone);
  const newAvailable = Math.min(newAllowance, flaggedNew + newCandidates(db, input.userId, newAllowance).length);
  const next = db
    .select({ due: cards.due })
    .from(cards)
    .where(and(seenFilter, sql`${cards.due} > ${input.now.getTime()}`))
    .orderBy(asc(cards.due))
    .limit(1)
    .get();
  const startedTopics =
    db.get<{ n: number }>(sql`SELECT COUNT(DISTINCT q.topic_slug) AS n FROM cards c JOIN questions q ON q.id = c.question_id WHERE c.user_id = ${input.userId}`)?.n ?? 0;
  return {
    settings,
    dueNow: Math.min(dueNow, cap),
    dueToday: Math.min(dueToday, cap),
    newAvailable,
    reviewsDoneToday: reviewsDone,
    newDoneToday: newDone,
    nextDueAt: next ? next.due.toISOString() : null,
    startedTopics,
  };
}

export type ReviewItem = {
  kind: "flagged" | "due" | "new";
  questionId: string;
  topicSlug: string;
  topicTitle: string;
  question: PublicQuestion;
};

/** The display order of a review question follows from its answer form's idempotency key, which the attempt stores. */
const reviewSeed = (questionId: string, idempotencyKey: string) => `review:${questionId}:${idempotencyKey}`;

/** The next card to review: drill-flagged ones, then due ones (oldest first), then new ones. */
export async function getNextReviewItem(input: { userId: string; now: Date; idempotencyKey: string }): Promise<ReviewItem | null> {
  const db = getDb();
  const settings = settingsOf(db, input.userId);
  const { newDone, reviewsDone } = todayCounts(db, input.userId, input.now);
  const live = liveCardFilter(input.userId);
  let pick: { questionId: string; kind: ReviewItem["kind"] } | null = null;
  const flagged = db.select().from(cards).where(and(live, isNotNull(cards.flaggedAt), lte(cards.due, input.now))).orderBy(asc(cards.flaggedAt)).limit(1).get();
  if (flagged) pick = { questionId: flagged.questionId, kind: "flagged" };
  if (!pick && reviewsDone < settings.reviewsPerDay) {
    const due = db
      .select()
      .from(cards)
      .where(and(live, ne(cards.state, State.New), lte(cards.due, input.now)))
      .orderBy(asc(cards.due))
      .limit(1)
      .get();
    if (due) pick = { questionId: due.questionId, kind: "due" };
  }
  if (!pick && newDone < settings.newPerDay) {
    const id = newCandidates(db, input.userId, 1)[0];
    if (id) pick = { questionId: id, kind: "new" };
  }
  if (!pick) return null;
  const version = await getCurrentVersion(pick.questionId);
  const q = version === null ? null : await getQuestionVersion(pick.questionId, version);
  if (!q || version === null) return null;
  return {
    kind: pick.kind,
    questionId: pick.questionId,
    topicSlug: q.topic,
    topicTitle: db.select({ title: topics.title }).from(topics).where(eq(topics.slug, q.topic)).get()?.title ?? q.topic,
    question: toPublicQuestion(q, version, reviewSeed(pick.questionId, input.idempotencyKey)),
  };
}

export type ReviewSubmitResult =
  | { ok: true; attemptId: number; replayed: boolean }
  | { ok: false; status: 400 | 409; fieldErrors: FieldErrors };

/** Grades an answer given in the review queue and schedules its card, in one transaction. */
export async function submitReviewAnswer(input: { userId: string; form: FormData; now: Date }): Promise<ReviewSubmitResult> {
  const db = getDb();
  const key = input.form.get("idempotencyKey");
  if (typeof key === "string") {
    const existing = db.select().from(attempts).where(eq(attempts.idempotencyKey, key)).get();
    if (existing) {
      if (existing.userId !== input.userId || existing.practiceSessionId !== null) {
        return { ok: false, status: 409, fieldErrors: { idempotencyKey: ["This idempotency key was already used for another request."] } };
      }
      return { ok: true, attemptId: existing.id, replayed: true };
    }
  }
  const questionId = input.form.get("questionId");
  const version = Number(input.form.get("version"));
  const q = typeof questionId === "string" && Number.isInteger(version) ? await getQuestionVersion(questionId, version) : null;
  if (!q || typeof questionId !== "string") return { ok: false, status: 400, fieldErrors: { version: ["This question changed; reload the page."] } };
  const graded = gradeAnswerForm(q, reviewSeed(questionId, typeof key === "string" ? key : ""), input.form);
  if (!graded.ok) return { ok: false, status: 400, fieldErrors: graded.fieldErrors };
  const { form, response, grade } = graded.value;
  try {
    const attempt = db.transaction((tx) => {
      const a = tx
        .insert(attempts)
        .values({
          userId: input.userId,
          questionId,
          questionVersion: version,
          response,
          score: grade.score,
          correct: grade.correct,
          msTaken: form.msTaken ?? null,
          confidence: form.confidence ?? null,
          idempotencyKey: form.idempotencyKey,
          createdAt: input.now,
        })
        .returning()
        .get();
      recordReviewTx(tx, { userId: input.userId, attempt: a, question: q, now: input.now });
      return a;
    });
    recordAnswer(q.type, grade, "review");
    return { ok: true, attemptId: attempt.id, replayed: false };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const winner = db.select().from(attempts).where(eq(attempts.idempotencyKey, form.idempotencyKey)).get();
    if (!winner) throw error;
    // Someone else's request stored this key a moment ago: the same refusal as a known key gets.
    if (winner.userId !== input.userId || winner.practiceSessionId !== null) {
      return { ok: false, status: 409, fieldErrors: { idempotencyKey: ["This idempotency key was already used for another request."] } };
    }
    return { ok: true, attemptId: winner.id, replayed: true };
  }
}

/** An answer given in the review queue, for its feedback page. Only the learner's own. */
export async function getReviewAttempt(input: { userId: string; attemptId: number }) {
  const a = getDb()
    .select()
    .from(attempts)
    .where(and(eq(attempts.id, input.attemptId), eq(attempts.userId, input.userId), isNull(attempts.practiceSessionId)))
    .get();
  if (!a) return null;
  const q = await getQuestionVersion(a.questionId, a.questionVersion);
  if (!q) return null;
  return { attempt: a, question: q, seed: reviewSeed(a.questionId, a.idempotencyKey) };
}

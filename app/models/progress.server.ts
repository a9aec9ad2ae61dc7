/**
 * What a learner knows: mastery per topic from FSRS retrievability and coverage, and the figures
 * of the dashboard. Reads only; the pure arithmetic lives in app/review/progress.ts.
 */
import { and, eq, isNull, ne } from "drizzle-orm";
import { attempts, cards, questions, reviewSettings } from "../../db/schema";
import { calibration, type Confidence } from "../review/rating";
import { activityHeatmap, dueForecast, streak, topicMastery, totals, weeklyAccuracy, type AnswerRow } from "../review/progress";
import { DEFAULT_SETTINGS, retrievability, State } from "../review/scheduler";
import { getDb } from "../utils/db.server";
import { rowToCard } from "./review.server";
import { listTopics, type TopicSummary } from "./topic.server";

export type TopicMastery = TopicSummary & { mastery: number; recall: number; coverage: number; seen: number };

/** Every live topic with the learner's mastery: Σ retrievability over the topic's questions / its size. */
export async function listTopicMastery(input: { userId: string | null; now: Date }): Promise<TopicMastery[]> {
  const list = await listTopics(input.userId);
  if (!input.userId) return list.map((t) => ({ ...t, mastery: 0, recall: 0, coverage: 0, seen: 0 }));
  const db = getDb();
  const retention =
    db.select({ r: reviewSettings.desiredRetention }).from(reviewSettings).where(eq(reviewSettings.userId, input.userId)).get()?.r ??
    DEFAULT_SETTINGS.desiredRetention;
  const rows = db
    .select({ card: cards, topic: questions.topicSlug })
    .from(cards)
    .innerJoin(questions, eq(questions.id, cards.questionId))
    .where(and(eq(cards.userId, input.userId), isNull(questions.retiredAt), ne(cards.state, State.New)))
    .all();
  const byTopic = new Map<string, number[]>();
  for (const r of rows) {
    const list = byTopic.get(r.topic) ?? [];
    list.push(retrievability(rowToCard(r.card), input.now, retention));
    byTopic.set(r.topic, list);
  }
  return list.map((t) => {
    const { mastery, recall, coverage, seen } = topicMastery({ total: t.questionCount, retrievabilities: byTopic.get(t.slug) ?? [] });
    return { ...t, mastery, recall, coverage, seen };
  });
}

export async function getDashboard(input: { userId: string; now: Date }) {
  const db = getDb();
  const topicList = await listTopicMastery(input);
  const answers: AnswerRow[] = db
    .select({ createdAt: attempts.createdAt, correct: attempts.correct, confidence: attempts.confidence })
    .from(attempts)
    .where(eq(attempts.userId, input.userId))
    .all()
    .map((a) => ({ createdAt: a.createdAt.getTime(), correct: a.correct, confidence: a.confidence as Confidence | null }));
  const dues = db
    .select({ due: cards.due })
    .from(cards)
    .innerJoin(questions, eq(questions.id, cards.questionId))
    .where(and(eq(cards.userId, input.userId), isNull(questions.retiredAt), ne(cards.state, State.New)))
    .all()
    .map((c) => c.due.getTime());
  const started = topicList.filter((t) => t.seen > 0);
  const weakest = [...started].sort((a, b) => a.mastery - b.mastery || a.title.localeCompare(b.title)).slice(0, 3);
  return {
    topics: topicList,
    weakest,
    totals: totals(answers),
    heatmap: activityHeatmap(answers, input.now),
    weekly: weeklyAccuracy(answers, input.now),
    calibration: calibration(answers),
    forecast: dueForecast(dues, input.now),
    streak: streak(answers, input.now),
  };
}

export type Dashboard = Awaited<ReturnType<typeof getDashboard>>;

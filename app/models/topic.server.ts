/** Topics with question counts and, for a learner, their progress. */
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import { attempts, questions, topics } from "../../db/schema";
import { getDb } from "../utils/db.server";

export type TopicSummary = {
  slug: string;
  title: string;
  summary: string;
  group: string;
  questionCount: number;
  /** Distinct live questions this learner has answered at least once. */
  answered: number;
  /** Share of this learner's attempts in the topic that were correct, or null before any. */
  accuracy: number | null;
};

export async function listTopics(userId: string | null): Promise<TopicSummary[]> {
  const db = getDb();
  const rows = db
    .select({
      slug: topics.slug,
      title: topics.title,
      summary: topics.summary,
      group: topics.groupName,
      questionCount: sql<number>`count(${questions.id})`,
    })
    .from(topics)
    .leftJoin(questions, and(eq(questions.topicSlug, topics.slug), isNull(questions.retiredAt)))
    .where(isNull(topics.retiredAt))
    .groupBy(topics.slug)
    .orderBy(asc(topics.sortOrder), asc(topics.title))
    .all();
  const progress = userId ? await progressByTopic(userId) : new Map<string, TopicProgress>();
  return rows.map((r) => {
    const p = progress.get(r.slug);
    return {
      ...r,
      answered: p?.answered ?? 0,
      accuracy: p && p.attempts > 0 ? p.correct / p.attempts : null,
    };
  });
}

type TopicProgress = { answered: number; attempts: number; correct: number };

/** Per topic: distinct live questions answered, graded attempts, correct attempts. */
async function progressByTopic(userId: string, slug?: string): Promise<Map<string, TopicProgress>> {
  const stats = getDb()
    .select({
      slug: questions.topicSlug,
      answered: sql<number>`count(distinct ${attempts.questionId})`,
      attempts: sql<number>`count(${attempts.score})`,
      correct: sql<number>`coalesce(sum(${attempts.correct}), 0)`,
    })
    .from(attempts)
    .innerJoin(questions, eq(questions.id, attempts.questionId))
    .where(and(eq(attempts.userId, userId), isNull(questions.retiredAt), slug ? eq(questions.topicSlug, slug) : undefined))
    .groupBy(questions.topicSlug)
    .all();
  return new Map(stats.map((s) => [s.slug, s]));
}

export async function getTopicProgress(input: { slug: string; userId: string }): Promise<{ answered: number; accuracy: number | null }> {
  const p = (await progressByTopic(input.userId, input.slug)).get(input.slug);
  return { answered: p?.answered ?? 0, accuracy: p && p.attempts > 0 ? p.correct / p.attempts : null };
}

export type TopicDetail = {
  slug: string;
  title: string;
  summary: string;
  group: string;
  primerHtml: string;
  references: Array<{ title: string; url: string }>;
  questionCount: number;
  byDifficulty: Record<string, number>;
};

export async function getTopic(slug: string): Promise<TopicDetail | null> {
  const db = getDb();
  const t = db.select().from(topics).where(and(eq(topics.slug, slug), isNull(topics.retiredAt))).get();
  if (!t) return null;
  const counts = db
    .select({ difficulty: questions.difficulty, n: sql<number>`count(*)` })
    .from(questions)
    .where(and(eq(questions.topicSlug, slug), isNull(questions.retiredAt)))
    .groupBy(questions.difficulty)
    .all();
  const byDifficulty = Object.fromEntries(counts.map((c) => [c.difficulty, c.n]));
  return {
    slug: t.slug,
    title: t.title,
    summary: t.summary,
    group: t.groupName,
    primerHtml: t.primerHtml,
    references: t.referencesJson,
    questionCount: counts.reduce((a, c) => a + c.n, 0),
    byDifficulty,
  };
}

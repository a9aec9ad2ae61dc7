/** Counts of the question bank, as printed by `npm run content:stats`. Pure. */
import type { Question, Topic } from "./schema";

export type ContentStats = {
  topics: Array<{
    slug: string;
    title: string;
    questions: number;
    byType: Record<string, number>;
    byDifficulty: Record<string, number>;
    languages: Record<string, number>;
  }>;
  drills: { code: number; sql: number };
  total: number;
};

function bump(map: Record<string, number>, key: string) {
  map[key] = (map[key] ?? 0) + 1;
}

export function contentStats(
  topics: Array<Pick<Topic, "slug" | "title">>,
  questions: Array<Pick<Question, "topic" | "type" | "difficulty" | "language">>,
  drills: { code: number; sql: number } = { code: 0, sql: 0 },
): ContentStats {
  const rows = topics.map((t) => {
    const mine = questions.filter((q) => q.topic === t.slug);
    const byType: Record<string, number> = {};
    const byDifficulty: Record<string, number> = {};
    const languages: Record<string, number> = {};
    for (const q of mine) {
      bump(byType, q.type);
      bump(byDifficulty, q.difficulty);
      if (q.language) bump(languages, q.language);
    }
    return { slug: t.slug, title: t.title, questions: mine.length, byType, byDifficulty, languages };
  });
  return { topics: rows, drills, total: questions.length };
}

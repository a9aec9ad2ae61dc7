/**
 * Progress figures for the dashboard, computed from plain rows. Pure: the caller passes the clock,
 * so tests and the benchmark can replay any history. Days are UTC calendar days.
 */
import { cbmMark, type Confidence } from "./rating";

export const DAY_MS = 86_400_000;

export function startOfUtcDay(t: Date | number): number {
  const ms = typeof t === "number" ? t : t.getTime();
  return Math.floor(ms / DAY_MS) * DAY_MS;
}

export function dayKey(ms: number): string {
  return new Date(startOfUtcDay(ms)).toISOString().slice(0, 10);
}

export type AnswerRow = { createdAt: number; correct: boolean | null; confidence: Confidence | null };

/** Mastery of a topic: coverage times recall, i.e. the summed recall probability over all its questions. */
export function topicMastery(input: { total: number; retrievabilities: number[] }) {
  const seen = input.retrievabilities.length;
  const recall = seen ? input.retrievabilities.reduce((a, r) => a + r, 0) / seen : 0;
  const coverage = input.total ? Math.min(1, seen / input.total) : 0;
  return { seen, total: input.total, coverage, recall, mastery: coverage * recall };
}

export type HeatDay = { date: string; count: number };

/** The last `weeks` × 7 days ending today, oldest first, with answers per day. */
export function activityHeatmap(answers: AnswerRow[], now: Date, weeks = 12): HeatDay[] {
  const today = startOfUtcDay(now);
  const first = today - (weeks * 7 - 1) * DAY_MS;
  const counts = new Map<number, number>();
  for (const a of answers) {
    const d = startOfUtcDay(a.createdAt);
    if (d >= first && d <= today) counts.set(d, (counts.get(d) ?? 0) + 1);
  }
  return Array.from({ length: weeks * 7 }, (_, i) => {
    const d = first + i * DAY_MS;
    return { date: dayKey(d), count: counts.get(d) ?? 0 };
  });
}

export type WeekAccuracy = { weekStart: string; answers: number; accuracy: number | null; cbm: number | null };

/** Accuracy (and mean CBM mark) per 7-day window, the last one ending today. */
export function weeklyAccuracy(answers: AnswerRow[], now: Date, weeks = 12): WeekAccuracy[] {
  const today = startOfUtcDay(now);
  const first = today - (weeks * 7 - 1) * DAY_MS;
  const buckets = Array.from({ length: weeks }, () => ({ answers: 0, correct: 0, cbmSum: 0, cbmCount: 0 }));
  for (const a of answers) {
    if (a.correct === null) continue;
    const d = startOfUtcDay(a.createdAt);
    if (d < first || d > today) continue;
    const b = buckets[Math.floor((d - first) / (7 * DAY_MS))]!;
    b.answers++;
    if (a.correct) b.correct++;
    const m = cbmMark(a.correct, a.confidence);
    if (m !== null) {
      b.cbmSum += m;
      b.cbmCount++;
    }
  }
  return buckets.map((b, i) => ({
    weekStart: dayKey(first + i * 7 * DAY_MS),
    answers: b.answers,
    accuracy: b.answers ? b.correct / b.answers : null,
    cbm: b.cbmCount ? b.cbmSum / b.cbmCount : null,
  }));
}

/** Consecutive days with at least one answer, ending today (or yesterday, so the day is not lost yet). */
export function streak(answers: AnswerRow[], now: Date): { current: number; longest: number; activeToday: boolean } {
  const days = new Set(answers.map((a) => startOfUtcDay(a.createdAt)));
  const today = startOfUtcDay(now);
  const activeToday = days.has(today);
  let current = 0;
  for (let d = activeToday ? today : today - DAY_MS; days.has(d); d -= DAY_MS) current++;
  let longest = 0;
  let run = 0;
  let prev: number | null = null;
  for (const d of [...days].sort((a, b) => a - b)) {
    run = prev !== null && d - prev === DAY_MS ? run + 1 : 1;
    longest = Math.max(longest, run);
    prev = d;
  }
  return { current, longest, activeToday };
}

export type ForecastDay = { date: string; due: number };

/** Cards falling due on each of the next `days` days; today's bar includes everything overdue. */
export function dueForecast(dues: number[], now: Date, days = 14): ForecastDay[] {
  const today = startOfUtcDay(now);
  const out = Array.from({ length: days }, (_, i) => ({ date: dayKey(today + i * DAY_MS), due: 0 }));
  for (const due of dues) {
    const i = Math.max(0, Math.floor((startOfUtcDay(due) - today) / DAY_MS));
    if (i < days) out[i]!.due++;
  }
  return out;
}

/** Overall accuracy and CBM over graded answers. */
export function totals(answers: AnswerRow[]) {
  let graded = 0;
  let correct = 0;
  let cbmSum = 0;
  let cbmCount = 0;
  for (const a of answers) {
    if (a.correct === null) continue;
    graded++;
    if (a.correct) correct++;
    const m = cbmMark(a.correct, a.confidence);
    if (m !== null) {
      cbmSum += m;
      cbmCount++;
    }
  }
  return { answers: answers.length, graded, accuracy: graded ? correct / graded : null, cbmMean: cbmCount ? cbmSum / cbmCount : null, cbmCount };
}

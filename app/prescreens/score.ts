/**
 * Scorecard arithmetic, pure. Every drawn item is worth one point: an unanswered item scores 0, a
 * free-text answer the interviewer has not graded yet is "pending" and left out of the totals
 * until it is graded (the scorecard says how many are pending). Per topic and per evaluation
 * dimension the same rule applies; an item counts fully towards each dimension it exercises.
 */
import { DIMENSIONS, type Dimension } from "../content/schema";

export type ScoredItem = { topic: string; dimensions: readonly string[]; score: number | null; pending: boolean };

export type Tally = { points: number; max: number; pending: number; items: number; pct: number | null };

function tally(items: ScoredItem[]): Tally {
  let points = 0;
  let max = 0;
  let pending = 0;
  for (const i of items) {
    if (i.pending) {
      pending++;
      continue;
    }
    points += i.score ?? 0;
    max += 1;
  }
  return { points: round(points), max, pending, items: items.length, pct: max === 0 ? null : Math.round((points / max) * 100) };
}

const round = (n: number) => Math.round(n * 100) / 100;

export type Scorecard = {
  overall: Tally;
  byTopic: Array<{ topic: string } & Tally>;
  byDimension: Array<{ dimension: Dimension } & Tally>;
};

export function scorecard(items: ScoredItem[]): Scorecard {
  const topics = [...new Set(items.map((i) => i.topic))].sort();
  return {
    overall: tally(items),
    byTopic: topics.map((topic) => ({ topic, ...tally(items.filter((i) => i.topic === topic)) })),
    byDimension: DIMENSIONS.map((dimension) => ({ dimension, ...tally(items.filter((i) => i.dimensions.includes(dimension))) })).filter((d) => d.items > 0),
  };
}

/** The seed job description's evaluation focus, in its words, for each dimension. */
export const DIMENSION_LABELS: Record<Dimension, string> = {
  fundamentals: "Backend concepts and fundamentals",
  "system-design": "System design clarity",
  database: "Database design and optimisation",
  debugging: "Debugging performance and scaling issues",
  "cloud-native": "Production deployment and cloud-native systems",
  "problem-solving": "Problem-solving approach",
  "trade-offs": "Explaining trade-offs",
  practical: "Practical, real-world experience",
};

/** One CSV cell: quoted when needed, and a leading =, +, - or @ neutralised so spreadsheets do not run it. */
export function csvCell(value: unknown): string {
  let s = value === null || value === undefined ? "" : value instanceof Date ? value.toISOString() : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(rows: unknown[][]): string {
  return rows.map((r) => r.map(csvCell).join(",")).join("\r\n") + "\r\n";
}

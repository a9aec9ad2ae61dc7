/**
 * FSRS scheduling through ts-fsrs (ADR 0010). Pure: callers pass the clock. Each (learner,
 * question) is a card; a review takes the card and a rating and returns the next card and a log
 * from which the review can be rolled back when the learner changes the rating.
 */
import { createEmptyCard, fsrs, State, type Card, type FSRS, type Grade, type ReviewLog } from "ts-fsrs";
import type { RatingValue } from "./rating";

export type { Card, ReviewLog };
export { State };

export type ReviewSettings = {
  /** New cards the review queue may introduce per day. */
  newPerDay: number;
  /** Reviews of already-seen cards per day. */
  reviewsPerDay: number;
  /** Target probability of recall when a card comes due, 0.80–0.97. */
  desiredRetention: number;
};

export const DEFAULT_SETTINGS: ReviewSettings = { newPerDay: 20, reviewsPerDay: 200, desiredRetention: 0.9 };
export const RETENTION_RANGE = { min: 0.8, max: 0.97 } as const;

const schedulers = new Map<number, FSRS>();

/** ts-fsrs defaults (FSRS-6 weights, learning steps 1m/10m, no fuzz) with the learner's retention. */
export function schedulerFor(desiredRetention: number): FSRS {
  let s = schedulers.get(desiredRetention);
  if (!s) {
    s = fsrs({ request_retention: desiredRetention });
    schedulers.set(desiredRetention, s);
  }
  return s;
}

export function newCard(now: Date): Card {
  return createEmptyCard(now);
}

export function review(card: Card, rating: RatingValue, now: Date, desiredRetention: number): { card: Card; log: ReviewLog } {
  const r = schedulerFor(desiredRetention).next(card, now, rating as Grade);
  return { card: r.card, log: r.log };
}

/** Undo the review `log` on `card` and apply `rating` instead, at the original review time. */
export function rerate(card: Card, log: ReviewLog, rating: RatingValue, desiredRetention: number): { card: Card; log: ReviewLog } {
  const s = schedulerFor(desiredRetention);
  const before = s.rollback(card, log);
  const r = s.next(before, log.review, rating as Grade);
  return { card: r.card, log: r.log };
}

/** What each rating would do to the card before `log` — the interval shown beside each button. */
export function previewIntervals(cardBefore: Card, at: Date, desiredRetention: number): Record<RatingValue, Date> {
  const p = schedulerFor(desiredRetention).repeat(cardBefore, at);
  return { 1: p[1].card.due, 2: p[2].card.due, 3: p[3].card.due, 4: p[4].card.due };
}

export function cardBefore(card: Card, log: ReviewLog, desiredRetention: number): Card {
  return schedulerFor(desiredRetention).rollback(card, log);
}

/** Probability of recalling the card at `now`; 0 for a card never reviewed. */
export function retrievability(card: Card, now: Date, desiredRetention: number): number {
  if (card.state === State.New || !card.last_review) return 0;
  const r = schedulerFor(desiredRetention).get_retrievability(card, now, false);
  return Number.isFinite(r) ? Math.min(1, Math.max(0, r)) : 0;
}

/** "10 min", "3 days", "2 months": how far `due` is from `from`. */
export function formatInterval(from: Date, due: Date): string {
  const minutes = Math.max(0, Math.round((due.getTime() - from.getTime()) / 60_000));
  if (minutes < 60) return `${Math.max(1, minutes)} min`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `${hours} h`;
  const days = Math.round(hours / 24);
  if (days < 31) return `${days} ${days === 1 ? "day" : "days"}`;
  const months = Math.round(days / 30);
  if (months < 12) return `${months} ${months === 1 ? "month" : "months"}`;
  const years = Math.round((days / 365) * 10) / 10;
  return `${years} ${years === 1 ? "year" : "years"}`;
}

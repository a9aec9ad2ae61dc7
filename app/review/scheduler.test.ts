import { createEmptyCard, fsrs, Rating, State, type Grade } from "ts-fsrs";
import { describe, expect, it } from "vitest";
import { formatInterval, newCard, previewIntervals, rerate, retrievability, review } from "./scheduler";

const DAY = 86_400_000;
const t0 = new Date("2026-03-02T09:00:00Z");

describe("FSRS scheduling", () => {
  it("matches ts-fsrs with its default parameters over a sequence of reviews", () => {
    const reference = fsrs({ request_retention: 0.9 });
    const sequence: Array<[number, Grade]> = [
      [0, Rating.Good],
      [10 * 60_000, Rating.Good],
      [3 * DAY, Rating.Hard],
      [12 * DAY, Rating.Again],
      [12 * DAY + 10 * 60_000, Rating.Good],
      [20 * DAY, Rating.Easy],
    ];
    let ours = newCard(t0);
    let theirs = createEmptyCard(t0);
    for (const [offset, rating] of sequence) {
      const at = new Date(t0.getTime() + offset);
      ours = review(ours, rating as 1 | 2 | 3 | 4, at, 0.9).card;
      theirs = reference.next(theirs, at, rating).card;
      expect(ours).toEqual(theirs);
    }
    expect(ours.lapses).toBe(1);
    expect(ours.state).toBe(State.Review);
    expect(ours.due.getTime()).toBeGreaterThan(t0.getTime() + 20 * DAY);
  });

  it("schedules further out for Easy than Good than Hard than Again", () => {
    const card = review(newCard(t0), 3, t0, 0.9).card;
    const later = new Date(t0.getTime() + 2 * DAY);
    const due = previewIntervals(card, later, 0.9);
    expect(due[1] < due[2] && due[2] < due[3] && due[3] < due[4]).toBe(true);
  });

  it("a higher desired retention brings reviews sooner", () => {
    const first = (r: number) => review(review(newCard(t0), 3, t0, r).card, 3, new Date(t0.getTime() + DAY), r).card.due.getTime();
    expect(first(0.97)).toBeLessThan(first(0.8));
  });

  it("changing a rating equals having given that rating in the first place", () => {
    const a = review(newCard(t0), 3, t0, 0.9).card;
    const at = new Date(t0.getTime() + 4 * DAY);
    const good = review(a, 3, at, 0.9);
    const again = review(a, 1, at, 0.9);
    const changed = rerate(good.card, good.log, 1, 0.9);
    expect(changed.card).toEqual(again.card);
    expect(changed.log.rating).toBe(Rating.Again);
  });

  it("retrievability is 0 before the first review and falls with time after it", () => {
    const fresh = newCard(t0);
    expect(retrievability(fresh, t0, 0.9)).toBe(0);
    const card = review(review(fresh, 3, t0, 0.9).card, 3, new Date(t0.getTime() + 10 * 60_000), 0.9).card;
    const soon = retrievability(card, new Date(t0.getTime() + DAY), 0.9);
    const late = retrievability(card, new Date(t0.getTime() + 60 * DAY), 0.9);
    expect(soon).toBeGreaterThan(late);
    expect(soon).toBeLessThanOrEqual(1);
    expect(late).toBeGreaterThan(0);
  });

  it("formats intervals for buttons", () => {
    expect(formatInterval(t0, new Date(t0.getTime() + 60_000))).toBe("1 min");
    expect(formatInterval(t0, new Date(t0.getTime() + 10 * 60_000))).toBe("10 min");
    expect(formatInterval(t0, new Date(t0.getTime() + 5 * 3_600_000))).toBe("5 h");
    expect(formatInterval(t0, new Date(t0.getTime() + DAY))).toBe("1 day");
    expect(formatInterval(t0, new Date(t0.getTime() + 45 * DAY))).toBe("2 months");
  });
});

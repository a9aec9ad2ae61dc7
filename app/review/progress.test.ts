import { describe, expect, it } from "vitest";
import { activityHeatmap, DAY_MS, dueForecast, streak, topicMastery, totals, weeklyAccuracy, type AnswerRow } from "./progress";

const now = new Date("2026-06-15T18:00:00Z");
const day = (offset: number, hour = 12) => Date.UTC(2026, 5, 15 + offset, hour);
const answer = (offset: number, correct: boolean | null = true, confidence: AnswerRow["confidence"] = null): AnswerRow => ({
  createdAt: day(offset),
  correct,
  confidence,
});

describe("dashboard figures", () => {
  it("mastery is coverage times mean recall", () => {
    expect(topicMastery({ total: 10, retrievabilities: [] })).toMatchObject({ mastery: 0, coverage: 0, seen: 0 });
    const m = topicMastery({ total: 10, retrievabilities: [0.9, 0.9, 0.6, 0.6] });
    expect(m.coverage).toBeCloseTo(0.4);
    expect(m.recall).toBeCloseTo(0.75);
    expect(m.mastery).toBeCloseTo(0.3);
  });

  it("the heatmap covers 84 days ending today and counts answers per day", () => {
    const map = activityHeatmap([answer(0), answer(0), answer(-1), answer(-83), answer(-84), answer(1)], now);
    expect(map).toHaveLength(84);
    expect(map.at(-1)).toEqual({ date: "2026-06-15", count: 2 });
    expect(map.at(-2)!.count).toBe(1);
    expect(map[0]).toEqual({ date: "2026-03-24", count: 1 });
    expect(map.reduce((a, d) => a + d.count, 0)).toBe(4);
  });

  it("a streak counts back from today, or from yesterday before today's first answer", () => {
    expect(streak([answer(0), answer(-1), answer(-2), answer(-4)], now)).toEqual({ current: 3, longest: 3, activeToday: true });
    expect(streak([answer(-1), answer(-2)], now)).toEqual({ current: 2, longest: 2, activeToday: false });
    expect(streak([answer(-2), answer(-10), answer(-11), answer(-12), answer(-13)], now)).toEqual({ current: 0, longest: 4, activeToday: false });
  });

  it("weekly accuracy ignores ungraded answers and averages CBM marks", () => {
    const weeks = weeklyAccuracy([answer(0, true, "high"), answer(-1, false, "high"), answer(-2, null), answer(-3, true)], now);
    expect(weeks).toHaveLength(12);
    expect(weeks.at(-1)).toMatchObject({ answers: 3, cbm: (3 - 6) / 2 });
    expect(weeks.at(-1)!.accuracy).toBeCloseTo(2 / 3);
    expect(weeks[0]!.accuracy).toBeNull();
  });

  it("the forecast puts overdue cards on today", () => {
    const f = dueForecast([day(-5), day(0, 23), day(1), day(13), day(14)], now);
    expect(f).toHaveLength(14);
    expect(f[0]).toEqual({ date: "2026-06-15", due: 2 });
    expect(f[1]!.due).toBe(1);
    expect(f[13]!.due).toBe(1);
  });

  it("totals", () => {
    const t = totals([answer(0, true, "medium"), answer(0, false, "medium"), answer(0, null)]);
    expect(t).toMatchObject({ answers: 3, graded: 2, accuracy: 0.5, cbmMean: 0, cbmCount: 2 });
    expect(DAY_MS).toBe(86_400_000);
  });
});

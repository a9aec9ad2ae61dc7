import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { attempts, cards, reviewLogs, users } from "../../db/schema";
import { getQuestionVersion } from "../../app/models/question.server";
import { flagConceptsForReview, getReviewOverview, rowToCard } from "../../app/models/review.server";
import { listTopicMastery } from "../../app/models/progress.server";
import { createUser } from "../../app/models/user.server";
import { retrievability } from "../../app/review/scheduler";
import { getDb } from "../../app/utils/db.server";
import * as login from "../../app/routes/login";
import * as meDelete from "../../app/routes/me.delete";
import * as meExport from "../../app/routes/me.export";
import * as me from "../../app/routes/me._index";
import * as step from "../../app/routes/practice.$sessionId.q.$step";
import * as reviewAnswer from "../../app/routes/review.a.$attemptId";
import * as review from "../../app/routes/review._index";
import * as topic from "../../app/routes/topics.$slug";
import { answerFields } from "../setup/answers";
import { TestClient } from "../setup/remix";

process.env.TEST_CLOCK = "true";

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 2, 2, 9, 0, 0);
const PASSWORD = "correct horse battery staple";

function at(client: TestClient, ms: number) {
  client.cookies.set("gw-test-now", String(ms));
}

async function userIdOf(client: TestClient): Promise<string> {
  const res = await client.call(meExport.loader, "/me/export");
  return (res.data as { profile: { id: string } }).profile.id;
}

/** Practises the whole fixture topic at the client's clock: right answers except the ids in `wrong`; self-assesses free text. */
async function practiseTopic(client: TestClient, wrong: string[] = [], slug = "fixture-basics") {
  const start = await client.call(topic.action, `/topics/${slug}`, { slug }, { form: {} });
  const sessionId = start.location!.split("/").pop()!;
  const answered: Array<{ questionId: string; attemptId: number }> = [];
  for (let n = 1; ; n++) {
    const open = await client.call(step.loader, `/practice/${sessionId}/q/${n}`, { sessionId, step: String(n) });
    if (open.status !== 200) break;
    const s = open.data as { status: string; question: { id: string; version: number }; idempotencyKey: string; step: number; total: number };
    const q = (await getQuestionVersion(s.question.id, s.question.version))!;
    const form: Array<[string, string]> = [
      ["intent", "answer"],
      ["idempotencyKey", s.idempotencyKey],
      ["step", String(s.step)],
      ["version", String(s.question.version)],
      ["confidence", "medium"],
      ["msTaken", "15000"],
      ...answerFields(q, `${sessionId}:${s.step}`, !wrong.includes(q.id)),
    ];
    const res = await client.call(step.action, `/practice/${sessionId}/q/${n}`, { sessionId, step: String(n) }, { form });
    expect(res.status).toBe(303);
    const after = await client.call(step.loader, `/practice/${sessionId}/q/${n}`, { sessionId, step: String(n) });
    const attemptId = (after.data as { attemptId: number }).attemptId;
    if (q.type === "free-text") {
      const checked = q.rubric.map((_, i) => ["checked", String(i)] as [string, string]);
      await client.call(step.action, `/practice/${sessionId}/q/${n}`, { sessionId, step: String(n) }, { form: [["intent", "self-assess"], ["attemptId", String(attemptId)], ...checked] });
    }
    answered.push({ questionId: q.id, attemptId });
    if (n >= s.total) break;
  }
  return { sessionId, answered };
}

describe("spaced repetition from practice", () => {
  it("schedules a card per answered question, rated from the answer, and the learner can change the rating", async () => {
    const client = new TestClient();
    at(client, T0);
    const { sessionId, answered } = await practiseTopic(client, ["fx-single"]);
    const userId = await userIdOf(client);
    const rows = getDb().select().from(cards).where(eq(cards.userId, userId)).all();
    expect(rows.map((r) => r.questionId).sort()).toEqual(answered.map((a) => a.questionId).sort());

    const logs = getDb().select().from(reviewLogs).where(eq(reviewLogs.userId, userId)).all();
    expect(logs).toHaveLength(6);
    const single = logs.find((l) => l.questionId === "fx-single")!;
    expect(single.rating).toBe(1); // wrong → Again
    expect(logs.filter((l) => l.questionId !== "fx-single").every((l) => l.rating === 3)).toBe(true); // right, medium → Good

    // The feedback page shows the rating with the interval of each choice, and a change sticks.
    const n = answered.findIndex((a) => a.questionId === "fx-true-false") + 1;
    const page = await client.call(step.loader, `/practice/${sessionId}/q/${n}`, { sessionId, step: String(n) });
    const r = (page.data as { review: { rating: number; options: Array<{ rating: number; interval: string }> } }).review;
    expect(r.rating).toBe(3);
    expect(r.options.map((o) => o.rating)).toEqual([1, 2, 3, 4]);
    const before = getDb().select().from(cards).where(and(eq(cards.userId, userId), eq(cards.questionId, "fx-true-false"))).get()!;
    const attemptId = answered[n - 1]!.attemptId;
    const rate = await client.call(step.action, `/practice/${sessionId}/q/${n}`, { sessionId, step: String(n) }, { form: { intent: "rate", attemptId: String(attemptId), rating: "4" } });
    expect(rate.status).toBe(303);
    const after = getDb().select().from(cards).where(and(eq(cards.userId, userId), eq(cards.questionId, "fx-true-false"))).get()!;
    expect(after.due.getTime()).toBeGreaterThan(before.due.getTime());
    expect(getDb().select().from(reviewLogs).where(eq(reviewLogs.attemptId, attemptId)).get()).toMatchObject({ rating: 4, derivedRating: 3 });

    const bad = await client.call(step.action, `/practice/${sessionId}/q/${n}`, { sessionId, step: String(n) }, { form: { intent: "rate", attemptId: String(attemptId), rating: "9" } });
    expect(bad.status).toBe(400);
    expect((bad.data as { fieldErrors: Record<string, string[]> }).fieldErrors.rating).toBeDefined();
  });

  it("a free-text answer is scheduled only once the learner has self-assessed it", async () => {
    const client = new TestClient();
    at(client, T0);
    const start = await client.call(topic.action, "/topics/fixture-basics", { slug: "fixture-basics" }, { form: {} });
    const sessionId = start.location!.split("/").pop()!;
    for (let n = 1; n <= 6; n++) {
      const open = await client.call(step.loader, `/practice/${sessionId}/q/${n}`, { sessionId, step: String(n) });
      const s = open.data as { question: { id: string; version: number }; idempotencyKey: string; step: number };
      const q = (await getQuestionVersion(s.question.id, s.question.version))!;
      await client.call(step.action, `/practice/${sessionId}/q/${n}`, { sessionId, step: String(n) }, {
        form: [["intent", "answer"], ["idempotencyKey", s.idempotencyKey], ["step", String(n - 1)], ["version", String(s.question.version)], ...answerFields(q, `${sessionId}:${n - 1}`)],
      });
      if (q.type !== "free-text") continue;
      const userId = await userIdOf(client);
      const a = getDb().select().from(attempts).where(and(eq(attempts.userId, userId), eq(attempts.questionId, q.id))).get()!;
      expect(getDb().select().from(reviewLogs).where(eq(reviewLogs.attemptId, a.id)).get()).toBeUndefined();
      await client.call(step.action, `/practice/${sessionId}/q/${n}`, { sessionId, step: String(n) }, { form: [["intent", "self-assess"], ["attemptId", String(a.id)], ["checked", "0"]] });
      expect(getDb().select().from(reviewLogs).where(eq(reviewLogs.attemptId, a.id)).get()?.rating).toBe(1); // 1 of the rubric is not a pass
      break;
    }
  });
});

describe("the review queue", () => {
  it("serves cards when they fall due, grades them, and mastery and due counts follow the stored reviews", async () => {
    const client = new TestClient();
    at(client, T0);
    await practiseTopic(client);
    const userId = await userIdOf(client);

    const now = await client.call(review.loader, "/review");
    const o0 = (now.data as { overview: { dueToday: number; dueNow: number } }).overview;
    // Learning steps: a Good first answer comes back 10 minutes later, still today.
    expect(o0.dueNow).toBe(0);
    expect(o0.dueToday).toBe(6);

    const later = T0 + 5 * DAY;
    at(client, later);
    const overview = await getReviewOverview({ userId, now: new Date(later) });
    const stored = getDb().select().from(cards).where(eq(cards.userId, userId)).all();
    expect(overview.dueNow).toBe(stored.filter((c) => c.due.getTime() <= later).length);
    expect(overview.dueNow).toBe(6);

    // Mastery = Σ retrievability of the topic's cards / its question count, computed from the stored cards.
    const mastery = (await listTopicMastery({ userId, now: new Date(later) })).find((t) => t.slug === "fixture-basics")!;
    const expected = stored.reduce((a, c) => a + retrievability(rowToCard(c), new Date(later), 0.9), 0) / 6;
    expect(mastery.mastery).toBeCloseTo(expected, 10);
    expect(mastery.mastery).toBeGreaterThan(0);
    expect(mastery.coverage).toBe(1);

    // Review one due card through the routes.
    const page = await client.call(review.loader, "/review");
    const d = page.data as { item: { questionId: string; kind: string; question: { version: number } }; idempotencyKey: string };
    expect(d.item.kind).toBe("due");
    expect(JSON.stringify(d.item)).not.toMatch(/FEEDBACK|EXPLANATION|"correct"|"rubric"/);
    const q = (await getQuestionVersion(d.item.questionId, d.item.question.version))!;
    const form: Array<[string, string]> = [
      ["intent", "answer"],
      ["idempotencyKey", d.idempotencyKey],
      ["questionId", d.item.questionId],
      ["version", String(d.item.question.version)],
      ...answerFields(q, `review:${d.item.questionId}:${d.idempotencyKey}`),
    ];
    if (q.type === "free-text") form.push(["confidence", "high"]);
    const res = await client.call(review.action, "/review", {}, { form });
    expect(res.status).toBe(303);
    expect(res.location).toMatch(/^\/review\/a\/\d+$/);
    // A double submit replays the same attempt.
    const again = await client.call(review.action, "/review", {}, { form });
    expect(again.location).toBe(res.location);
    const attemptId = res.location!.split("/").pop()!;
    const fb = await client.call(reviewAnswer.loader, res.location!, { attemptId });
    expect(fb.status).toBe(200);
    if (q.type !== "free-text") {
      expect((fb.data as { revealed: { grade: { correct: boolean } } }).revealed.grade.correct).toBe(true);
      const after = await getReviewOverview({ userId, now: new Date(later) });
      expect(after.dueNow).toBe(5);
      expect(after.reviewsDoneToday).toBe(1);
    }
    // Another learner cannot see it.
    const stranger = new TestClient("198.51.100.9");
    await practiseTopic(stranger);
    expect((await stranger.call(reviewAnswer.loader, res.location!, { attemptId })).status).toBe(404);
  });

  it("only the latest review of a card can be re-rated", async () => {
    const client = new TestClient();
    at(client, T0);
    const { answered } = await practiseTopic(client);
    at(client, T0 + 5 * DAY);
    // Review everything due once, so each practice review is no longer the latest.
    for (let i = 0; i < 6; i++) {
      const page = await client.call(review.loader, "/review");
      const d = page.data as { item: { questionId: string; question: { version: number } } | null; idempotencyKey: string };
      if (!d.item) break;
      const q = (await getQuestionVersion(d.item.questionId, d.item.question.version))!;
      const res = await client.call(review.action, "/review", {}, {
        form: [["intent", "answer"], ["idempotencyKey", d.idempotencyKey], ["questionId", d.item.questionId], ["version", String(d.item.question.version)], ...answerFields(q, `review:${d.item.questionId}:${d.idempotencyKey}`)],
      });
      // A free-text answer is scheduled once self-assessed; until then its card stays due.
      const attemptId = res.location!.split("/").pop()!;
      if (q.type === "free-text") {
        await client.call(reviewAnswer.action, res.location!, { attemptId }, { form: [["intent", "self-assess"], ["attemptId", attemptId], ["checked", "0"], ["checked", "1"], ["checked", "2"], ["checked", "3"]] });
      }
    }
    expect((await getReviewOverview({ userId: await userIdOf(client), now: new Date(T0 + 5 * DAY) })).dueNow).toBe(0);
    const first = answered.find((a) => a.questionId === "fx-single")!;
    const res = await client.call(reviewAnswer.action, `/review/a/${first.attemptId}`, { attemptId: String(first.attemptId) }, { form: { intent: "rate", attemptId: String(first.attemptId), rating: "1" } });
    expect(res.status).toBe(409);
  });

  it("validates settings with field messages and applies the caps", async () => {
    const client = new TestClient();
    at(client, T0);
    await practiseTopic(client);
    const bad = await client.call(review.action, "/review", {}, { form: { intent: "settings", newPerDay: "-1", reviewsPerDay: "ten", desiredRetention: "0.5" } });
    expect(bad.status).toBe(400);
    const errors = (bad.data as { fieldErrors: Record<string, string[]> }).fieldErrors;
    expect(Object.keys(errors).sort()).toEqual(["desiredRetention", "newPerDay", "reviewsPerDay"]);
    const ok = await client.call(review.action, "/review", {}, { form: { intent: "settings", newPerDay: "0", reviewsPerDay: "10", desiredRetention: "0.95" } });
    expect(ok.status).toBe(200);
    at(client, T0 + 5 * DAY);
    const page = await client.call(review.loader, "/review");
    const o = (page.data as { overview: { settings: { desiredRetention: number }; newAvailable: number } }).overview;
    expect(o.settings.desiredRetention).toBe(0.95);
    expect(o.newAvailable).toBe(0);
  });

  it("drill failures flag their concept questions: due now and served first", async () => {
    const client = new TestClient();
    at(client, T0);
    await practiseTopic(client);
    const userId = await userIdOf(client);
    const flagged = await flagConceptsForReview({ userId, questionIds: ["fx-numeric", "fx-extra-single", "no-such-question"], now: new Date(T0 + 60_000) });
    expect(flagged).toBe(2);
    at(client, T0 + 2 * 60_000);
    const first = await client.call(review.loader, "/review");
    const item = (first.data as { item: { kind: string; questionId: string } }).item;
    expect(item.kind).toBe("flagged");
    expect(["fx-numeric", "fx-extra-single"]).toContain(item.questionId);
  });
});

describe("progress survives identity changes and belongs to the learner", () => {
  it("a guest who logs in brings cards and attempts without duplicates", async () => {
    const email = `merge-${Date.now()}@example.com`;
    const account = await createUser({ email, password: PASSWORD });
    // The account practised before, on another device.
    const device = new TestClient("198.51.100.20");
    at(device, T0);
    await device.call(login.action, "/login", {}, { form: { email, password: PASSWORD } });
    await practiseTopic(device);
    const accountCards = getDb().select().from(cards).where(eq(cards.userId, account.id)).all().length;
    expect(accountCards).toBe(6);

    const guest = new TestClient("198.51.100.21");
    at(guest, T0 + DAY);
    await practiseTopic(guest);
    await practiseTopic(guest, [], "fixture-extra");
    const guestId = await userIdOf(guest);
    const res = await guest.call(login.action, "/login", {}, { form: { email, password: PASSWORD } });
    expect(res.status).toBe(302);

    const merged = getDb().select().from(cards).where(eq(cards.userId, account.id)).all();
    expect(merged).toHaveLength(7);
    expect(new Set(merged.map((c) => c.questionId)).size).toBe(7);
    // The guest's reviews are newer, so its cards won.
    expect(merged.every((c) => c.lastReview!.getTime() >= T0 + DAY)).toBe(true);
    expect(getDb().select().from(attempts).where(eq(attempts.userId, account.id)).all()).toHaveLength(13);
    expect(getDb().select().from(users).where(eq(users.id, guestId)).get()).toBeUndefined();
    expect(getDb().select().from(cards).where(eq(cards.userId, guestId)).all()).toHaveLength(0);
  });

  it("exports everything as JSON and deletes the account with all of it", async () => {
    const client = new TestClient();
    at(client, T0);
    await practiseTopic(client);
    const res = await client.call(meExport.loader, "/me/export");
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Disposition")).toMatch(/attachment; filename="groundwork-export-\d{4}-\d{2}-\d{2}\.json"/);
    const body = res.data as { profile: { id: string }; attempts: unknown[]; reviewCards: unknown[]; reviewLog: unknown[]; practiceSessions: unknown[]; drillRuns: unknown[] };
    expect(body.attempts).toHaveLength(6);
    expect(body.reviewCards).toHaveLength(6);
    expect(body.reviewLog).toHaveLength(6);
    expect(body.practiceSessions).toHaveLength(1);
    const userId = body.profile.id;

    const wrong = await client.call(meDelete.action, "/me/delete", {}, { form: { confirm: "yes" } });
    expect(wrong.status).toBe(400);
    expect(getDb().select().from(users).where(eq(users.id, userId)).get()).toBeDefined();

    const gone = await client.call(meDelete.action, "/me/delete", {}, { form: { confirm: "delete my account" } });
    expect(gone.status).toBe(302);
    expect(client.cookies.has("gw_session")).toBe(false);
    for (const table of [attempts, cards, reviewLogs]) {
      expect(getDb().select().from(table).where(eq(table.userId, userId)).all()).toHaveLength(0);
    }
    expect(getDb().select().from(users).where(eq(users.id, userId)).get()).toBeUndefined();
  });

  it("the dashboard reflects answers, reviews and calibration", async () => {
    const client = new TestClient();
    at(client, T0);
    await practiseTopic(client, ["fx-single", "fx-numeric"]);
    at(client, T0 + 3 * DAY);
    const res = await client.call(me.loader, "/me");
    const d = (res.data as { dashboard: Record<string, unknown> & { totals: { graded: number; accuracy: number }; streak: { current: number }; heatmap: Array<{ count: number }>; calibration: Array<{ confidence: string; answers: number; accuracy: number }>; forecast: Array<{ due: number }>; weakest: Array<{ slug: string }> } }).dashboard;
    expect(d.totals.graded).toBe(6);
    expect(d.totals.accuracy).toBeCloseTo(4 / 6);
    expect(d.streak.current).toBe(0); // last answer three days ago
    expect(d.heatmap.reduce((a, x) => a + x.count, 0)).toBe(6);
    expect(d.calibration.find((c) => c.confidence === "medium")).toMatchObject({ answers: 6 });
    expect(d.forecast.reduce((a, x) => a + x.due, 0)).toBeGreaterThan(0);
    expect(d.weakest.map((w) => w.slug)).toEqual(["fixture-basics"]);
  });
});

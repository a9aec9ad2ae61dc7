/**
 * Concurrent duplicate submissions (ADR 0018): many copies of one answer form, fired in parallel
 * through the route actions, store one attempt and one review, and every copy gets the same answer.
 * The actions await between the "is this key known?" read and the insert, so parallel copies race
 * to the unique index and the losers must answer with the winner's row.
 */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { attempts, reviewLogs } from "../../db/schema";
import type { PublicQuestion } from "../../app/grading/present";
import { getQuestionVersion } from "../../app/models/question.server";
import { getDb } from "../../app/utils/db.server";
import { getSessionUser } from "../../app/utils/session.server";
import * as review from "../../app/routes/review._index";
import * as step from "../../app/routes/practice.$sessionId.q.$step";
import * as topic from "../../app/routes/topics.$slug";
import { answerFields } from "../setup/answers";
import { TestClient } from "../setup/remix";

const COPIES = 25;

async function openFirstStep(client: TestClient) {
  const start = await client.call(topic.action, "/topics/fixture-basics", { slug: "fixture-basics" }, { form: {} });
  const sessionId = start.location!.split("/").pop()!;
  const open = await client.call(step.loader, `/practice/${sessionId}/q/1`, { sessionId, step: "1" });
  const d = open.data as { question: PublicQuestion; idempotencyKey: string };
  const q = (await getQuestionVersion(d.question.id, d.question.version))!;
  const form: Array<[string, string]> = [
    ["intent", "answer"],
    ["idempotencyKey", d.idempotencyKey],
    ["step", "0"],
    ["version", String(d.question.version)],
    ...answerFields(q, `${sessionId}:0`),
  ];
  return { sessionId, key: d.idempotencyKey, form, graded: q.type !== "free-text" };
}

/** Answers practice steps until one is graded (a free-text answer schedules nothing until self-assessed). */
async function practiseUntilACard(client: TestClient) {
  const first = await openFirstStep(client);
  await client.call(step.action, `/practice/${first.sessionId}/q/1`, { sessionId: first.sessionId, step: "1" }, { form: first.form });
  if (first.graded) return;
  const open = await client.call(step.loader, `/practice/${first.sessionId}/q/2`, { sessionId: first.sessionId, step: "2" });
  const d = open.data as { question: PublicQuestion; idempotencyKey: string };
  const q = (await getQuestionVersion(d.question.id, d.question.version))!;
  const res = await client.call(step.action, `/practice/${first.sessionId}/q/2`, { sessionId: first.sessionId, step: "2" }, {
    form: [["intent", "answer"], ["idempotencyKey", d.idempotencyKey], ["step", "1"], ["version", String(d.question.version)], ...answerFields(q, `${first.sessionId}:1`)],
  });
  expect(res.status).toBe(303);
}

async function userIdOf(client: TestClient): Promise<string> {
  const cookie = [...client.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  return (await getSessionUser(new Request("http://localhost/", { headers: { Cookie: cookie } })))!.id;
}

const rowsWithKey = (key: string) => getDb().select().from(attempts).where(eq(attempts.idempotencyKey, key)).all();

describe("parallel copies of one practice answer", () => {
  it("store one attempt and one review, and every copy redirects to the answered step", async () => {
    const client = new TestClient();
    const { sessionId, key, form, graded } = await openFirstStep(client);
    const results = await Promise.all(
      Array.from({ length: COPIES }, () => client.call(step.action, `/practice/${sessionId}/q/1`, { sessionId, step: "1" }, { form })),
    );
    expect(results.map((r) => `${r.status} ${r.location}`)).toEqual(Array(COPIES).fill(`303 /practice/${sessionId}/q/1`));
    const rows = rowsWithKey(key);
    expect(rows).toHaveLength(1);
    expect(getDb().select().from(attempts).where(eq(attempts.practiceSessionId, sessionId)).all()).toHaveLength(1);
    const logs = getDb().select().from(reviewLogs).where(eq(reviewLogs.attemptId, rows[0]!.id)).all();
    expect(logs).toHaveLength(graded ? 1 : 0);
  });

  it("keep one attempt when copies with different keys race for the same step", async () => {
    const client = new TestClient();
    const { sessionId, form } = await openFirstStep(client);
    const keys = Array.from({ length: COPIES }, (_, i) => `race-${sessionId}-${i}`);
    const results = await Promise.all(
      keys.map((k) => client.call(step.action, `/practice/${sessionId}/q/1`, { sessionId, step: "1" }, { form: form.map(([n, v]): [string, string] => [n, n === "idempotencyKey" ? k : v]) })),
    );
    expect(new Set(results.map((r) => `${r.status} ${r.location}`))).toEqual(new Set([`303 /practice/${sessionId}/q/1`]));
    expect(getDb().select().from(attempts).where(eq(attempts.practiceSessionId, sessionId)).all()).toHaveLength(1);
  });

  it.each(["the owner", "the intruder"])("answer 409, never 500, when another learner races with the same key (%s first)", async (first) => {
    const alice = new TestClient("198.51.100.1");
    const bob = new TestClient("198.51.100.2");
    const a = await openFirstStep(alice);
    const b = await openFirstStep(bob);
    const stolen = b.form.map(([n, v]): [string, string] => [n, n === "idempotencyKey" ? a.key : v]);
    const aliceCopies = () => Array.from({ length: 10 }, () => alice.call(step.action, `/practice/${a.sessionId}/q/1`, { sessionId: a.sessionId, step: "1" }, { form: a.form }));
    const bobCopies = () => Array.from({ length: 10 }, () => bob.call(step.action, `/practice/${b.sessionId}/q/1`, { sessionId: b.sessionId, step: "1" }, { form: stolen }));
    const results = await Promise.all(first === "the owner" ? [...aliceCopies(), ...bobCopies()] : [...bobCopies(), ...aliceCopies()]);
    const [aliceResults, bobResults] = first === "the owner" ? [results.slice(0, 10), results.slice(10)] : [results.slice(10), results.slice(0, 10)];
    const rows = rowsWithKey(a.key);
    expect(rows).toHaveLength(1);
    // The key belongs to whoever stored it first; every copy of the other learner is refused.
    const [winner, loser, loserSession] = rows[0]!.practiceSessionId === a.sessionId ? [aliceResults, bobResults, b.sessionId] : [bobResults, aliceResults, a.sessionId];
    expect(new Set(winner.map((r) => r.status))).toEqual(new Set([303]));
    expect(new Set(loser.map((r) => r.status))).toEqual(new Set([409]));
    expect(getDb().select().from(attempts).where(eq(attempts.practiceSessionId, loserSession)).all()).toHaveLength(0);
  });
});

/** The review queue's next item for a learner who has started a topic, as the answer form a browser would post. */
async function reviewForm(client: TestClient) {
  await practiseUntilACard(client); // a topic with a card makes its other questions new review cards
  const page = await client.call(review.loader, "/review");
  const d = page.data as { item: { questionId: string; question: { version: number } } | null; idempotencyKey: string };
  expect(d.item).not.toBeNull();
  const q = (await getQuestionVersion(d.item!.questionId, d.item!.question.version))!;
  const form: Array<[string, string]> = [
    ["intent", "answer"],
    ["idempotencyKey", d.idempotencyKey],
    ["questionId", d.item!.questionId],
    ["version", String(d.item!.question.version)],
    ...answerFields(q, `review:${d.item!.questionId}:${d.idempotencyKey}`),
  ];
  return { d, q, form };
}

describe("parallel copies of one review-queue answer", () => {
  it("store one attempt and answer every copy with the same feedback page", async () => {
    const client = new TestClient();
    const { d, q, form } = await reviewForm(client);
    const results = await Promise.all(Array.from({ length: COPIES }, () => client.call(review.action, "/review", {}, { form })));
    const rows = rowsWithKey(d.idempotencyKey);
    expect(rows).toHaveLength(1);
    expect(results.map((r) => `${r.status} ${r.location}`)).toEqual(Array(COPIES).fill(`303 /review/a/${rows[0]!.id}`));
    expect(getDb().select().from(reviewLogs).where(eq(reviewLogs.attemptId, rows[0]!.id)).all()).toHaveLength(q.type === "free-text" ? 0 : 1);
  });

  it("answer 409, never 500, when another learner's copies race with the same key", async () => {
    const alice = new TestClient("198.51.100.3");
    const bob = new TestClient("198.51.100.4");
    const a = await reviewForm(alice);
    const b = await reviewForm(bob);
    const stolen = b.form.map(([n, v]): [string, string] => [n, n === "idempotencyKey" ? a.d.idempotencyKey : v]);
    const results = await Promise.all([
      ...Array.from({ length: 10 }, () => bob.call(review.action, "/review", {}, { form: stolen })),
      ...Array.from({ length: 10 }, () => alice.call(review.action, "/review", {}, { form: a.form })),
    ]);
    const rows = rowsWithKey(a.d.idempotencyKey);
    expect(rows).toHaveLength(1);
    const bobWon = rows[0]!.userId === (await userIdOf(bob));
    const [winner, loser] = bobWon ? [results.slice(0, 10), results.slice(10)] : [results.slice(10), results.slice(0, 10)];
    expect(new Set(winner.map((r) => r.status))).toEqual(new Set([303]));
    expect(new Set(loser.map((r) => r.status))).toEqual(new Set([409]));
  });
});

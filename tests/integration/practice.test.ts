import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { attempts, questions, sessions, users } from "../../db/schema";
import { purgeExpiredSessions } from "../../app/utils/session.server";
import { getQuestionVersion } from "../../app/models/question.server";
import type { PublicQuestion } from "../../app/grading/present";
import { getDb } from "../../app/utils/db.server";
import * as practiceIndex from "../../app/routes/practice.$sessionId._index";
import * as step from "../../app/routes/practice.$sessionId.q.$step";
import * as summary from "../../app/routes/practice.$sessionId.summary";
import * as theme from "../../app/routes/theme";
import * as topic from "../../app/routes/topics.$slug";
import * as topics from "../../app/routes/topics._index";
import { answerFields } from "../setup/answers";
import { TestClient } from "../setup/remix";

const LEAKS = /FEEDBACK|EXPLANATION|MISTAKE|RUBRIC|MODEL-ANSWER|"correct"|"answer"|"rubric"/;

async function startSession(client: TestClient, slug = "fixture-basics") {
  const res = await client.call(topic.action, `/topics/${slug}`, { slug }, { form: {} });
  expect(res.status).toBe(302);
  const sessionId = res.location!.split("/").pop()!;
  return sessionId;
}

type OpenStep = { status: "open"; question: PublicQuestion; idempotencyKey: string; step: number; total: number };

async function openStep(client: TestClient, sessionId: string, n: number): Promise<OpenStep> {
  const res = await client.call(step.loader, `/practice/${sessionId}/q/${n}`, { sessionId, step: String(n) });
  expect(res.status).toBe(200);
  return res.data as OpenStep;
}

/** The form a learner who knows the answer would send (positions computed from the server's shuffle). */
async function answerForm(sessionId: string, s: OpenStep, right = true): Promise<Array<[string, string]>> {
  const q = (await getQuestionVersion(s.question.id, s.question.version))!;
  return [
    ["intent", "answer"],
    ["idempotencyKey", s.idempotencyKey],
    ["step", String(s.step)],
    ["version", String(s.question.version)],
    ...answerFields(q, `${sessionId}:${s.step}`, right),
  ];
}

describe("a guest practising a topic", () => {
  it("starts a session with a guest cookie and lands on the first question", async () => {
    const client = new TestClient();
    const sessionId = await startSession(client);
    expect(client.cookies.has("gw_session")).toBe(true);
    const res = await client.call(practiceIndex.loader, `/practice/${sessionId}`, { sessionId });
    expect(res.location).toBe(`/practice/${sessionId}/q/1`);
  });

  it("never sends the key, feedback or explanation before the answer", async () => {
    const client = new TestClient();
    const sessionId = await startSession(client);
    for (let n = 1; n <= 6; n++) {
      const s = await openStep(client, sessionId, n);
      expect(s.status).toBe("open");
      expect(JSON.stringify(s)).not.toMatch(LEAKS);
      await client.call(step.action, `/practice/${sessionId}/q/${n}`, { sessionId, step: String(n) }, { form: await answerForm(sessionId, s) });
    }
  });

  it("grades on the server and shows every option's feedback after answering", async () => {
    const client = new TestClient();
    const sessionId = await startSession(client);
    const s = await openStep(client, sessionId, 1);
    const res = await client.call(step.action, `/practice/${sessionId}/q/1`, { sessionId, step: "1" }, { form: await answerForm(sessionId, s, false) });
    expect(res.status).toBe(303);
    expect(res.location).toBe(`/practice/${sessionId}/q/1`);
    const after = await client.call(step.loader, `/practice/${sessionId}/q/1`, { sessionId, step: "1" });
    const d = after.data as { status: string; revealed: { grade: { correct: boolean | null }; explanationHtml: string } };
    expect(d.status).toBe("answered");
    expect(d.revealed.explanationHtml).toMatch(/EXPLANATION/);
    if (s.question.type !== "free-text") expect(d.revealed.grade.correct).toBe(false);
    if (s.question.type === "single" || s.question.type === "multiple") {
      const options = (after.data as { revealed: { options: Array<{ feedbackHtml: string }> } }).revealed.options;
      expect(options.every((o) => /FEEDBACK/.test(o.feedbackHtml))).toBe(true);
    }
  });

  it("records a double submit once and shows the same result", async () => {
    const client = new TestClient();
    const sessionId = await startSession(client);
    const s = await openStep(client, sessionId, 1);
    const form = await answerForm(sessionId, s);
    const first = await client.call(step.action, `/practice/${sessionId}/q/1`, { sessionId, step: "1" }, { form });
    const second = await client.call(step.action, `/practice/${sessionId}/q/1`, { sessionId, step: "1" }, { form });
    expect(second.status).toBe(first.status);
    expect(second.location).toBe(first.location);
    const rows = getDb().select().from(attempts).where(eq(attempts.idempotencyKey, s.idempotencyKey)).all();
    expect(rows).toHaveLength(1);
    expect(getDb().select().from(attempts).where(eq(attempts.practiceSessionId, sessionId)).all()).toHaveLength(1);
  });

  it("stores concurrent duplicates with one key once", async () => {
    const client = new TestClient();
    const sessionId = await startSession(client);
    const s = await openStep(client, sessionId, 1);
    const form = await answerForm(sessionId, s);
    const results = await Promise.all(
      Array.from({ length: 5 }, () => client.call(step.action, `/practice/${sessionId}/q/1`, { sessionId, step: "1" }, { form })),
    );
    expect(new Set(results.map((r) => r.location))).toEqual(new Set([`/practice/${sessionId}/q/1`]));
    expect(getDb().select().from(attempts).where(eq(attempts.practiceSessionId, sessionId)).all()).toHaveLength(1);
  });

  it("answers every step and sums it up", async () => {
    const client = new TestClient();
    const sessionId = await startSession(client);
    let freeTextAttempt: number | null = null;
    for (let n = 1; n <= 6; n++) {
      const s = await openStep(client, sessionId, n);
      await client.call(step.action, `/practice/${sessionId}/q/${n}`, { sessionId, step: String(n) }, { form: await answerForm(sessionId, s) });
      if (s.question.type === "free-text") {
        const after = await client.call(step.loader, `/practice/${sessionId}/q/${n}`, { sessionId, step: String(n) });
        freeTextAttempt = (after.data as { attemptId: number }).attemptId;
        const res = await client.call(step.action, `/practice/${sessionId}/q/${n}`, { sessionId, step: String(n) }, {
          form: [["intent", "self-assess"], ["attemptId", String(freeTextAttempt)], ["checked", "0"], ["checked", "1"], ["checked", "2"]],
        });
        expect(res.status).toBe(303);
      }
    }
    expect(freeTextAttempt).not.toBeNull();
    const index = await client.call(practiceIndex.loader, `/practice/${sessionId}`, { sessionId });
    expect(index.location).toBe(`/practice/${sessionId}/summary`);
    const res = await client.call(summary.loader, `/practice/${sessionId}/summary`, { sessionId });
    const d = res.data as { summary: { answered: number; correct: number; total: number; meanScore: number } };
    expect(d.summary).toMatchObject({ answered: 6, total: 6, correct: 6 });
    expect(d.summary.meanScore).toBeCloseTo(1 - 0.25 / 6);
    const list = await client.call(topics.loader, "/topics");
    const basics = (list.data as { topics: Array<{ slug: string; answered: number }> }).topics.find((t) => t.slug === "fixture-basics");
    expect(basics?.answered).toBe(6);
    const page = await client.call(topic.loader, "/topics/fixture-basics", { slug: "fixture-basics" });
    expect((page.data as { progress: { answered: number; accuracy: number } }).progress).toEqual({ answered: 6, accuracy: 1 });
  });
});

describe("bad input", () => {
  it("answers 400 with field messages and records nothing", async () => {
    const client = new TestClient();
    const sessionId = await startSession(client);
    const s = await openStep(client, sessionId, 1);
    const bare: Array<[string, string]> = [
      ["intent", "answer"],
      ["idempotencyKey", s.idempotencyKey],
      ["step", "0"],
      ["version", String(s.question.version)],
    ];
    const res = await client.call(step.action, `/practice/${sessionId}/q/1`, { sessionId, step: "1" }, { form: bare });
    expect(res.status).toBe(400);
    const errors = (res.data as { fieldErrors: Record<string, string[]> }).fieldErrors;
    expect(Object.values(errors).flat().length).toBeGreaterThan(0);
    expect(getDb().select().from(attempts).where(eq(attempts.practiceSessionId, sessionId)).all()).toHaveLength(0);
  });

  it.each([
    ["a step outside the session", [["step", "99"]]],
    ["a non-numeric step", [["step", "abc"]]],
    ["a malformed idempotency key", [["idempotencyKey", "<script>"]]],
    ["an unknown intent", [["intent", "drop-table"]]],
    ["a stale version", [["version", "999"]]],
    ["a later step than the open one", [["step", "3"]]],
  ] as const)("refuses %s with 400, never 500", async (_label, overrides) => {
    const client = new TestClient();
    const sessionId = await startSession(client);
    const s = await openStep(client, sessionId, 1);
    const form = new Map(await answerForm(sessionId, s));
    for (const [k, v] of overrides) form.set(k, v);
    const res = await client.call(step.action, `/practice/${sessionId}/q/1`, { sessionId, step: "1" }, { form: [...form] });
    expect(res.status).toBe(400);
  });

  it("404s unknown topics, malformed and foreign sessions", async () => {
    const alice = new TestClient();
    const bob = new TestClient();
    const sessionId = await startSession(alice);
    await startSession(bob);
    expect((await alice.call(topic.loader, "/topics/nope", { slug: "nope" })).status).toBe(404);
    expect((await alice.call(topic.action, "/topics/nope", { slug: "nope" }, { form: {} })).status).toBe(404);
    expect((await alice.call(topic.loader, "/topics/..%2f", { slug: "../etc" })).status).toBe(404);
    expect((await alice.call(step.loader, "/practice/x/q/1", { sessionId: "x", step: "1" })).status).toBe(404);
    expect((await alice.call(step.loader, `/practice/${sessionId}/q/abc`, { sessionId, step: "abc" })).status).toBe(404);
    // Bob cannot read or answer Alice's session.
    expect((await bob.call(step.loader, `/practice/${sessionId}/q/1`, { sessionId, step: "1" })).status).toBe(404);
    expect((await bob.call(summary.loader, `/practice/${sessionId}/summary`, { sessionId })).status).toBe(404);
    const s = await openStep(alice, sessionId, 1);
    const res = await bob.call(step.action, `/practice/${sessionId}/q/1`, { sessionId, step: "1" }, { form: await answerForm(sessionId, s) });
    expect(res.status).toBe(404);
    // A visitor with no cookie at all gets the same 404.
    expect((await new TestClient().call(step.loader, `/practice/${sessionId}/q/1`, { sessionId, step: "1" })).status).toBe(404);
  });

  it("does not show a later step before the earlier ones are answered", async () => {
    const client = new TestClient();
    const sessionId = await startSession(client);
    const res = await client.call(step.loader, `/practice/${sessionId}/q/3`, { sessionId, step: "3" });
    expect(res.status).toBe(302);
    expect(res.location).toBe(`/practice/${sessionId}`);
  });
});

describe("malformed requests get a 4xx, never a 500", () => {
  it.each([
    ["JSON to the answer action", { raw: { body: '{"choice":1}', contentType: "application/json" } }, 415],
    ["a broken multipart body", { raw: { body: "garbage", contentType: "multipart/form-data; boundary=xx" } }, 400],
    ["PUT instead of POST", { method: "PUT", raw: { body: "a=1", contentType: "application/x-www-form-urlencoded" } }, 405],
  ] as const)("%s", async (_label, init, status) => {
    const client = new TestClient();
    const sessionId = await startSession(client);
    const res = await client.call(step.action, `/practice/${sessionId}/q/1`, { sessionId, step: "1" }, init);
    expect(res.status).toBe(status);
    expect(res.data).toMatchObject({ fieldErrors: { form: [expect.any(String)] } });
  });

  it("refuses an unknown theme with a field message", async () => {
    const res = await new TestClient().call(theme.action, "/theme", {}, { form: { theme: "neon", redirectTo: "/" } });
    expect(res.status).toBe(400);
    expect(res.data).toEqual({ fieldErrors: { theme: ["Choose light, dark or system"] } });
  });

  it("refuses anything but POST to start a session", async () => {
    const res = await new TestClient().call(topic.action, "/topics/fixture-basics", { slug: "fixture-basics" }, { method: "DELETE", raw: { body: "", contentType: "text/plain" } });
    expect(res.status).toBe(405);
  });
});

describe("content changing under a session", () => {
  it("skips a question retired after the session began instead of looping", async () => {
    const client = new TestClient();
    const sessionId = await startSession(client, "fixture-extra");
    getDb().update(questions).set({ retiredAt: new Date() }).where(eq(questions.id, "fx-extra-single")).run();
    try {
      const res = await client.call(practiceIndex.loader, `/practice/${sessionId}`, { sessionId });
      expect(res.location).toBe(`/practice/${sessionId}/summary`);
    } finally {
      getDb().update(questions).set({ retiredAt: null }).where(eq(questions.id, "fx-extra-single")).run();
    }
  });
});

describe("purging", () => {
  it("removes expired sessions and guests nobody can reach, but keeps fresh guests", async () => {
    const db = getDb();
    const client = new TestClient();
    await startSession(client);
    const fresh = db.select().from(users).all().at(-1)!;
    db.insert(users).values({ id: "old-guest", isGuest: true, createdAt: new Date(Date.now() - 3 * 86400_000) }).run();
    db.insert(sessions).values({ id: "expired-session-hash", userId: "old-guest", expiresAt: new Date(Date.now() - 1000) }).run();
    const report = await purgeExpiredSessions();
    expect(report.sessions).toBeGreaterThanOrEqual(1);
    expect(report.guests).toBeGreaterThanOrEqual(1);
    expect(db.select().from(users).where(eq(users.id, "old-guest")).get()).toBeUndefined();
    expect(db.select().from(users).where(eq(users.id, fresh.id)).get()).toBeDefined();
  });
});

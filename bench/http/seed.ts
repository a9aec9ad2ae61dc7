/**
 * Seeding through the app's own models, in the bench process, into the template database that
 * every server under test starts from (a copy each). Import only after DATABASE_PATH is set.
 */
import { randomUUID } from "node:crypto";
import path from "node:path";
import { and, eq, isNull, sql } from "drizzle-orm";
import { practiceSessions, questions, topics } from "../../db/schema";
import { syncContent } from "../../app/content/sync.server";
import { getQuestionVersion } from "../../app/models/question.server";
import { DEFAULT_SESSION_SIZE, startPractice, submitAnswer } from "../../app/models/practice.server";
import { createGuest, createUser } from "../../app/models/user.server";
import { startAttempt } from "../../app/models/attempt.server";
import { createInvites } from "../../app/models/candidate.server";
import { createOrganization } from "../../app/models/org.server";
import { createPrescreen, publishPrescreen } from "../../app/models/prescreen.server";
import { closeDb, getDb, migrateDatabase, type Db } from "../../app/utils/db.server";
import { createSession } from "../../app/utils/session.server";
import { answerFields } from "../../tests/setup/answers";
import type { SeedContext } from "./scenarios";

export type Learner = { id: string; cookie: string };

/** A practice session ready to be answered: per step, the form fields a learner would send (no key yet). */
export type SeededSession = { id: string; learner: Learner; steps: string[] };

/** A small deterministic generator, so two runs seed the same mix of right and wrong answers. */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

export async function prepareTemplate(contentDir: string): Promise<Db> {
  const db = getDb();
  migrateDatabase(db);
  await syncContent(db, path.resolve(contentDir));
  return db;
}

/** Checkpoints the WAL into the main file and closes, so copying the one file copies everything. */
export function closeTemplate(): void {
  getDb().$client.pragma("wal_checkpoint(TRUNCATE)");
  closeDb();
}

/** Topics a full practice session can be drawn from. */
export function practiceTopics(): string[] {
  return getDb()
    .select({ slug: topics.slug, n: sql<number>`count(${questions.id})` })
    .from(topics)
    .innerJoin(questions, and(eq(questions.topicSlug, topics.slug), isNull(questions.retiredAt)))
    .where(isNull(topics.retiredAt))
    .groupBy(topics.slug)
    .all()
    .filter((t) => t.n >= DEFAULT_SESSION_SIZE)
    .map((t) => t.slug);
}

/** `gw_session=…` from a Set-Cookie header value. */
const cookiePair = (setCookie: string) => setCookie.split(";")[0]!;

/** Runs `fn` inside one SQLite transaction: thousands of seed rows commit once instead of one by one. */
async function inTransaction<T>(fn: () => Promise<T>): Promise<T> {
  const client = getDb().$client;
  client.exec("BEGIN");
  try {
    const out = await fn();
    client.exec("COMMIT");
    return out;
  } catch (error) {
    client.exec("ROLLBACK");
    throw error;
  }
}

/** The urlencoded body of one answer, as the question form would post it. */
export function answerBody(fields: string, idempotencyKey: string): string {
  return `intent=answer&idempotencyKey=${idempotencyKey}&${fields}`;
}

/**
 * Starts `count` practice sessions spread over the learners and topics, and works out each step's
 * answer fields from the server's own shuffle (right about 70% of the time, like a learner).
 */
export async function startSessions(learners: Learner[], count: number, random: () => number): Promise<SeededSession[]> {
  const slugs = practiceTopics();
  const db = getDb();
  const versions = new Map(db.select({ id: questions.id, v: questions.currentVersion }).from(questions).all().map((q) => [q.id, q.v]));
  return inTransaction(async () => {
    const out: SeededSession[] = [];
    for (let i = 0; i < count; i++) {
      const learner = learners[i % learners.length]!;
      const slug = slugs[Math.floor(random() * slugs.length)]!;
      const id = await startPractice({ userId: learner.id, topicSlug: slug });
      if (!id) throw new Error(`topic ${slug} has no questions`);
      const { plan } = db.select({ plan: practiceSessions.plan }).from(practiceSessions).where(eq(practiceSessions.id, id)).get()!;
      const steps: string[] = [];
      for (const [step, questionId] of plan.entries()) {
        const version = versions.get(questionId)!;
        const q = (await getQuestionVersion(questionId, version))!;
        const fields = new URLSearchParams([
          ["step", String(step)],
          ["version", String(version)],
          ["msTaken", String(4_000 + Math.floor(random() * 50_000))],
          ["confidence", ["", "low", "medium", "high"][Math.floor(random() * 4)]!],
          ...answerFields(q, `${id}:${step}`, random() < 0.7),
        ]);
        steps.push(fields.toString());
      }
      out.push({ id, learner, steps });
    }
    return out;
  });
}

/**
 * Guest learners with a session cookie each, and some history: every learner has finished one
 * practice session, so pages that show progress have progress to compute.
 */
export async function createLearners(count: number, random: () => number): Promise<Learner[]> {
  const learners = await inTransaction(async () => {
    const out: Learner[] = [];
    for (let i = 0; i < count; i++) {
      const guest = await createGuest();
      out.push({ id: guest.id, cookie: cookiePair(await createSession(guest.id)) });
    }
    return out;
  });
  const finished = await startSessions(learners, count, random);
  await inTransaction(async () => {
    for (const s of finished) {
      for (const fields of s.steps) {
        const form = new URLSearchParams(answerBody(fields, randomUUID()));
        const formData = new FormData();
        for (const [k, v] of form) formData.append(k, v);
        const result = await submitAnswer({ sessionId: s.id, userId: s.learner.id, form: formData });
        if (!result.ok) throw new Error(`seeding an answer failed: ${JSON.stringify(result.fieldErrors)}`);
      }
    }
  });
  return learners;
}

/** What scenarios seed with: 100 shared learners (made on first use), sessions, pool sizing. */
export function seedContext(opts: { seconds: number; connections: number }): SeedContext {
  const random = rng(20_240_611);
  let learners: Promise<Learner[]> | undefined;
  return {
    learners: () => (learners ??= createLearners(100, random)),
    startSessions: (ls, n) => startSessions(ls, n, random),
    capacity: (perSecond) => perSecond * opts.seconds,
    connections: opts.connections,
    candidates: (n) => seedCandidates(n),
  };
}

/**
 * One organisation with one published pre-screen (three free-text items on a topic that has them,
 * so item 1 takes a text autosave), `count` invited candidates, each attempt started.
 */
export async function seedCandidates(count: number): Promise<string[]> {
  const now = new Date();
  const owner = await createUser({ email: `bench-${randomUUID()}@example.com`, password: "bench password 123" });
  const { orgId } = await createOrganization({ name: "Bench", userId: owner.id, email: owner.email!, now });
  const actor = { kind: "user" as const, userId: owner.id, label: owner.email! };
  const topic = getDb()
    .select({ slug: questions.topicSlug, n: sql<number>`count(*)` })
    .from(questions)
    .where(and(eq(questions.type, "free-text"), isNull(questions.retiredAt)))
    .groupBy(questions.topicSlug)
    .all()
    .find((t) => t.n >= 3);
  if (!topic) throw new Error("no topic has 3 free-text questions to seed a pre-screen with");
  const id = await createPrescreen({ orgId, actor, title: "Bench", blueprint: { sections: [{ kind: "questions", topic: topic.slug, difficulty: "any", types: ["free-text"], count: 3 }], picks: [] }, now });
  const published = await publishPrescreen({ orgId, id, actor, now });
  if (!published.ok) throw new Error(`seeding the pre-screen failed: ${published.message}`);
  return inTransaction(async () => {
    const emails = Array.from({ length: count }, (_, i) => `candidate-${i}@example.com`);
    const result = await createInvites({ orgId, prescreenId: id, actor, emails, expiresInDays: 7, send: false, origin: "http://bench", now });
    if (!result.ok) throw new Error(`seeding invites failed: ${result.message}`);
    const tokens = result.invites.map((i) => new URL(i.url).pathname.split("/")[2]!);
    for (const token of tokens) {
      const started = await startAttempt({ token, form: { consent: "yes" }, now, ip: "127.0.0.1" });
      if (!started.ok) throw new Error(`starting an attempt failed: ${JSON.stringify(started.fieldErrors)}`);
    }
    return tokens;
  });
}

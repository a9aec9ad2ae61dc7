/**
 * Pre-screens end to end through the route modules, on a real SQLite file with migrations applied:
 * build, publish, invite, take, autosave, submit, grade, export; the deadline enforced by the
 * server; organisation scoping of every interviewer route and API endpoint; webhooks and audit.
 */
import { createHmac } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, candidateAnswers, candidates, prescreenItems, webhookDeliveries } from "../../db/schema";
import { closeSandboxPoolIfStarted } from "../../app/drills/runner.server";
import { DEADLINE_GRACE_MS, saveAnswer, startAttempt, sweepAttempts } from "../../app/models/attempt.server";
import { createApiToken } from "../../app/models/api-token.server";
import { getQuestionVersion } from "../../app/models/question.server";
import { createUser } from "../../app/models/user.server";
import { deliverDueWebhooks, MAX_ATTEMPTS } from "../../app/models/webhook.server";
import { getDb } from "../../app/utils/db.server";
import { createSession } from "../../app/utils/session.server";
import { sha256 } from "../../app/utils/tokens.server";
import { setMailTransportForTests } from "../../app/utils/mailer.server";
import * as orgNew from "../../app/routes/org.new";
import * as orgIndex from "../../app/routes/org._index";
import * as orgMembers from "../../app/routes/org.members";
import * as orgTokens from "../../app/routes/org.tokens";
import * as orgAudit from "../../app/routes/org.audit";
import * as psNew from "../../app/routes/org.prescreens.new";
import * as psPage from "../../app/routes/org.prescreens.$id._index";
import * as psPreview from "../../app/routes/org.prescreens.$id.preview";
import * as psExport from "../../app/routes/org.prescreens.$id.export[.]csv";
import * as psCard from "../../app/routes/org.prescreens.$id.c.$candidateId";
import * as cLanding from "../../app/routes/c.$token._index";
import * as cItem from "../../app/routes/c.$token.q.$n";
import * as cSubmit from "../../app/routes/c.$token.submit";
import * as cSignal from "../../app/routes/c.$token.signal";
import * as apiList from "../../app/routes/api.v1.prescreens";
import * as apiInvites from "../../app/routes/api.v1.prescreens.$id.invites";
import * as apiCandidate from "../../app/routes/api.v1.candidates.$id";
import { TestClient } from "../setup/remix";
import { FIXTURE_CONTENT } from "../setup/setup-db";
import { loadContent } from "../../app/content/load.server";
import { answerFields } from "../setup/answers";
import type { Question } from "../../app/content/schema";

afterAll(() => closeSandboxPoolIfStarted());

const fixtureDrill = loadContent(FIXTURE_CONTENT).drills.find((d) => d.id === "fixture-sum")!;
/** Times inside the invitations' validity (they expire days after creation, in real time). */
const soon = (minutes = 1) => new Date(Date.now() + minutes * 60_000);

async function signedIn(email: string): Promise<TestClient> {
  const user = await createUser({ email, password: "correct horse battery staple" });
  const client = new TestClient();
  const cookie = await createSession(user.id);
  const [pair] = cookie.split(";");
  client.cookies.set(pair!.slice(0, pair!.indexOf("=")), pair!.slice(pair!.indexOf("=") + 1));
  return client;
}

const tokenOf = (url: string) => new URL(url).pathname.split("/")[2]!;

let alice: TestClient; // admin of Acme
let bob: TestClient; // admin of Globex (another organisation)
let prescreenId: string;
let links: Array<{ email: string; url: string }>;

async function createOrg(client: TestClient, name: string) {
  const res = await client.call(orgNew.action, "/org/new", {}, { form: { name } });
  expect(res.status).toBe(303);
}

beforeAll(async () => {
  alice = await signedIn("alice@acme.test");
  bob = await signedIn("bob@globex.test");
  await createOrg(alice, "Acme");
  await createOrg(bob, "Globex");
});

const builderForm = (extra: Array<[string, string]> = []): Array<[string, string]> => [
  ["title", "Backend pre-screen"],
  ["instructions", "Answer on your own."],
  ["timeLimitMinutes", "30"],
  ["intake", "Notice period"],
  ["sectionCount", "2"],
  ["s0.kind", "questions"],
  ["s0.topic", "fixture-basics"],
  ["s0.difficulty", "any"],
  ["s0.count", "3"],
  ["s0.types", "single"],
  ["s0.types", "multiple"],
  ["s0.types", "true-false"],
  ["s0.types", "numeric"],
  ["s0.types", "ordering"],
  ["s1.kind", "drills"],
  ["s1.topic", "fixture-basics"],
  ["s1.difficulty", "any"],
  ["s1.count", "1"],
  ["pick", "question:fx-free-text"],
  ...extra,
];

describe("building a pre-screen", () => {
  it("sends a signed-out visitor to log in and a user without an organisation to create one", async () => {
    const anon = await new TestClient().call(orgIndex.loader, "/org");
    expect(anon.status).toBe(302);
    expect(anon.location).toBe("/login?redirectTo=%2Forg");
    const loner = await signedIn("loner@example.test");
    expect((await loner.call(orgIndex.loader, "/org")).location).toBe("/org/new");
  });

  it("creates a draft, refuses a bad blueprint with field messages, then publishes and pins the content", async () => {
    const created = await alice.call(psNew.action, "/org/prescreens/new", {}, { form: { title: "Backend pre-screen", jobDescription: "" } });
    expect(created.status).toBe(303);
    prescreenId = created.location!.split("/").pop()!;

    const bad = await alice.call(psPage.action, `/org/prescreens/${prescreenId}`, { id: prescreenId }, { form: [...builderForm().filter(([k]) => k !== "s0.count"), ["s0.count", "0"], ["intent", "save"]] });
    expect(bad.status).toBe(400);
    expect((bad.data as { fieldErrors: Record<string, string[]> }).fieldErrors["s0.count"]).toEqual(["Draw at least 1 item"]);

    const tooMany = await alice.call(psPage.action, `/org/prescreens/${prescreenId}`, { id: prescreenId }, { form: [...builderForm().filter(([k]) => k !== "s0.count"), ["s0.count", "9"], ["intent", "publish"]] });
    expect(tooMany.status).toBe(400);
    expect(JSON.stringify(tooMany.data)).toContain("more items than the bank has");

    const removed = await alice.call(psPage.action, `/org/prescreens/${prescreenId}`, { id: prescreenId }, { form: [...builderForm(), ["intent", "remove-1"]] });
    expect(removed.status).toBe(303);
    const afterRemove = (await alice.call(psPage.loader, `/org/prescreens/${prescreenId}`, { id: prescreenId })).data as { prescreen: { blueprint: { sections: Array<{ kind: string }> } } };
    expect(afterRemove.prescreen.blueprint.sections.map((x) => x.kind)).toEqual(["questions"]);

    const saved = await alice.call(psPage.action, `/org/prescreens/${prescreenId}`, { id: prescreenId }, { form: [...builderForm(), ["intent", "save"]] });
    expect(saved.status).toBe(303);
    const page = await alice.call(psPage.loader, `/org/prescreens/${prescreenId}`, { id: prescreenId });
    const draft = page.data as { mode: string; check: { sections: Array<{ available: number; ok: boolean }>; total: number } };
    expect(draft.mode).toBe("draft");
    expect(draft.check.total).toBe(5);
    expect(draft.check.sections.every((s) => s.ok)).toBe(true);

    const preview = await alice.call(psPreview.loader, `/org/prescreens/${prescreenId}/preview`, { id: prescreenId });
    const items = (preview.data as { items: Array<{ kind: string; refId: string; excerpt: string }> }).items;
    expect(items).toHaveLength(5);
    expect(items.filter((i) => i.kind === "drill").map((i) => i.refId)).toEqual(["fixture-sum"]);
    expect(items.map((i) => i.refId)).toContain("fx-free-text");
    expect(JSON.stringify(preview.data)).not.toMatch(/"correct"|rubric|modelAnswer/);

    const published = await alice.call(psPage.action, `/org/prescreens/${prescreenId}`, { id: prescreenId }, { form: [...builderForm(), ["intent", "publish"]] });
    expect(published.status).toBe(303);
    const pinned = getDb().select().from(prescreenItems).where(eq(prescreenItems.prescreenId, prescreenId)).all();
    // The single/multiple/tf/numeric/ordering pool (5), the free-text pick, the drill — versions pinned.
    expect(pinned.map((p) => p.itemKey).sort()).toEqual(["d:fixture-sum", "q:fx-free-text", "q:fx-multiple", "q:fx-numeric", "q:fx-ordering", "q:fx-single", "q:fx-true-false"].sort());
    expect(pinned.filter((p) => p.kind === "question").every((p) => p.questionVersion === 1)).toBe(true);
    expect((pinned.find((p) => p.kind === "drill")!.drillSnapshot as { hiddenJs: string }).hiddenJs.length).toBeGreaterThan(0);

    const edit = await alice.call(psPage.action, `/org/prescreens/${prescreenId}`, { id: prescreenId }, { form: [...builderForm(), ["intent", "save"]] });
    expect(edit.status).toBe(409);
  });

  it("creates invitations in bulk, skipping bad addresses, and stores only the hash of each link", async () => {
    const res = await alice.call(psPage.action, `/org/prescreens/${prescreenId}`, { id: prescreenId }, { form: { intent: "invite", emails: "ann@cand.test, ben@cand.test\nnot-an-email\ncat@cand.test", expiresInDays: "7" } });
    expect(res.status).toBe(200);
    const d = res.data as { invites: Array<{ email: string; url: string; mailed: boolean }>; invalidEmails: string[] };
    expect(d.invites.map((i) => i.email)).toEqual(["ann@cand.test", "ben@cand.test", "cat@cand.test"]);
    expect(d.invalidEmails).toEqual(["not-an-email"]);
    links = d.invites;
    const token = tokenOf(links[0]!.url);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/); // 256 bits
    const row = getDb().select().from(candidates).where(eq(candidates.email, "ann@cand.test")).get()!;
    expect(row.tokenHash).toBe(sha256(token));
    expect(JSON.stringify(row)).not.toContain(token);
  });
});

describe("mailing invitations", () => {
  it("sends each link through SMTP when mail is configured, and says so", async () => {
    const sent: Array<{ to: string; subject: string; text: string }> = [];
    setMailTransportForTests(async (mail) => {
      sent.push(mail);
      return { sent: true, messageId: `<${sent.length}@test>` };
    });
    try {
      const res = await alice.call(psPage.action, `/org/prescreens/${prescreenId}`, { id: prescreenId }, { form: { intent: "invite", emails: "mail-me@cand.test", send: "on" } });
      const invite = (res.data as { invites: Array<{ url: string; mailed: boolean }> }).invites[0]!;
      expect(invite.mailed).toBe(true);
      expect(sent).toHaveLength(1);
      expect(sent[0]).toMatchObject({ to: "mail-me@cand.test", subject: "Pre-screen: Backend pre-screen" });
      expect(sent[0]!.text).toContain(invite.url);
      expect(getDb().select().from(candidates).where(eq(candidates.email, "mail-me@cand.test")).get()!.mailedAt).not.toBeNull();
    } finally {
      setMailTransportForTests(null);
    }
  });
});

describe("taking a pre-screen", () => {
  let token: string;
  let draw: Array<{ itemKey: string; seed: string }>;

  it("shows the rules, requires consent and the intake answers, then starts a personal draw", async () => {
    token = tokenOf(links[0]!.url);
    const cand = new TestClient();
    const landing = await cand.call(cLanding.loader, `/c/${token}`, { token });
    expect(landing.data).toMatchObject({ phase: "ready", items: 5, prescreen: { timeLimitMinutes: 30, intake: [{ id: "q1", label: "Notice period" }] } });
    const refused = await cand.call(cLanding.action, `/c/${token}`, { token }, { form: { "intake.q1": "" } });
    expect(refused.status).toBe(400);
    expect(Object.keys((refused.data as { fieldErrors: object }).fieldErrors).sort()).toEqual(["consent", "intake.q1"]);
    const started = await cand.call(cLanding.action, `/c/${token}`, { token }, { form: { consent: "yes", "intake.q1": "30 days" } });
    expect(started.status).toBe(303);
    expect(started.location).toBe(`/c/${token}/q/1`);
    const row = getDb().select().from(candidates).where(eq(candidates.email, "ann@cand.test")).get()!;
    expect(row.status).toBe("started");
    expect(row.deadlineAt!.getTime() - row.startedAt!.getTime()).toBe(30 * 60_000);
    draw = row.draw!;
    expect(draw).toHaveLength(5);
    expect(draw.at(-1)!.itemKey).toBe("d:fixture-sum");
  });

  it("never sends the key before submission", async () => {
    const cand = new TestClient();
    for (let n = 1; n <= draw.length; n++) {
      const res = await cand.call(cItem.loader, `/c/${token}/q/${n}`, { token, n: String(n) });
      expect(res.status).toBe(200);
      expect(JSON.stringify(res.data)).not.toMatch(/"correct"|"feedback"|rubric|modelAnswer|hiddenJs|"explanation"/);
    }
  });

  it("autosaves idempotently: a duplicate save is stored once, a stale revision changes nothing", async () => {
    const cand = new TestClient();
    const position = draw.findIndex((d) => d.itemKey === "q:fx-free-text");
    const n = String(position + 1);
    const save = (rev: number, text: string) => cand.call(cItem.action, `/c/${token}/q/${n}`, { token, n }, { form: { intent: "save", rev: String(rev), msDelta: "4000", text } });
    const first = await save(100, "first draft");
    expect(first.data).toMatchObject({ saved: true, rev: 100 });
    const dup = await save(100, "first draft");
    expect(dup.status).toBe(200);
    const newer = await save(200, "Idempotency keys with a unique index; replay returns the first response.");
    expect(newer.data).toMatchObject({ rev: 200 });
    const stale = await save(150, "stale tab");
    expect(stale.data).toMatchObject({ rev: 200 });
    const rows = getDb().select().from(candidateAnswers).where(eq(candidateAnswers.position, position)).all();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ saves: 2, msSpent: 8000, rev: 200, response: { type: "free-text", text: "Idempotency keys with a unique index; replay returns the first response." } });
    // Reloading shows the saved answer.
    const page = await cand.call(cItem.loader, `/c/${token}/q/${n}`, { token, n });
    expect((page.data as { item: { saved: unknown } }).item.saved).toEqual({ type: "free-text", text: "Idempotency keys with a unique index; replay returns the first response." });
  });

  it("answers every other item, records signals once per beacon, and resumes on another device", async () => {
    const laptop = new TestClient("198.51.100.10");
    for (const [i, d] of draw.entries()) {
      const n = String(i + 1);
      if (d.itemKey === "q:fx-free-text") continue;
      if (d.itemKey.startsWith("d:")) {
        const code = fixtureDrill.solution;
        const run = await laptop.call(cItem.action, `/c/${token}/q/${n}`, { token, n }, { form: { intent: "run", rev: "10", code, language: "typescript" } });
        expect((run.data as { results: { status: string; mode: string } }).results).toMatchObject({ status: "pass", mode: "run" });
        continue;
      }
      const q = (await getQuestionVersion(d.itemKey.slice(2), 1)) as Question;
      const res = await laptop.call(cItem.action, `/c/${token}/q/${n}`, { token, n }, { form: [["intent", "save"], ["rev", "10"], ["msDelta", "1000"], ["go", String(i + 2)], ...answerFields(q, d.seed, d.itemKey !== "q:fx-numeric")] });
      expect(res.status).toBe(303);
    }
    const beacon = { kind: "paste", eventKey: "evt-12345678", position: "0" };
    expect((await laptop.call(cSignal.action, `/c/${token}/signal`, { token }, { form: beacon })).status).toBe(201);
    expect((await laptop.call(cSignal.action, `/c/${token}/signal`, { token }, { form: beacon })).status).toBe(200);
    await laptop.call(cSignal.action, `/c/${token}/signal`, { token }, { form: { kind: "focus-loss", eventKey: "evt-87654321" } });
    expect((await laptop.call(cSignal.action, `/c/${token}/signal`, { token }, { form: { kind: "telepathy", eventKey: "evt-x" } })).status).toBe(400);

    const phone = new TestClient("203.0.113.99");
    const overview = await phone.call(cSubmit.loader, `/c/${token}/submit`, { token });
    expect((overview.data as { nav: Array<{ answered: boolean }> }).nav.every((x) => x.answered)).toBe(true);
    const row = getDb().select().from(candidates).where(eq(candidates.email, "ann@cand.test")).get()!;
    expect(row).toMatchObject({ pastes: 1, focusLosses: 1 });
    expect(row.ipChanges).toBeGreaterThanOrEqual(1);
  });

  it("a link reads only its own attempt, and an unknown link is a 404", async () => {
    const other = tokenOf(links[1]!.url);
    const cand = new TestClient();
    await cand.call(cLanding.action, `/c/${other}`, { token: other }, { form: { consent: "yes", "intake.q1": "now" } });
    for (let n = 1; n <= 5; n++) {
      const res = await cand.call(cItem.loader, `/c/${other}/q/${n}`, { token: other, n: String(n) });
      expect(JSON.stringify(res.data)).not.toContain("Idempotency keys with a unique index");
      expect((res.data as { item: { saved: unknown } }).item.saved).toBeNull();
    }
    const forged = "A".repeat(43);
    expect((await cand.call(cLanding.loader, `/c/${forged}`, { token: forged })).status).toBe(404);
    expect((await cand.call(cItem.loader, `/c/${forged}/q/1`, { token: forged, n: "1" })).status).toBe(404);
    expect((await cand.call(cLanding.loader, "/c/short", { token: "short" })).status).toBe(404);
  });

  it("submits once, grades the questions and the drill, and then refuses further answers", async () => {
    const cand = new TestClient();
    const res = await cand.call(cSubmit.action, `/c/${token}/submit`, { token }, { form: {} });
    expect(res.status).toBe(303);
    const again = await cand.call(cSubmit.action, `/c/${token}/submit`, { token }, { form: {} });
    expect(again.status).toBe(303);
    const row = getDb().select().from(candidates).where(eq(candidates.email, "ann@cand.test")).get()!;
    expect(row).toMatchObject({ status: "submitted", submitReason: "candidate" });
    expect(row.scoredAt).not.toBeNull();
    const answers = getDb().select().from(candidateAnswers).where(eq(candidateAnswers.candidateId, row.id)).all();
    const byKey = new Map(answers.map((a) => [a.itemKey, a]));
    expect(byKey.get("d:fixture-sum")).toMatchObject({ score: 1, correct: true });
    expect(byKey.get("q:fx-free-text")!.score).toBeNull();
    const late = await cand.call(cItem.action, `/c/${token}/q/1`, { token, n: "1" }, { form: { intent: "save", rev: "999999", choice: "0" } });
    expect(late.status).toBe(409);
    const landing = await cand.call(cLanding.loader, `/c/${token}`, { token });
    expect(landing.data).toMatchObject({ phase: "submitted", submitReason: "candidate" });
  });
});

describe("the deadline", () => {
  it("refuses a save after the deadline and submits the attempt automatically", async () => {
    const token = tokenOf(links[2]!.url);
    const start = soon();
    expect(await startAttempt({ token, form: { consent: "yes", "intake.q1": "2 weeks" }, now: start, ip: "192.0.2.1" })).toEqual({ ok: true });
    const row = getDb().select().from(candidates).where(eq(candidates.email, "cat@cand.test")).get()!;
    const position = row.draw!.findIndex((d) => d.itemKey === "q:fx-free-text");
    const form = (text: string, rev: number) => {
      const f = new FormData();
      f.set("rev", String(rev));
      f.set("text", text);
      return f;
    };
    const inTime = await saveAnswer({ token, position, form: form("on time", 1), now: new Date(start.getTime() + 29 * 60_000), ip: "192.0.2.1" });
    expect(inTime.ok).toBe(true);
    const late = await saveAnswer({ token, position, form: form("too late", 2), now: new Date(start.getTime() + 30 * 60_000 + DEADLINE_GRACE_MS + 1000), ip: "192.0.2.1" });
    expect(late).toMatchObject({ ok: false, status: 409 });
    const after = getDb().select().from(candidates).where(eq(candidates.id, row.id)).get()!;
    expect(after).toMatchObject({ status: "submitted", submitReason: "deadline" });
    const saved = getDb().select().from(candidateAnswers).where(and(eq(candidateAnswers.candidateId, row.id), eq(candidateAnswers.position, position))).get()!;
    expect(saved.response).toEqual({ type: "free-text", text: "on time" });
  });

  it("the background sweep submits an attempt nobody came back to", async () => {
    const res = await alice.call(psPage.action, `/org/prescreens/${prescreenId}`, { id: prescreenId }, { form: { intent: "invite", emails: "dan@cand.test" } });
    const token = tokenOf((res.data as { invites: Array<{ url: string }> }).invites[0]!.url);
    const start = soon(2);
    await startAttempt({ token, form: { consent: "yes", "intake.q1": "x" }, now: start, ip: null });
    await sweepAttempts(new Date(start.getTime() + 10 * 60_000));
    const dan = () => getDb().select().from(candidates).where(eq(candidates.email, "dan@cand.test")).get()!;
    expect(dan().status).toBe("started");
    await sweepAttempts(new Date(start.getTime() + 31 * 60_000));
    const row = dan();
    expect(row).toMatchObject({ status: "submitted", submitReason: "deadline" });
  });
});

describe("reviewing", () => {
  it("shows the scorecard by topic and evaluation dimension, grades free text by rubric, and exports CSV", async () => {
    const ann = getDb().select().from(candidates).where(eq(candidates.email, "ann@cand.test")).get()!;
    const path = `/org/prescreens/${prescreenId}/c/${ann.id}`;
    const params = { id: prescreenId, candidateId: ann.id };
    const before = (await alice.call(psCard.loader, path, params)).data as { card: { score: { overall: { pending: number; points: number; max: number }; byDimension: Array<{ dimension: string }> }; items: Array<{ type: string; position: number; question?: { freeText?: { text: string } } }> } };
    expect(before.card.score.overall.pending).toBe(1);
    expect(before.card.score.overall).toMatchObject({ max: 4 });
    expect(before.card.score.byDimension.length).toBeGreaterThan(0);
    const ft = before.card.items.find((i) => i.type === "free-text")!;
    expect(ft.question!.freeText!.text).toContain("Idempotency keys");
    const graded = await alice.call(psCard.action, path, params, { form: [["intent", "grade"], ["position", String(ft.position)], ["checked", "0"], ["checked", "1"], ["comment", "Good on keys"]] });
    expect(graded.status).toBe(200);
    const after = (await alice.call(psCard.loader, path, params)).data as { card: { score: { overall: { pending: number; max: number } } } };
    expect(after.card.score.overall).toMatchObject({ pending: 0, max: 5 });
    const reviewed = await alice.call(psCard.action, path, params, { form: { intent: "review", note: "Strong on fundamentals" } });
    expect(reviewed.status).toBe(200);

    const csv = await alice.call(psExport.loader, `/org/prescreens/${prescreenId}/export.csv`, { id: prescreenId });
    expect(csv.headers.get("Content-Type")).toMatch(/^text\/csv/);
    const lines = String(csv.data).trim().split("\r\n");
    expect(lines[0]).toMatch(/^email,status,.*score_pct.*dimension:.*intake:Notice period$/);
    expect(lines.find((l) => l.startsWith("ann@cand.test"))).toMatch(/^ann@cand\.test,reviewed,/);

    const actions = getDb().select({ action: auditLog.action }).from(auditLog).all().map((a) => a.action);
    for (const a of ["prescreen.created", "prescreen.published", "candidate.invited", "candidate.graded", "candidate.reviewed", "results.exported"]) expect(actions).toContain(a);
    const audit = await alice.call(orgAudit.loader, "/org/audit");
    expect(JSON.stringify(audit.data)).toContain("results.exported");
  });
});

describe("organisation scoping", () => {
  it("every interviewer route answers another organisation's ids with 404, never data", async () => {
    const ann = getDb().select().from(candidates).where(eq(candidates.email, "ann@cand.test")).get()!;
    const id = prescreenId;
    const probes: Array<Promise<{ status: number; data: unknown }>> = [
      bob.call(psPage.loader, `/org/prescreens/${id}`, { id }),
      bob.call(psPage.action, `/org/prescreens/${id}`, { id }, { form: { intent: "invite", emails: "x@y.test" } }),
      bob.call(psPage.action, `/org/prescreens/${id}`, { id }, { form: { intent: "close" } }),
      bob.call(psPage.action, `/org/prescreens/${id}`, { id }, { form: { intent: "revoke", candidateId: ann.id } }),
      bob.call(psPage.action, `/org/prescreens/${id}`, { id }, { form: { intent: "webhook", webhookUrl: "https://evil.test/" } }),
      bob.call(psPreview.loader, `/org/prescreens/${id}/preview`, { id }),
      bob.call(psExport.loader, `/org/prescreens/${id}/export.csv`, { id }),
      bob.call(psCard.loader, `/org/prescreens/${id}/c/${ann.id}`, { id, candidateId: ann.id }),
      bob.call(psCard.action, `/org/prescreens/${id}/c/${ann.id}`, { id, candidateId: ann.id }, { form: { intent: "grade", position: "0", checked: "0" } }),
      bob.call(psCard.action, `/org/prescreens/${id}/c/${ann.id}`, { id, candidateId: ann.id }, { form: { intent: "review", note: "x" } }),
    ];
    for (const res of await Promise.all(probes)) {
      expect(res.status).toBe(404);
      expect(JSON.stringify(res.data)).not.toMatch(/ann@cand\.test|Backend pre-screen/);
    }
    const list = await bob.call(orgIndex.loader, "/org");
    expect((list.data as { prescreens: unknown[] }).prescreens).toEqual([]);
    const members = await bob.call(orgMembers.loader, "/org/members");
    expect(JSON.stringify(members.data)).not.toContain("alice@acme.test");
    const audit = await bob.call(orgAudit.loader, "/org/audit");
    expect(JSON.stringify(audit.data)).not.toMatch(/Backend pre-screen|ann@cand/);
    const revoke = await bob.call(orgTokens.action, "/org/tokens", {}, { form: { intent: "revoke", id: "00000000-0000-4000-8000-000000000000" } });
    expect(revoke.status).toBe(404);
  });

  it("API tokens see only their organisation; no token is a 401; Idempotency-Key replays", async () => {
    const acme = await (async () => {
      const res = await alice.call(orgTokens.action, "/org/tokens", {}, { form: { intent: "create", name: "ATS" } });
      return (res.data as { token: string }).token;
    })();
    const globex = (await createApiToken({ orgId: getDb().select().from(auditLog).where(eq(auditLog.actorLabel, "bob@globex.test")).get()!.orgId, actor: { kind: "token", tokenId: "cli", label: "t" }, name: "x", now: new Date() })).token;
    const ann = getDb().select().from(candidates).where(eq(candidates.email, "ann@cand.test")).get()!;
    const api = (token: string | null) => {
      const c = new TestClient();
      return {
        get: (handler: typeof apiList.loader, path: string, params: Record<string, string> = {}) => c.call(handler, path, params, { headers: token ? { Authorization: `Bearer ${token}` } : {} }),
        post: (path: string, params: Record<string, string>, body: unknown, headers: Record<string, string> = {}) =>
          c.call(apiInvites.action, path, params, { method: "POST", raw: { body: JSON.stringify(body), contentType: "application/json" }, headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...headers }, origin: null }),
      };
    };
    expect((await api(null).get(apiList.loader, "/api/v1/prescreens")).status).toBe(401);
    expect((await api("gw_" + "x".repeat(43)).get(apiList.loader, "/api/v1/prescreens")).status).toBe(401);
    const mine = await api(acme).get(apiList.loader, "/api/v1/prescreens");
    expect((mine.data as { data: Array<{ id: string }> }).data.map((p) => p.id)).toEqual([prescreenId]);
    expect((await api(globex).get(apiList.loader, "/api/v1/prescreens")).data).toEqual({ data: [] });

    const results = await api(acme).get(apiCandidate.loader, `/api/v1/candidates/${ann.id}`, { id: ann.id });
    expect(results.status).toBe(200);
    expect((results.data as { data: { candidate: { status: string }; score: { overall: { pct: number } } } }).data.candidate.status).toBe("reviewed");
    expect(JSON.stringify(results.data)).not.toMatch(/"correct":true,"feedback|rubric|modelAnswer|hiddenJs/);
    const foreign = await api(globex).get(apiCandidate.loader, `/api/v1/candidates/${ann.id}`, { id: ann.id });
    expect(foreign.status).toBe(404);
    expect(JSON.stringify(foreign.data)).not.toContain("ann@cand.test");

    const path = `/api/v1/prescreens/${prescreenId}/invites`;
    expect((await api(globex).post(path, { id: prescreenId }, { emails: ["z@cand.test"] })).status).toBe(404);
    const bad = await api(acme).post(path, { id: prescreenId }, { emails: ["nope"] });
    expect(bad.status).toBe(422);
    expect((bad.data as { error: { fields: Record<string, string[]> } }).error.fields.emails).toBeDefined();
    const first = await api(acme).post(path, { id: prescreenId }, { emails: ["eve@cand.test"] }, { "Idempotency-Key": "ats-req-0001" });
    expect(first.status).toBe(201);
    const replay = await api(acme).post(path, { id: prescreenId }, { emails: ["eve@cand.test"] }, { "Idempotency-Key": "ats-req-0001" });
    expect(replay.status).toBe(201);
    expect(replay.headers.get("Idempotent-Replayed")).toBe("true");
    expect(replay.data).toEqual(first.data);
    expect(getDb().select().from(candidates).where(eq(candidates.email, "eve@cand.test")).all()).toHaveLength(1);
    const reused = await api(acme).post(path, { id: prescreenId }, { emails: ["fay@cand.test"] }, { "Idempotency-Key": "ats-req-0001" });
    expect(reused.status).toBe(422);
  });
});

describe("webhooks", () => {
  it("signs the submission with HMAC, retries with backoff, and stops after the last attempt", async () => {
    const set = await alice.call(psPage.action, `/org/prescreens/${prescreenId}`, { id: prescreenId }, { form: { intent: "webhook", webhookUrl: "https://ats.example.test/hook" } });
    expect(set.status).toBe(200);
    const res = await alice.call(psPage.action, `/org/prescreens/${prescreenId}`, { id: prescreenId }, { form: { intent: "invite", emails: "gil@cand.test" } });
    const token = tokenOf((res.data as { invites: Array<{ url: string }> }).invites[0]!.url);
    const t0 = soon(3);
    await startAttempt({ token, form: { consent: "yes", "intake.q1": "x" }, now: t0, ip: null });
    await sweepAttempts(new Date(t0.getTime() + 31 * 60_000));
    const delivery = getDb().select().from(webhookDeliveries).where(eq(webhookDeliveries.status, "pending")).all();
    expect(delivery).toHaveLength(1);

    const calls: Array<{ url: string; headers: Record<string, string>; body: string }> = [];
    let status = 503;
    const fakeFetch = (async (url: string, init: RequestInit) => {
      calls.push({ url, headers: init.headers as Record<string, string>, body: String(init.body) });
      return new Response(null, { status });
    }) as unknown as typeof fetch;
    let now = new Date(t0.getTime() + 32 * 60_000);
    const publicDns = async () => [{ address: "203.0.113.5" }];
    const first = await deliverDueWebhooks(now, { fetch: fakeFetch, random: () => 1, lookup: publicDns });
    expect(first).toMatchObject({ retried: 1, delivered: 0 });
    const row = getDb().select().from(webhookDeliveries).get()!;
    expect(row.attempts).toBe(1);
    expect(row.nextAttemptAt.getTime() - now.getTime()).toBe(60_000);
    expect((await deliverDueWebhooks(now, { fetch: fakeFetch, lookup: publicDns })).retried).toBe(0); // not due yet

    status = 204;
    now = new Date(row.nextAttemptAt.getTime() + 1);
    expect((await deliverDueWebhooks(now, { fetch: fakeFetch, lookup: publicDns })).delivered).toBe(1);
    const [a, b] = calls;
    expect(a!.body).toBe(b!.body); // retries send identical bytes
    const secret = getDb().select().from(webhookDeliveries).innerJoin(candidates, eq(candidates.id, webhookDeliveries.candidateId)).get()!;
    const sig = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(b!.headers["Groundwork-Signature"]!)!;
    const ps = await alice.call(psPage.loader, `/org/prescreens/${prescreenId}`, { id: prescreenId });
    const whsec = (ps.data as { prescreen: { webhookSecret: string } }).prescreen.webhookSecret;
    expect(createHmac("sha256", whsec).update(`${sig[1]}.${b!.body}`).digest("hex")).toBe(sig[2]);
    const payload = JSON.parse(b!.body) as { event: string; data: { candidate: { email: string; submittedBy: string } } };
    expect(payload).toMatchObject({ event: "candidate.submitted", data: { candidate: { email: "gil@cand.test", submittedBy: "deadline" } } });
    expect(b!.headers["Groundwork-Delivery"]).toBe(secret.webhook_deliveries.id);
    expect(b!.body).not.toMatch(/rubric|modelAnswer|hiddenJs/);
    expect(MAX_ATTEMPTS).toBeGreaterThan(3);
  });

  it("refuses to call a private address (SSRF), without retrying", async () => {
    await alice.call(psPage.action, `/org/prescreens/${prescreenId}`, { id: prescreenId }, { form: { intent: "webhook", webhookUrl: "http://metadata.internal.test/latest" } });
    const res = await alice.call(psPage.action, `/org/prescreens/${prescreenId}`, { id: prescreenId }, { form: { intent: "invite", emails: "hal@cand.test" } });
    const token = tokenOf((res.data as { invites: Array<{ url: string }> }).invites[0]!.url);
    const t0 = soon(4);
    await startAttempt({ token, form: { consent: "yes", "intake.q1": "x" }, now: t0, ip: null });
    await sweepAttempts(new Date(t0.getTime() + 31 * 60_000));
    let called = 0;
    const fakeFetch = (async () => {
      called++;
      return new Response(null, { status: 204 });
    }) as unknown as typeof fetch;
    const tally = await deliverDueWebhooks(new Date(t0.getTime() + 32 * 60_000), { fetch: fakeFetch, lookup: async () => [{ address: "169.254.169.254" }] });
    expect(tally).toMatchObject({ failed: 1, delivered: 0, retried: 0 });
    expect(called).toBe(0);
    const row = getDb().select().from(webhookDeliveries).where(eq(webhookDeliveries.url, "http://metadata.internal.test/latest")).get()!;
    expect(row.status).toBe("failed");
    expect(row.lastError).toMatch(/private address \(169\.254\.169\.254\)/);
  });
});

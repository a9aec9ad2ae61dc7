/**
 * Candidates as the interviewer sees them: invites, the pipeline, the scorecard, grading free-text
 * answers, the comparison table and the CSV export. Every function takes the caller's
 * organisation; a candidate of another organisation is simply not found.
 */
import { randomUUID } from "node:crypto";
import { and, asc, eq, inArray } from "drizzle-orm";
import { candidateAnswers, candidateEvents, candidates, prescreenItems, prescreens, topics, type Candidate, type Prescreen } from "../../db/schema";
import type { Question } from "../content/schema";
import { gradeFreeText } from "../grading/grade";
import { revealQuestion, type Revealed } from "../grading/present";
import type { DrillResults } from "../drills/runner.server";
import type { DrillData } from "../drills/types";
import { scorecard, toCsv, type Scorecard, type ScoredItem } from "../prescreens/score";
import { getDb } from "../utils/db.server";
import { sendMail, type MailResult } from "../utils/mailer.server";
import { newSecret, sha256 } from "../utils/tokens.server";
import type { Response as GradedResponse } from "../grading/grade";
import { recordAudit, type Actor } from "./audit.server";
import { getQuestionVersion } from "./question.server";
import { normaliseEmail } from "./user.server";

export type InviteLink = { candidateId: string; email: string; url: string; expiresAt: Date; mailed: MailResult["sent"] };

export type InviteOutcome = { ok: true; invites: InviteLink[] } | { ok: false; status: 404 | 409; message: string };

/**
 * Creates one single-use link per address. The secret is returned here once and stored only as
 * its sha256. With `send`, each link is mailed (when SMTP is configured).
 */
export async function createInvites(input: {
  orgId: string;
  prescreenId: string;
  actor: Actor;
  emails: string[];
  expiresInDays: number;
  send: boolean;
  origin: string;
  now: Date;
}): Promise<InviteOutcome> {
  const db = getDb();
  const ps = db.select().from(prescreens).where(and(eq(prescreens.id, input.prescreenId), eq(prescreens.orgId, input.orgId))).get();
  if (!ps) return { ok: false, status: 404, message: "Pre-screen not found." };
  if (ps.status !== "published") return { ok: false, status: 409, message: ps.status === "draft" ? "Publish the pre-screen before inviting candidates." : "This pre-screen is closed." };
  const expiresAt = new Date(input.now.getTime() + input.expiresInDays * 86400_000);
  const created = db.transaction((tx) =>
    input.emails.map((raw) => {
      const email = normaliseEmail(raw);
      const token = newSecret();
      const id = randomUUID();
      tx.insert(candidates)
        .values({ id, orgId: input.orgId, prescreenId: ps.id, email, tokenHash: sha256(token), expiresAt, createdBy: input.actor.kind === "user" ? input.actor.userId : null, createdAt: input.now })
        .run();
      recordAudit({ orgId: input.orgId, actor: input.actor, action: "candidate.invited", targetType: "candidate", targetId: id, detail: { prescreenId: ps.id, email }, now: input.now }, tx);
      return { candidateId: id, email, url: `${input.origin}/c/${token}`, expiresAt };
    }),
  );
  const invites: InviteLink[] = [];
  for (const inv of created) {
    let mailed = false;
    if (input.send) {
      const result = await sendMail({ to: inv.email, subject: `Pre-screen: ${ps.title}`, text: inviteText(ps, inv.url, inv.expiresAt) });
      mailed = result.sent;
      if (mailed) db.update(candidates).set({ mailedAt: input.now }).where(eq(candidates.id, inv.candidateId)).run();
    }
    invites.push({ ...inv, mailed });
  }
  return { ok: true, invites };
}

function inviteText(ps: Prescreen, url: string, expiresAt: Date): string {
  return [
    `You have been invited to a pre-screen: ${ps.title}.`,
    "",
    `It takes at most ${ps.timeLimitMinutes} minutes once you start. No account is needed.`,
    `Open your personal link (do not share it): ${url}`,
    "",
    `The link works until ${expiresAt.toUTCString()}.`,
  ].join("\n");
}

export async function revokeCandidate(input: { orgId: string; candidateId: string; actor: Actor; now: Date }): Promise<{ ok: true } | { ok: false; status: 404 | 409; message: string }> {
  return getDb().transaction((tx) => {
    const c = tx.select({ status: candidates.status }).from(candidates).where(and(eq(candidates.id, input.candidateId), eq(candidates.orgId, input.orgId))).get();
    if (!c) return { ok: false as const, status: 404 as const, message: "Candidate not found." };
    if (c.status !== "invited" && c.status !== "started") return { ok: false as const, status: 409 as const, message: "A submitted attempt cannot be revoked." };
    tx.update(candidates).set({ status: "revoked", revokedAt: input.now }).where(eq(candidates.id, input.candidateId)).run();
    recordAudit({ orgId: input.orgId, actor: input.actor, action: "candidate.revoked", targetType: "candidate", targetId: input.candidateId, now: input.now }, tx);
    return { ok: true as const };
  });
}

export type CandidateRow = Pick<Candidate, "id" | "email" | "status" | "expiresAt" | "startedAt" | "submittedAt" | "submitReason" | "reviewedAt" | "createdAt" | "mailedAt" | "focusLosses" | "pastes" | "ipChanges">;

export async function listCandidates(input: { orgId: string; prescreenId: string }): Promise<CandidateRow[]> {
  return getDb()
    .select({
      id: candidates.id,
      email: candidates.email,
      status: candidates.status,
      expiresAt: candidates.expiresAt,
      startedAt: candidates.startedAt,
      submittedAt: candidates.submittedAt,
      submitReason: candidates.submitReason,
      reviewedAt: candidates.reviewedAt,
      createdAt: candidates.createdAt,
      mailedAt: candidates.mailedAt,
      focusLosses: candidates.focusLosses,
      pastes: candidates.pastes,
      ipChanges: candidates.ipChanges,
    })
    .from(candidates)
    .where(and(eq(candidates.orgId, input.orgId), eq(candidates.prescreenId, input.prescreenId)))
    .orderBy(asc(candidates.createdAt), asc(candidates.email))
    .all();
}

/* ------------------------------------------------------------------------------------------------
 * Scorecard
 * --------------------------------------------------------------------------------------------- */

export type ScorecardItem = {
  position: number;
  kind: "question" | "drill";
  refId: string;
  topic: string;
  topicTitle: string;
  difficulty: string;
  type: string;
  dimensions: string[];
  answered: boolean;
  score: number | null;
  correct: boolean | null;
  pending: boolean;
  msSpent: number;
  saves: number;
  pastes: number;
  focusLosses: number;
  question?: Revealed;
  drill?: { title: string; promptHtml: string; code: string; language: string; results: DrillResults | null };
  grading?: { checked: number[]; comment: string | null; gradedAt: Date | null };
};

export type CandidateScorecard = {
  candidate: Candidate;
  prescreen: Pick<Prescreen, "id" | "title" | "intakeQuestions" | "timeLimitMinutes">;
  items: ScorecardItem[];
  score: Scorecard;
  signals: { focusLosses: number; pastes: number; ipChanges: number; events: Array<{ kind: string; position: number | null; detail: string | null; at: Date }> };
};

async function loadScorecard(c: Candidate, ps: Prescreen): Promise<CandidateScorecard> {
  const db = getDb();
  const answers = db.select().from(candidateAnswers).where(eq(candidateAnswers.candidateId, c.id)).all();
  const draw = c.draw ?? [];
  const pinned = draw.length
    ? db.select().from(prescreenItems).where(and(eq(prescreenItems.prescreenId, ps.id), inArray(prescreenItems.itemKey, draw.map((d) => d.itemKey)))).all()
    : [];
  const byKey = new Map(pinned.map((p) => [p.itemKey, p]));
  const topicTitles = new Map(db.select({ slug: topics.slug, title: topics.title }).from(topics).all().map((t) => [t.slug, t.title]));
  const events = db.select().from(candidateEvents).where(eq(candidateEvents.candidateId, c.id)).orderBy(asc(candidateEvents.at)).all();
  const submitted = c.status === "submitted" || c.status === "reviewed";
  const items: ScorecardItem[] = [];
  for (const [position, drawn] of draw.entries()) {
    const p = byKey.get(drawn.itemKey);
    if (!p) continue;
    const a = answers.find((x) => x.position === position);
    const base = {
      position,
      kind: p.kind,
      refId: p.refId,
      topic: p.topicSlug,
      topicTitle: topicTitles.get(p.topicSlug) ?? p.topicSlug,
      difficulty: p.difficulty,
      type: p.type,
      answered: Boolean(a?.response),
      msSpent: a?.msSpent ?? 0,
      saves: a?.saves ?? 0,
      pastes: events.filter((e) => e.kind === "paste" && e.position === position).length,
      focusLosses: events.filter((e) => e.kind === "focus-loss" && e.position === position).length,
    };
    if (p.kind === "drill") {
      const data = p.drillSnapshot as DrillData & { title: string };
      const code = a?.response as { code: string; language: string } | null;
      items.push({
        ...base,
        dimensions: data.dimensions,
        score: a?.score ?? (submitted ? 0 : null),
        correct: a?.correct ?? null,
        pending: submitted && !c.scoredAt,
        drill: { title: data.title, promptHtml: data.promptHtml, code: code?.code ?? "", language: code?.language ?? "", results: (a?.drillResults as DrillResults | null) ?? null },
      });
      continue;
    }
    const q = (await getQuestionVersion(p.refId, p.questionVersion!)) as Question;
    const response = a?.response as GradedResponse | null;
    const isFree = q.type === "free-text";
    const graded = a?.score !== null && a?.score !== undefined;
    items.push({
      ...base,
      dimensions: q.dimensions,
      score: a?.score ?? (submitted ? 0 : null),
      correct: a?.correct ?? null,
      pending: isFree && Boolean(response) && !graded,
      question: response ? revealQuestion(q, p.questionVersion!, drawn.seed, response, { score: a?.score ?? null, correct: a?.correct ?? null }) : revealQuestion(q, p.questionVersion!, drawn.seed, emptyResponse(q), { score: 0, correct: false }),
      grading: isFree ? { checked: a?.rubricChecked ?? [], comment: a?.graderComment ?? null, gradedAt: a?.gradedAt ?? null } : undefined,
    });
  }
  const scored: ScoredItem[] = items.map((i) => ({ topic: i.topic, dimensions: i.dimensions, score: i.score, pending: i.pending }));
  return {
    candidate: c,
    prescreen: { id: ps.id, title: ps.title, intakeQuestions: ps.intakeQuestions, timeLimitMinutes: ps.timeLimitMinutes },
    items,
    score: scorecard(scored),
    signals: { focusLosses: c.focusLosses, pastes: c.pastes, ipChanges: c.ipChanges, events: events.map((e) => ({ kind: e.kind, position: e.position, detail: e.detail, at: e.at })) },
  };
}

function emptyResponse(q: Question): GradedResponse {
  switch (q.type) {
    case "single":
      return { type: "single", choice: -1 };
    case "multiple":
      return { type: "multiple", choices: [] };
    case "true-false":
      return { type: "true-false", value: !q.answer };
    case "numeric":
      return { type: "numeric", value: Number.NaN };
    case "ordering":
      return { type: "ordering", order: [] };
    case "free-text":
      return { type: "free-text", text: "" };
  }
}

function owned(orgId: string, candidateId: string) {
  return (
    getDb()
      .select({ candidate: candidates, prescreen: prescreens })
      .from(candidates)
      .innerJoin(prescreens, eq(prescreens.id, candidates.prescreenId))
      .where(and(eq(candidates.id, candidateId), eq(candidates.orgId, orgId)))
      .get() ?? null
  );
}

export async function getScorecard(input: { orgId: string; candidateId: string; prescreenId?: string }): Promise<CandidateScorecard | null> {
  const row = owned(input.orgId, input.candidateId);
  if (!row || (input.prescreenId && row.prescreen.id !== input.prescreenId)) return null;
  return loadScorecard(row.candidate, row.prescreen);
}

export type GradeResult = { ok: true } | { ok: false; status: 400 | 404 | 409; message: string };

/** The interviewer ticks the rubric points a free-text answer covers; the score follows from them. */
export async function gradeAnswer(input: { orgId: string; candidateId: string; position: number; checked: number[]; comment: string; actor: Actor; now: Date }): Promise<GradeResult> {
  const row = owned(input.orgId, input.candidateId);
  if (!row) return { ok: false, status: 404, message: "Candidate not found." };
  const c = row.candidate;
  if (c.status !== "submitted" && c.status !== "reviewed") return { ok: false, status: 409, message: "Grade after the candidate has submitted." };
  const drawn = c.draw?.[input.position];
  const db = getDb();
  const p = drawn ? db.select().from(prescreenItems).where(and(eq(prescreenItems.prescreenId, row.prescreen.id), eq(prescreenItems.itemKey, drawn.itemKey))).get() : undefined;
  if (!p || p.kind !== "question") return { ok: false, status: 404, message: "No such item." };
  const q = await getQuestionVersion(p.refId, p.questionVersion!);
  if (!q || q.type !== "free-text") return { ok: false, status: 400, message: "Only free-text answers are graded by hand." };
  const a = db.select().from(candidateAnswers).where(and(eq(candidateAnswers.candidateId, c.id), eq(candidateAnswers.position, input.position))).get();
  if (!a?.response) return { ok: false, status: 409, message: "The candidate left this unanswered: it scores 0." };
  const checked = [...new Set(input.checked)].filter((i) => i >= 0 && i < q.rubric.length).sort((x, y) => x - y);
  const g = gradeFreeText(q.rubric.length, checked);
  db.transaction((tx) => {
    tx.update(candidateAnswers)
      .set({ score: g.score, correct: g.correct, rubricChecked: checked, graderComment: input.comment || null, gradedBy: input.actor.kind === "user" ? input.actor.userId : null, gradedAt: input.now })
      .where(and(eq(candidateAnswers.candidateId, c.id), eq(candidateAnswers.position, input.position)))
      .run();
    recordAudit({ orgId: input.orgId, actor: input.actor, action: "candidate.graded", targetType: "candidate", targetId: c.id, detail: { position: input.position, questionId: q.id, covered: checked.length, of: q.rubric.length }, now: input.now }, tx);
  });
  return { ok: true };
}

export async function markReviewed(input: { orgId: string; candidateId: string; note: string; actor: Actor; now: Date }): Promise<GradeResult> {
  return getDb().transaction((tx): GradeResult => {
    const c = tx.select({ status: candidates.status }).from(candidates).where(and(eq(candidates.id, input.candidateId), eq(candidates.orgId, input.orgId))).get();
    if (!c) return { ok: false, status: 404, message: "Candidate not found." };
    if (c.status !== "submitted" && c.status !== "reviewed") return { ok: false, status: 409, message: "Review after the candidate has submitted." };
    tx.update(candidates).set({ status: "reviewed", reviewedAt: input.now, interviewerNote: input.note || null }).where(eq(candidates.id, input.candidateId)).run();
    recordAudit({ orgId: input.orgId, actor: input.actor, action: "candidate.reviewed", targetType: "candidate", targetId: input.candidateId, now: input.now }, tx);
    return { ok: true };
  });
}

/* ------------------------------------------------------------------------------------------------
 * Comparison and export
 * --------------------------------------------------------------------------------------------- */

export type ComparisonRow = { candidate: CandidateRow & { intakeAnswers: Record<string, string> | null; minutes: number | null }; score: Scorecard | null };

export async function compareCandidates(input: { orgId: string; prescreenId: string }): Promise<{ prescreen: Prescreen; rows: ComparisonRow[] } | null> {
  const db = getDb();
  const ps = db.select().from(prescreens).where(and(eq(prescreens.id, input.prescreenId), eq(prescreens.orgId, input.orgId))).get();
  if (!ps) return null;
  const cs = db.select().from(candidates).where(and(eq(candidates.orgId, input.orgId), eq(candidates.prescreenId, ps.id))).orderBy(asc(candidates.createdAt), asc(candidates.email)).all();
  const rows: ComparisonRow[] = [];
  for (const c of cs) {
    const done = c.status === "submitted" || c.status === "reviewed";
    const minutes = c.startedAt && c.submittedAt ? Math.round((c.submittedAt.getTime() - c.startedAt.getTime()) / 60_000) : null;
    rows.push({ candidate: { ...c, minutes }, score: done ? (await loadScorecard(c, ps)).score : null });
  }
  return { prescreen: ps, rows };
}

export async function exportCsv(input: { orgId: string; prescreenId: string; actor: Actor; now: Date }): Promise<{ filename: string; csv: string } | null> {
  const cmp = await compareCandidates(input);
  if (!cmp) return null;
  const dims = [...new Set(cmp.rows.flatMap((r) => r.score?.byDimension.map((d) => d.dimension) ?? []))];
  const tops = [...new Set(cmp.rows.flatMap((r) => r.score?.byTopic.map((t) => t.topic) ?? []))].sort();
  const intake = cmp.prescreen.intakeQuestions;
  const header = [
    "email",
    "status",
    "invited_at",
    "started_at",
    "submitted_at",
    "submitted_by",
    "minutes",
    "score_pct",
    "points",
    "max_points",
    "pending_free_text",
    ...dims.map((d) => `dimension:${d}_pct`),
    ...tops.map((t) => `topic:${t}_pct`),
    "focus_losses",
    "pastes",
    "ip_changes",
    ...intake.map((q) => `intake:${q.label}`),
  ];
  const rows = cmp.rows.map(({ candidate: c, score: s }) => [
    c.email,
    c.status,
    c.createdAt,
    c.startedAt,
    c.submittedAt,
    c.submitReason,
    c.minutes,
    s?.overall.pct,
    s?.overall.points,
    s?.overall.max,
    s?.overall.pending,
    ...dims.map((d) => s?.byDimension.find((x) => x.dimension === d)?.pct),
    ...tops.map((t) => s?.byTopic.find((x) => x.topic === t)?.pct),
    c.focusLosses,
    c.pastes,
    c.ipChanges,
    ...intake.map((q) => c.intakeAnswers?.[q.id] ?? ""),
  ]);
  recordAudit({ orgId: input.orgId, actor: input.actor, action: "results.exported", targetType: "prescreen", targetId: cmp.prescreen.id, detail: { rows: rows.length }, now: input.now });
  const slug = cmp.prescreen.title.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 40) || "prescreen";
  return { filename: `${slug}-results.csv`, csv: toCsv([header, ...rows]) };
}

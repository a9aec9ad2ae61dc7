/**
 * Pre-screens (interviewer side): build from a blueprint, preview, publish (pinning content), close.
 * Every function takes the caller's organisation and scopes every query by it.
 */
import { randomUUID } from "node:crypto";
import { and, asc, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { candidates, drills, prescreenItems, prescreens, questions, topics, type IntakeQuestion, type Prescreen } from "../../db/schema";
import type { Settings } from "../forms/prescreen";
import { blueprintSchema, draftBlueprintSchema, type Blueprint, type Section } from "../prescreens/blueprint";
import { getDb } from "../utils/db.server";
import { newSecret } from "../utils/tokens.server";
import { recordAudit, type Actor } from "./audit.server";
import { getQuestionVersion } from "./question.server";
import { mapJobDescription, type JdTopic } from "../prescreens/jd-map";

export type PrescreenSummary = Pick<Prescreen, "id" | "title" | "status" | "timeLimitMinutes" | "opensAt" | "closesAt" | "createdAt" | "publishedAt"> & {
  counts: Record<"invited" | "started" | "submitted" | "reviewed" | "revoked", number>;
};

const emptyCounts = () => ({ invited: 0, started: 0, submitted: 0, reviewed: 0, revoked: 0 });

export async function listPrescreens(input: { orgId: string }): Promise<PrescreenSummary[]> {
  const db = getDb();
  const rows = db
    .select({
      id: prescreens.id,
      title: prescreens.title,
      status: prescreens.status,
      timeLimitMinutes: prescreens.timeLimitMinutes,
      opensAt: prescreens.opensAt,
      closesAt: prescreens.closesAt,
      createdAt: prescreens.createdAt,
      publishedAt: prescreens.publishedAt,
    })
    .from(prescreens)
    .where(eq(prescreens.orgId, input.orgId))
    .orderBy(desc(prescreens.createdAt))
    .all();
  const counts = db
    .select({ prescreenId: candidates.prescreenId, status: candidates.status, n: sql<number>`count(*)` })
    .from(candidates)
    .where(eq(candidates.orgId, input.orgId))
    .groupBy(candidates.prescreenId, candidates.status)
    .all();
  const byId = new Map<string, ReturnType<typeof emptyCounts>>();
  for (const c of counts) (byId.get(c.prescreenId) ?? byId.set(c.prescreenId, emptyCounts()).get(c.prescreenId)!)[c.status] = c.n;
  return rows.map((r) => ({ ...r, counts: byId.get(r.id) ?? emptyCounts() }));
}

export async function getPrescreen(input: { orgId: string; id: string }): Promise<(Prescreen & { blueprint: Blueprint }) | null> {
  const row = getDb().select().from(prescreens).where(and(eq(prescreens.id, input.id), eq(prescreens.orgId, input.orgId))).get();
  if (!row) return null;
  return { ...row, blueprint: draftBlueprintSchema.parse(row.blueprint) };
}

function intakeFrom(labels: string[]): IntakeQuestion[] {
  return labels.map((label, i) => ({ id: `q${i + 1}`, label }));
}

export async function createPrescreen(input: { orgId: string; actor: Actor; title: string; blueprint: Blueprint; jobDescription?: string | null; intake?: string[]; now: Date }): Promise<string> {
  const id = randomUUID();
  getDb().transaction((tx) => {
    tx.insert(prescreens)
      .values({
        id,
        orgId: input.orgId,
        title: input.title,
        instructions: "",
        timeLimitMinutes: 60,
        status: "draft",
        blueprint: input.blueprint,
        intakeQuestions: intakeFrom(input.intake ?? []),
        jobDescription: input.jobDescription || null,
        createdBy: input.actor.kind === "user" ? input.actor.userId : null,
        createdAt: input.now,
      })
      .run();
    recordAudit({ orgId: input.orgId, actor: input.actor, action: "prescreen.created", targetType: "prescreen", targetId: id, detail: { title: input.title, fromJobDescription: Boolean(input.jobDescription) }, now: input.now }, tx);
  });
  return id;
}

export type Mutation = { ok: true } | { ok: false; status: 404 | 409; message: string };

export async function updatePrescreen(input: { orgId: string; id: string; actor: Actor; settings: Settings; blueprint: Blueprint; now: Date }): Promise<Mutation> {
  return getDb().transaction((tx): Mutation => {
    const row = tx.select({ status: prescreens.status }).from(prescreens).where(and(eq(prescreens.id, input.id), eq(prescreens.orgId, input.orgId))).get();
    if (!row) return { ok: false, status: 404, message: "Pre-screen not found." };
    if (row.status !== "draft") return { ok: false, status: 409, message: "A published pre-screen cannot be edited; its content is pinned." };
    const s = input.settings;
    tx.update(prescreens)
      .set({
        title: s.title,
        instructions: s.instructions,
        timeLimitMinutes: s.timeLimitMinutes,
        opensAt: s.opensAt ?? null,
        closesAt: s.closesAt ?? null,
        intakeQuestions: intakeFrom(s.intake),
        blueprint: input.blueprint,
      })
      .where(eq(prescreens.id, input.id))
      .run();
    recordAudit({ orgId: input.orgId, actor: input.actor, action: "prescreen.updated", targetType: "prescreen", targetId: input.id, now: input.now }, tx);
    return { ok: true };
  });
}

export async function setWebhook(input: { orgId: string; id: string; actor: Actor; url: string | undefined; now: Date }): Promise<Mutation & { secret?: string | null }> {
  return getDb().transaction((tx) => {
    const row = tx.select({ secret: prescreens.webhookSecret }).from(prescreens).where(and(eq(prescreens.id, input.id), eq(prescreens.orgId, input.orgId))).get();
    if (!row) return { ok: false as const, status: 404 as const, message: "Pre-screen not found." };
    const secret = input.url ? (row.secret ?? `whsec_${newSecret()}`) : null;
    tx.update(prescreens).set({ webhookUrl: input.url ?? null, webhookSecret: secret }).where(eq(prescreens.id, input.id)).run();
    recordAudit({ orgId: input.orgId, actor: input.actor, action: "prescreen.updated", targetType: "prescreen", targetId: input.id, detail: { webhook: input.url ? "set" : "removed" }, now: input.now }, tx);
    return { ok: true as const, secret };
  });
}

/* ---------------------------------------------------------------------------------------------
 * Pools: which items a section can draw, from the live bank (drafts) or the pinned copy (published).
 * ------------------------------------------------------------------------------------------- */

export type PoolItem = { itemKey: string; kind: "question" | "drill"; refId: string; topicSlug: string; difficulty: string; type: string; version: number | null };

function sectionPool(section: Section): PoolItem[] {
  const db = getDb();
  if (section.kind === "drills") {
    return db
      .select({ id: drills.id, topicSlug: drills.topicSlug, difficulty: drills.difficulty, data: drills.data })
      .from(drills)
      .where(and(eq(drills.topicSlug, section.topic), isNull(drills.retiredAt), section.difficulty === "any" ? undefined : eq(drills.difficulty, section.difficulty)))
      .orderBy(asc(drills.id))
      .all()
      .map((d) => ({ itemKey: `d:${d.id}`, kind: "drill" as const, refId: d.id, topicSlug: d.topicSlug, difficulty: d.difficulty, type: (d.data as { kind?: string }).kind ?? "code", version: null }));
  }
  return db
    .select({ id: questions.id, topicSlug: questions.topicSlug, difficulty: questions.difficulty, type: questions.type, version: questions.currentVersion })
    .from(questions)
    .where(
      and(
        eq(questions.topicSlug, section.topic),
        isNull(questions.retiredAt),
        section.difficulty === "any" ? undefined : eq(questions.difficulty, section.difficulty),
        section.types.length > 0 ? inArray(questions.type, section.types) : undefined,
      ),
    )
    .orderBy(asc(questions.id))
    .all()
    .map((q) => ({ itemKey: `q:${q.id}`, kind: "question" as const, refId: q.id, topicSlug: q.topicSlug, difficulty: q.difficulty, type: q.type, version: q.version }));
}

function pickItem(kind: "question" | "drill", id: string): PoolItem | null {
  const db = getDb();
  if (kind === "drill") {
    const d = db.select({ id: drills.id, topicSlug: drills.topicSlug, difficulty: drills.difficulty, data: drills.data }).from(drills).where(and(eq(drills.id, id), isNull(drills.retiredAt))).get();
    return d ? { itemKey: `d:${d.id}`, kind, refId: d.id, topicSlug: d.topicSlug, difficulty: d.difficulty, type: (d.data as { kind?: string }).kind ?? "code", version: null } : null;
  }
  const q = db
    .select({ id: questions.id, topicSlug: questions.topicSlug, difficulty: questions.difficulty, type: questions.type, version: questions.currentVersion })
    .from(questions)
    .where(and(eq(questions.id, id), isNull(questions.retiredAt)))
    .get();
  return q ? { itemKey: `q:${q.id}`, kind, refId: q.id, topicSlug: q.topicSlug, difficulty: q.difficulty, type: q.type, version: q.version } : null;
}

export type SectionCheck = { index: number; available: number; wanted: number; ok: boolean };
export type BlueprintCheck = { sections: SectionCheck[]; missingPicks: string[]; total: number; ok: boolean };

/** Pool sizes per section against the live bank, and hand-picks that no longer exist. */
export async function checkBlueprint(blueprint: Blueprint): Promise<BlueprintCheck> {
  const sections = blueprint.sections.map((s, index) => {
    const available = sectionPool(s).length;
    return { index, available, wanted: s.count, ok: available >= s.count };
  });
  const missingPicks = blueprint.picks.filter((p) => !pickItem(p.kind, p.id)).map((p) => p.id);
  const total = blueprint.sections.reduce((n, s) => n + s.count, 0) + blueprint.picks.length;
  return { sections, missingPicks, total, ok: total > 0 && sections.every((s) => s.ok) && missingPicks.length === 0 };
}

/** Everything a blueprint may draw, from the live bank: item → the sections (−1 = picked) that include it. */
function livePool(blueprint: Blueprint): Map<string, PoolItem & { sections: number[] }> {
  const pool = new Map<string, PoolItem & { sections: number[] }>();
  blueprint.sections.forEach((s, i) => {
    for (const item of sectionPool(s)) (pool.get(item.itemKey) ?? pool.set(item.itemKey, { ...item, sections: [] }).get(item.itemKey)!).sections.push(i);
  });
  for (const p of blueprint.picks) {
    const item = pickItem(p.kind, p.id);
    if (item) (pool.get(item.itemKey) ?? pool.set(item.itemKey, { ...item, sections: [] }).get(item.itemKey)!).sections.push(-1);
  }
  return pool;
}

/**
 * Draws one paper: hand-picks in order, then each section's random draw (no item twice), drills
 * last. `random` is injectable so tests are deterministic; candidates get crypto randomness.
 */
export function drawItems(blueprint: Blueprint, pool: Array<{ itemKey: string; kind: string; sections: number[] }>, random: () => number): string[] {
  const taken = new Set<string>();
  const questionsOut: string[] = [];
  const drillsOut: string[] = [];
  const byKey = new Map(pool.map((p) => [p.itemKey, p]));
  for (const p of blueprint.picks) {
    const key = `${p.kind === "drill" ? "d" : "q"}:${p.id}`;
    if (byKey.has(key) && !taken.has(key)) {
      taken.add(key);
      (p.kind === "drill" ? drillsOut : questionsOut).push(key);
    }
  }
  blueprint.sections.forEach((s, i) => {
    const candidatesFor = pool.filter((p) => p.sections.includes(i) && !taken.has(p.itemKey)).map((p) => p.itemKey);
    for (let n = 0; n < s.count && candidatesFor.length > 0; n++) {
      const j = Math.floor(random() * candidatesFor.length);
      const [key] = candidatesFor.splice(j, 1);
      taken.add(key!);
      (s.kind === "drills" ? drillsOut : questionsOut).push(key!);
    }
  });
  return [...questionsOut, ...drillsOut];
}

export type PreviewItem = { itemKey: string; kind: "question" | "drill"; refId: string; topicSlug: string; difficulty: string; type: string; excerpt: string };

export function excerptOf(html: string, max = 160): string {
  const text = html.replace(/<pre[\s\S]*?<\/pre>/g, " [code] ").replace(/<[^>]+>/g, " ").replace(/&[a-z#0-9]+;/gi, (e) => ({ "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'" })[e] ?? " ").replace(/\s+/g, " ").trim();
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

async function describe(item: PoolItem): Promise<PreviewItem> {
  let excerpt = "";
  if (item.kind === "question" && item.version !== null) {
    const q = await getQuestionVersion(item.refId, item.version);
    excerpt = q ? excerptOf(q.prompt) : "";
  } else {
    const d = getDb().select({ title: drills.title, summary: drills.summary }).from(drills).where(eq(drills.id, item.refId)).get();
    excerpt = d ? `${d.title}: ${d.summary}` : "";
  }
  return { itemKey: item.itemKey, kind: item.kind, refId: item.refId, topicSlug: item.topicSlug, difficulty: item.difficulty, type: item.type, excerpt };
}

/** A sample candidate's paper from a draft (live bank) or a published pre-screen (pinned pool). */
export async function previewDraw(input: { orgId: string; id: string; random?: () => number }): Promise<PreviewItem[] | null> {
  const ps = await getPrescreen(input);
  if (!ps) return null;
  const pool = ps.status === "draft" ? [...livePool(ps.blueprint).values()] : await pinnedPool(ps.id);
  const keys = drawItems(ps.blueprint, pool, input.random ?? Math.random);
  const byKey = new Map(pool.map((p) => [p.itemKey, p]));
  return Promise.all(keys.map((k) => describe(byKey.get(k)!)));
}

export async function pinnedPool(prescreenId: string): Promise<Array<PoolItem & { sections: number[] }>> {
  return getDb()
    .select()
    .from(prescreenItems)
    .where(eq(prescreenItems.prescreenId, prescreenId))
    .all()
    .map((r) => ({ itemKey: r.itemKey, kind: r.kind, refId: r.refId, topicSlug: r.topicSlug, difficulty: r.difficulty, type: r.type, version: r.questionVersion, sections: r.sections }));
}

export type PublishResult = { ok: true } | { ok: false; status: 404 | 409 | 400; message: string; check?: BlueprintCheck };

/**
 * Publishes a draft: validates the blueprint against the bank, then pins every poolable item —
 * the question version (immutable) or a snapshot of the drill — so later edits never reach it.
 */
export async function publishPrescreen(input: { orgId: string; id: string; actor: Actor; now: Date }): Promise<PublishResult> {
  const ps = await getPrescreen(input);
  if (!ps) return { ok: false, status: 404, message: "Pre-screen not found." };
  if (ps.status !== "draft") return { ok: false, status: 409, message: "This pre-screen is already published." };
  const parsed = blueprintSchema.safeParse(ps.blueprint);
  if (!parsed.success) return { ok: false, status: 400, message: parsed.error.issues[0]?.message ?? "The blueprint is not complete." };
  const check = await checkBlueprint(parsed.data);
  if (!check.ok) return { ok: false, status: 400, message: "Some sections ask for more items than the bank has, or a hand-picked item is gone.", check };
  const pool = livePool(parsed.data);
  const db = getDb();
  return db.transaction((tx): PublishResult => {
    const changed = tx
      .update(prescreens)
      .set({ status: "published", publishedAt: input.now })
      .where(and(eq(prescreens.id, input.id), eq(prescreens.orgId, input.orgId), eq(prescreens.status, "draft")))
      .run().changes;
    if (changed !== 1) return { ok: false, status: 409, message: "This pre-screen is already published." };
    for (const item of pool.values()) {
      const drill = item.kind === "drill" ? tx.select({ data: drills.data, title: drills.title, summary: drills.summary }).from(drills).where(eq(drills.id, item.refId)).get() : undefined;
      const snapshot = drill ? { ...(drill.data as object), title: drill.title, summary: drill.summary } : null;
      tx.insert(prescreenItems)
        .values({
          prescreenId: input.id,
          itemKey: item.itemKey,
          kind: item.kind,
          refId: item.refId,
          questionVersion: item.version,
          drillSnapshot: snapshot,
          topicSlug: item.topicSlug,
          difficulty: item.difficulty,
          type: item.type,
          sections: item.sections,
        })
        .run();
    }
    recordAudit({ orgId: input.orgId, actor: input.actor, action: "prescreen.published", targetType: "prescreen", targetId: input.id, detail: { poolSize: pool.size, itemsPerCandidate: check.total }, now: input.now }, tx);
    return { ok: true };
  });
}

export async function closePrescreen(input: { orgId: string; id: string; actor: Actor; now: Date }): Promise<Mutation> {
  return getDb().transaction((tx): Mutation => {
    const row = tx.select({ status: prescreens.status }).from(prescreens).where(and(eq(prescreens.id, input.id), eq(prescreens.orgId, input.orgId))).get();
    if (!row) return { ok: false, status: 404, message: "Pre-screen not found." };
    if (row.status !== "published") return { ok: false, status: 409, message: "Only a published pre-screen can be closed." };
    tx.update(prescreens).set({ status: "closed", closesAt: input.now }).where(eq(prescreens.id, input.id)).run();
    recordAudit({ orgId: input.orgId, actor: input.actor, action: "prescreen.closed", targetType: "prescreen", targetId: input.id, now: input.now }, tx);
    return { ok: true };
  });
}

/** Topics with their pool sizes, for the builder's selects. */
export async function builderCatalog() {
  const db = getDb();
  const ts = db.select({ slug: topics.slug, title: topics.title, group: topics.groupName }).from(topics).where(isNull(topics.retiredAt)).orderBy(asc(topics.sortOrder)).all();
  const q = db.select({ topic: questions.topicSlug, n: sql<number>`count(*)` }).from(questions).where(isNull(questions.retiredAt)).groupBy(questions.topicSlug).all();
  const d = db.select({ topic: drills.topicSlug, n: sql<number>`count(*)` }).from(drills).where(isNull(drills.retiredAt)).groupBy(drills.topicSlug).all();
  const qn = new Map(q.map((r) => [r.topic, r.n]));
  const dn = new Map(d.map((r) => [r.topic, r.n]));
  return ts.map((t) => ({ ...t, questions: qn.get(t.slug) ?? 0, drills: dn.get(t.slug) ?? 0 }));
}

/** Items of one topic for hand-picking (live bank). */
export async function listPickable(topicSlug: string): Promise<PreviewItem[]> {
  const items = [...sectionPool({ kind: "questions", topic: topicSlug, difficulty: "any", types: [], count: 1 }), ...sectionPool({ kind: "drills", topic: topicSlug, difficulty: "any", types: [], count: 1 })];
  return Promise.all(items.map(describe));
}

/** Topics as the job-description mapper needs them: counts per difficulty and drills. */
export async function jdCatalog(): Promise<JdTopic[]> {
  const db = getDb();
  const ts = db.select({ slug: topics.slug, title: topics.title }).from(topics).where(isNull(topics.retiredAt)).all();
  const q = db.select({ topic: questions.topicSlug, difficulty: questions.difficulty, n: sql<number>`count(*)` }).from(questions).where(isNull(questions.retiredAt)).groupBy(questions.topicSlug, questions.difficulty).all();
  const d = db.select({ topic: drills.topicSlug, n: sql<number>`count(*)` }).from(drills).where(isNull(drills.retiredAt)).groupBy(drills.topicSlug).all();
  return ts.map((t) => {
    const byDifficulty = { junior: 0, mid: 0, senior: 0 };
    for (const r of q) if (r.topic === t.slug && r.difficulty in byDifficulty) byDifficulty[r.difficulty as keyof typeof byDifficulty] = r.n;
    return { slug: t.slug, title: t.title, questions: byDifficulty.junior + byDifficulty.mid + byDifficulty.senior, drills: d.find((x) => x.topic === t.slug)?.n ?? 0, byDifficulty };
  });
}

/** The proposal for a pasted job description (deterministic; see docs/jd-mapping.md). */
export async function proposeFromJobDescription(text: string) {
  return mapJobDescription(text, await jdCatalog(), JD_OPTIONS);
}

/** Wide enough that the seed job description's whole system-design list makes the cut. */
export const JD_OPTIONS = { totalQuestions: 20, maxTopics: 12, includeDrills: true } as const;

/**
 * Code drills: listing, the public part of a drill (never its hidden tests), drafts and runs.
 * Every function that touches a learner's data takes their id and scopes by it.
 */
import { and, asc, desc, eq, isNull, sql } from "drizzle-orm";
import { drillDrafts, drillRuns, drills, topics } from "../../db/schema";
import type { DrillResults, RunnableDrill } from "../drills/runner.server";
import type { DrillKind, SubmissionLanguage } from "../drills/schema";
import type { DrillData, SchemaTable } from "../drills/types";
import { getDb } from "../utils/db.server";

export type DrillSummary = {
  id: string;
  title: string;
  summary: string;
  difficulty: string;
  topicSlug: string;
  topicTitle: string;
  group: string;
  /** For the learner: passed on submission, attempted, or not started. */
  progress: "passed" | "attempted" | "new";
};

export async function listDrills(input: { userId: string | null; topicSlug?: string }): Promise<DrillSummary[]> {
  const db = getDb();
  const rows = db
    .select({
      id: drills.id,
      title: drills.title,
      summary: drills.summary,
      difficulty: drills.difficulty,
      topicSlug: drills.topicSlug,
      topicTitle: topics.title,
      group: topics.groupName,
    })
    .from(drills)
    .innerJoin(topics, eq(topics.slug, drills.topicSlug))
    .where(and(isNull(drills.retiredAt), input.topicSlug ? eq(drills.topicSlug, input.topicSlug) : undefined))
    .orderBy(asc(topics.sortOrder), sql`CASE ${drills.difficulty} WHEN 'junior' THEN 0 WHEN 'mid' THEN 1 ELSE 2 END`, asc(drills.title))
    .all();
  const progress = new Map<string, "passed" | "attempted">();
  if (input.userId) {
    const runs = db
      .select({ drillId: drillRuns.drillId, passed: sql<number>`max(${drillRuns.kind} = 'submit' AND ${drillRuns.status} = 'pass')` })
      .from(drillRuns)
      .where(eq(drillRuns.userId, input.userId))
      .groupBy(drillRuns.drillId)
      .all();
    for (const r of runs) progress.set(r.drillId, r.passed ? "passed" : "attempted");
  }
  return rows.map((r) => ({ ...r, progress: progress.get(r.id) ?? "new" }));
}

export type PublicDrill = {
  id: string;
  title: string;
  summary: string;
  difficulty: string;
  topicSlug: string;
  topicTitle: string;
  promptHtml: string;
  starter: string;
  visibleTests: string;
  timeLimitMs: number;
  memoryLimitMb: number;
  references: Array<{ title: string; url: string }>;
  kind: string;
  /** SQL drills: the tables the learner works with. */
  schema: SchemaTable[];
};

function liveDrill(id: string) {
  return getDb()
    .select({ drill: drills, topicTitle: topics.title })
    .from(drills)
    .innerJoin(topics, eq(topics.slug, drills.topicSlug))
    .where(and(eq(drills.id, id), isNull(drills.retiredAt)))
    .get();
}

/** The public part of a drill's data: no hidden tests, no solutions. */
export function publicDrillFromData(meta: Omit<PublicDrill, "promptHtml" | "starter" | "visibleTests" | "timeLimitMs" | "memoryLimitMb" | "references" | "kind" | "schema">, d: DrillData): PublicDrill {
  return {
    ...meta,
    promptHtml: d.promptHtml,
    starter: d.starter,
    visibleTests: d.visibleTests,
    timeLimitMs: d.timeLimitMs,
    memoryLimitMb: d.memoryLimitMb,
    references: d.references,
    kind: d.kind ?? "code",
    schema: d.schema ?? [],
  };
}

/** What the browser may see of a drill: no hidden tests, no solutions. */
export async function getPublicDrill(id: string): Promise<PublicDrill | null> {
  const row = liveDrill(id);
  if (!row) return null;
  const { drill } = row;
  return publicDrillFromData(
    { id: drill.id, title: drill.title, summary: drill.summary, difficulty: drill.difficulty, topicSlug: drill.topicSlug, topicTitle: row.topicTitle },
    drill.data as DrillData,
  );
}

/** The server-side drill the runner needs from a drill's data, hidden tests included. */
export function runnableFromData(id: string, d: DrillData): RunnableDrill & { concepts: string[] } {
  return {
    id,
    kind: (d.kind ?? "code") as DrillKind,
    visibleJs: d.visibleJs,
    hiddenJs: d.hiddenJs,
    timeLimitMs: d.timeLimitMs,
    memoryLimitMb: d.memoryLimitMb,
    concepts: d.concepts,
    datasetSql: d.datasetSql,
    sql: d.sql,
    referenceSql: d.referenceSql,
  };
}

/** The server-side drill the runner needs, hidden tests included. */
export async function getRunnableDrill(id: string): Promise<(RunnableDrill & { concepts: string[] }) | null> {
  const row = liveDrill(id);
  return row ? runnableFromData(id, row.drill.data as DrillData) : null;
}

export async function getDraft(input: { userId: string; drillId: string }) {
  return (
    getDb()
      .select({ code: drillDrafts.code, language: drillDrafts.language, updatedAt: drillDrafts.updatedAt })
      .from(drillDrafts)
      .where(and(eq(drillDrafts.userId, input.userId), eq(drillDrafts.drillId, input.drillId)))
      .get() ?? null
  );
}

export async function saveDraft(input: { userId: string; drillId: string; code: string; language: SubmissionLanguage; now: Date }): Promise<void> {
  const set = { code: input.code, language: input.language, updatedAt: input.now };
  getDb()
    .insert(drillDrafts)
    .values({ userId: input.userId, drillId: input.drillId, ...set })
    .onConflictDoUpdate({ target: [drillDrafts.userId, drillDrafts.drillId], set })
    .run();
}

export async function recordRun(input: {
  userId: string;
  drillId: string;
  kind: "run" | "submit";
  language: SubmissionLanguage;
  code: string;
  results: DrillResults;
  now: Date;
}): Promise<number> {
  const db = getDb();
  return db.transaction((tx) => {
    const row = tx
      .insert(drillRuns)
      .values({
        userId: input.userId,
        drillId: input.drillId,
        kind: input.kind,
        language: input.language,
        code: input.code,
        status: input.results.status,
        results: input.results,
        durationMs: Math.round(input.results.durationMs),
        createdAt: input.now,
      })
      .returning({ id: drillRuns.id })
      .get();
    // Running also keeps the draft, so the code is never lost.
    const set = { code: input.code, language: input.language, updatedAt: input.now };
    tx.insert(drillDrafts)
      .values({ userId: input.userId, drillId: input.drillId, ...set })
      .onConflictDoUpdate({ target: [drillDrafts.userId, drillDrafts.drillId], set })
      .run();
    return row.id;
  });
}

export async function recentRuns(input: { userId: string; drillId: string; limit?: number }) {
  return getDb()
    .select({ id: drillRuns.id, kind: drillRuns.kind, status: drillRuns.status, durationMs: drillRuns.durationMs, createdAt: drillRuns.createdAt })
    .from(drillRuns)
    .where(and(eq(drillRuns.userId, input.userId), eq(drillRuns.drillId, input.drillId)))
    .orderBy(desc(drillRuns.id))
    .limit(input.limit ?? 5)
    .all();
}

export async function listUserRuns(userId: string) {
  return getDb().select().from(drillRuns).where(eq(drillRuns.userId, userId)).orderBy(asc(drillRuns.id)).all();
}

/**
 * Syncs validated content into SQLite, idempotently: questions are upserted by id, an edited file
 * becomes a new version, and a removed file is retired when attempts or review cards reference it (deleted when
 * nothing does).
 */
import { createHash } from "node:crypto";
import { eq, inArray, isNull, sql } from "drizzle-orm";
import { attempts, cards, drills, questions, questionVersions, topics } from "../../db/schema";
import type { DrillData } from "../drills/types";
import { describeDataset } from "../drills/sql/dataset.server";
import type { Db } from "../utils/db.server";
import { formatProblem, loadContent, type LoadedQuestion } from "./load.server";
import { renderInline, renderMarkdown } from "./render.server";
import { optionLetter, type Question } from "./schema";

/** Bump when rendering changes, so every stored question is re-rendered as a new version. */
const RENDER_VERSION = "1";

/** A question as stored: every Markdown field already rendered to HTML, every option id filled. */
export type StoredQuestion = Question & { version: number };

export function renderQuestion(q: LoadedQuestion): Question {
  const common = {
    id: q.id,
    topic: q.topic,
    difficulty: q.difficulty,
    tags: q.tags,
    dimensions: q.dimensions,
    language: q.language,
    references: q.references,
    prompt: renderMarkdown(q.prompt),
    explanation: renderMarkdown(q.explanation),
  };
  switch (q.type) {
    case "single":
    case "multiple":
      return {
        ...common,
        type: q.type,
        shuffle: q.shuffle,
        options: q.options.map((o, i) => ({
          id: o.id ?? optionLetter(i),
          text: renderInline(o.text),
          correct: o.correct,
          feedback: renderInline(o.feedback),
        })),
      };
    case "true-false":
      return {
        ...common,
        type: q.type,
        answer: q.answer,
        feedback: { true: renderInline(q.feedback.true), false: renderInline(q.feedback.false) },
      };
    case "numeric":
      return {
        ...common,
        type: q.type,
        answer: q.answer,
        tolerance: q.tolerance,
        unit: q.unit,
        mistakes: q.mistakes.map((m) => ({ value: m.value, feedback: renderInline(m.feedback) })),
        feedback: { correct: renderInline(q.feedback.correct), incorrect: renderInline(q.feedback.incorrect) },
      };
    case "ordering":
      return {
        ...common,
        type: q.type,
        items: q.items.map((it, i) => ({ id: it.id ?? optionLetter(i), text: renderInline(it.text), feedback: renderInline(it.feedback) })),
      };
    case "free-text":
      return {
        ...common,
        type: q.type,
        rubric: q.rubric.map((r) => renderInline(r)),
        modelAnswer: renderMarkdown(q.modelAnswer),
      };
  }
}

export type SyncReport = {
  topics: number;
  added: number;
  updated: number;
  unchanged: number;
  retired: number;
  deleted: number;
  drills?: number;
};

export class ContentInvalidError extends Error {
  constructor(public readonly lines: string[]) {
    super(`Content is invalid:\n${lines.join("\n")}`);
  }
}

function versionHash(contentHash: string): string {
  return createHash("sha256").update(`${RENDER_VERSION}:${contentHash}`).digest("hex");
}

export async function syncContent(db: Db, contentDir: string, now = new Date()): Promise<SyncReport> {
  const loaded = loadContent(contentDir);
  if (loaded.problems.length > 0) throw new ContentInvalidError(loaded.problems.map(formatProblem));
  const report: SyncReport = { topics: loaded.topics.length, added: 0, updated: 0, unchanged: 0, retired: 0, deleted: 0 };

  db.transaction((tx) => {
    for (const t of loaded.topics) {
      const row = {
        slug: t.slug,
        title: t.title,
        summary: t.summary,
        groupName: t.group,
        sortOrder: t.order,
        primerHtml: renderMarkdown(t.primer),
        referencesJson: t.references,
        contentHash: t.contentHash,
        retiredAt: null,
      };
      tx.insert(topics).values(row).onConflictDoUpdate({ target: topics.slug, set: row }).run();
    }
    const liveTopics = loaded.topics.map((t) => t.slug);
    tx.update(topics)
      .set({ retiredAt: now })
      .where(sql`${topics.slug} not in ${liveTopics.length ? liveTopics : [""]} and ${topics.retiredAt} is null`)
      .run();

    const existing = new Map(tx.select().from(questions).all().map((q) => [q.id, q]));
    for (const q of loaded.questions) {
      const hash = versionHash(q.contentHash);
      const before = existing.get(q.id);
      existing.delete(q.id);
      if (before && before.contentHash === hash && before.topicSlug === q.topic) {
        if (before.retiredAt) tx.update(questions).set({ retiredAt: null }).where(eq(questions.id, q.id)).run();
        report.unchanged++;
        continue;
      }
      const version = before ? before.currentVersion + 1 : 1;
      const row = {
        id: q.id,
        topicSlug: q.topic,
        type: q.type,
        difficulty: q.difficulty,
        currentVersion: version,
        contentHash: hash,
        retiredAt: null,
        updatedAt: now,
      };
      tx.insert(questions).values(row).onConflictDoUpdate({ target: questions.id, set: row }).run();
      tx.insert(questionVersions)
        .values({ questionId: q.id, version, contentHash: hash, data: renderQuestion(q) })
        .run();
      if (before) report.updated++;
      else report.added++;
    }

    // Drills: upserted whole (their runs keep the code and results they produced); missing ones retire.
    const drillIds = new Set<string>();
    for (const d of loaded.drills) {
      drillIds.add(d.id);
      const data: DrillData = {
        promptHtml: renderMarkdown(d.prompt),
        starter: d.starter,
        visibleTests: d.visibleTests,
        visibleJs: d.visibleJs,
        hiddenJs: d.hiddenJs,
        timeLimitMs: d.timeLimitMs,
        memoryLimitMb: d.memoryLimitMb,
        concepts: d.concepts,
        dimensions: d.dimensions,
        references: d.references,
        ...(d.kind !== "code" ? { kind: d.kind, datasetSql: d.datasetSql, sql: d.sql, referenceSql: d.solution, schema: describeDataset(d.datasetSql) } : { kind: "code" }),
      };
      const row = { id: d.id, topicSlug: d.topic, title: d.title, summary: d.summary, difficulty: d.difficulty, contentHash: d.contentHash, data, retiredAt: null, updatedAt: now };
      tx.insert(drills).values(row).onConflictDoUpdate({ target: drills.id, set: row }).run();
    }
    for (const d of tx.select({ id: drills.id }).from(drills).where(isNull(drills.retiredAt)).all()) {
      if (!drillIds.has(d.id)) tx.update(drills).set({ retiredAt: now }).where(eq(drills.id, d.id)).run();
    }
    report.drills = loaded.drills.length;

    // Whatever is left in `existing` has no file any more.
    const gone = [...existing.values()].filter((q) => q.retiredAt === null).map((q) => q.id);
    if (gone.length) {
      const referenced = new Set([
        ...tx.selectDistinct({ id: attempts.questionId }).from(attempts).where(inArray(attempts.questionId, gone)).all().map((r) => r.id),
        ...tx.selectDistinct({ id: cards.questionId }).from(cards).where(inArray(cards.questionId, gone)).all().map((r) => r.id),
      ]);
      for (const id of gone) {
        if (referenced.has(id)) {
          tx.update(questions).set({ retiredAt: now }).where(eq(questions.id, id)).run();
          report.retired++;
        } else {
          tx.delete(questionVersions).where(eq(questionVersions.questionId, id)).run();
          tx.delete(questions).where(eq(questions.id, id)).run();
          report.deleted++;
        }
      }
    }
  });
  return report;
}

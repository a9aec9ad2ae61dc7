/** Questions as stored: versions are immutable, so a parsed version can be cached forever. */
import { and, eq, isNull } from "drizzle-orm";
import { questions, questionVersions } from "../../db/schema";
import type { Question } from "../content/schema";
import { getDb } from "../utils/db.server";
import { singleton } from "../utils/singleton.server";

const cache = () => singleton("question-version-cache", () => new Map<string, Question>());

export async function getQuestionVersion(id: string, version: number): Promise<Question | null> {
  const key = `${id}@${version}`;
  const hit = cache().get(key);
  if (hit) return hit;
  const row = getDb()
    .select({ data: questionVersions.data })
    .from(questionVersions)
    .where(and(eq(questionVersions.questionId, id), eq(questionVersions.version, version)))
    .get();
  if (!row) return null;
  const q = row.data as Question;
  cache().set(key, q);
  return q;
}

export async function getCurrentVersion(id: string): Promise<number | null> {
  const row = getDb()
    .select({ v: questions.currentVersion })
    .from(questions)
    .where(and(eq(questions.id, id), isNull(questions.retiredAt)))
    .get();
  return row?.v ?? null;
}

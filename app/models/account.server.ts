/** A learner's own data: everything we hold about them as JSON, and deleting all of it. */
import { asc, eq } from "drizzle-orm";
import { attempts, cards, drillDrafts, drillRuns, practiceSessions, reviewLogs, reviewSettings, users } from "../../db/schema";
import { getDb } from "../utils/db.server";

export const EXPORT_FORMAT = "groundwork-export/1";

export async function exportUserData(userId: string) {
  const db = getDb();
  const user = db.select().from(users).where(eq(users.id, userId)).get();
  if (!user) return null;
  return {
    format: EXPORT_FORMAT,
    exportedAt: new Date().toISOString(),
    profile: { id: user.id, email: user.email, role: user.role, isGuest: user.isGuest, createdAt: user.createdAt.toISOString() },
    reviewSettings: db.select().from(reviewSettings).where(eq(reviewSettings.userId, userId)).get() ?? null,
    practiceSessions: db.select().from(practiceSessions).where(eq(practiceSessions.userId, userId)).orderBy(asc(practiceSessions.createdAt)).all(),
    attempts: db.select().from(attempts).where(eq(attempts.userId, userId)).orderBy(asc(attempts.id)).all(),
    reviewCards: db.select().from(cards).where(eq(cards.userId, userId)).orderBy(asc(cards.questionId)).all(),
    reviewLog: db.select().from(reviewLogs).where(eq(reviewLogs.userId, userId)).orderBy(asc(reviewLogs.id)).all(),
    drillRuns: db.select().from(drillRuns).where(eq(drillRuns.userId, userId)).orderBy(asc(drillRuns.id)).all(),
    drillDrafts: db.select().from(drillDrafts).where(eq(drillDrafts.userId, userId)).all(),
  };
}

/** Deletes the user; every table holding their data cascades from `users`. */
export async function deleteUserAndData(userId: string): Promise<boolean> {
  return getDb().delete(users).where(eq(users.id, userId)).run().changes > 0;
}

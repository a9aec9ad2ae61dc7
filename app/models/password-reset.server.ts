/**
 * Password resets: a single-use link that expires after 30 minutes. The token has 256 random bits
 * and only its sha256 is stored. Using it sets the new password and ends every session of the account.
 */
import { createHash, randomBytes } from "node:crypto";
import { and, eq, gt, isNull, lt, or, isNotNull } from "drizzle-orm";
import { passwordResets, sessions, users } from "../../db/schema";
import { RESET_TTL_MINUTES } from "../forms/auth";
import { getDb } from "../utils/db.server";
import { hashPassword } from "../utils/password.server";
import { normaliseEmail, type PublicUser } from "./user.server";

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/** What a reset link's path segment must look like (43 base64url characters). */
export const RESET_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/**
 * Issues a reset token for the account with this email, or returns null when there is none (guests and
 * unknown addresses alike). Callers must answer the same either way.
 */
export async function createPasswordReset({ email, now }: { email: string; now: Date }): Promise<{ token: string; email: string } | null> {
  const db = getDb();
  const user = db.select({ id: users.id, email: users.email, isGuest: users.isGuest }).from(users).where(eq(users.email, normaliseEmail(email))).get();
  if (!user?.email || user.isGuest) return null;
  await purgePasswordResets(now);
  const token = randomBytes(32).toString("base64url");
  db.insert(passwordResets)
    .values({ id: hashToken(token), userId: user.id, expiresAt: new Date(now.getTime() + RESET_TTL_MINUTES * 60_000), createdAt: now })
    .run();
  return { token, email: user.email };
}

/** The account a still-usable token belongs to, or null (unknown, used or expired). Does not use it. */
export async function findPasswordReset({ token, now }: { token: string; now: Date }): Promise<{ email: string } | null> {
  if (!RESET_TOKEN_PATTERN.test(token)) return null;
  const row = getDb()
    .select({ email: users.email })
    .from(passwordResets)
    .innerJoin(users, eq(users.id, passwordResets.userId))
    .where(and(eq(passwordResets.id, hashToken(token)), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, now)))
    .get();
  return row?.email ? { email: row.email } : null;
}

/**
 * Uses a token: in one transaction it is marked used (only one caller can win), the password is
 * replaced, every session of the account ends and the account's other reset links stop working.
 * Returns the account, or null when the token is unknown, used or expired.
 */
export async function resetPassword({ token, password, now }: { token: string; password: string; now: Date }): Promise<PublicUser | null> {
  if (!RESET_TOKEN_PATTERN.test(token)) return null;
  const passwordHash = await hashPassword(password);
  const db = getDb();
  return db.transaction((tx) => {
    const claimed = tx
      .update(passwordResets)
      .set({ usedAt: now })
      .where(and(eq(passwordResets.id, hashToken(token)), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, now)))
      .returning({ userId: passwordResets.userId })
      .get();
    if (!claimed) return null;
    const user = tx.update(users).set({ passwordHash }).where(eq(users.id, claimed.userId)).returning().get();
    if (!user) return null;
    tx.delete(sessions).where(eq(sessions.userId, user.id)).run();
    tx.delete(passwordResets).where(and(eq(passwordResets.userId, user.id), isNull(passwordResets.usedAt))).run();
    return { id: user.id, email: user.email, role: user.role, isGuest: user.isGuest };
  });
}

/** Deletes links that expired or were used more than a day ago. */
export async function purgePasswordResets(now = new Date()): Promise<number> {
  const dayAgo = new Date(now.getTime() - 86400_000);
  return getDb()
    .delete(passwordResets)
    .where(or(lt(passwordResets.expiresAt, dayAgo), and(isNotNull(passwordResets.usedAt), lt(passwordResets.usedAt, dayAgo))))
    .run().changes;
}

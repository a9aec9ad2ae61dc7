/** Users: learners, interviewers, admins, and guests (a user bound to a cookie, no email yet). */
import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { attempts, cards, practiceSessions, reviewLogs, reviewSettings, sessions, users, type User } from "../../db/schema";
import { getDb } from "../utils/db.server";
import { hashPassword, verifyPassword } from "../utils/password.server";

export type Role = User["role"];
export type PublicUser = Pick<User, "id" | "email" | "role" | "isGuest">;

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

function toPublic(u: User): PublicUser {
  return { id: u.id, email: u.email, role: u.role, isGuest: u.isGuest };
}

export async function getUserById(id: string): Promise<PublicUser | null> {
  const row = getDb().select().from(users).where(eq(users.id, id)).get();
  return row ? toPublic(row) : null;
}

export async function createGuest(): Promise<PublicUser> {
  const row = getDb().insert(users).values({ id: randomUUID(), isGuest: true }).returning().get();
  return toPublic(row);
}

export class EmailTakenError extends Error {
  constructor() {
    super("An account with this email already exists");
  }
}

export async function createUser(input: { email: string; password: string; role?: Role }): Promise<PublicUser> {
  const email = normaliseEmail(input.email);
  const passwordHash = await hashPassword(input.password);
  try {
    const row = getDb()
      .insert(users)
      .values({ id: randomUUID(), email, passwordHash, role: input.role ?? "learner" })
      .returning()
      .get();
    return toPublic(row);
  } catch (error) {
    if (isUniqueViolation(error)) throw new EmailTakenError();
    throw error;
  }
}

/**
 * Signs a guest up in place: the guest row becomes the account, so every attempt it made is
 * already the account's and nothing can be duplicated.
 */
export async function claimGuest(input: { guestId: string; email: string; password: string }): Promise<PublicUser> {
  const email = normaliseEmail(input.email);
  const passwordHash = await hashPassword(input.password);
  try {
    const row = getDb()
      .update(users)
      .set({ email, passwordHash, isGuest: false })
      .where(and(eq(users.id, input.guestId), eq(users.isGuest, true)))
      .returning()
      .get();
    if (!row) return createUser(input);
    return toPublic(row);
  } catch (error) {
    if (isUniqueViolation(error)) throw new EmailTakenError();
    throw error;
  }
}

/**
 * Log-in from a guest cookie: the guest's practice moves to the account and the guest goes away.
 * Attempts and review logs move as they are; where both have a card for the same question the
 * more recently reviewed one wins, so nothing is duplicated.
 */
export async function mergeGuestInto(guestId: string, userId: string): Promise<void> {
  if (guestId === userId) return;
  const db = getDb();
  db.transaction((tx) => {
    const guest = tx.select().from(users).where(and(eq(users.id, guestId), eq(users.isGuest, true))).get();
    if (!guest) return;
    tx.update(attempts).set({ userId }).where(eq(attempts.userId, guestId)).run();
    tx.update(reviewLogs).set({ userId }).where(eq(reviewLogs.userId, guestId)).run();
    for (const card of tx.select().from(cards).where(eq(cards.userId, guestId)).all()) {
      const mine = tx.select().from(cards).where(and(eq(cards.userId, userId), eq(cards.questionId, card.questionId))).get();
      const newer = !mine || (card.lastReview?.getTime() ?? 0) > (mine.lastReview?.getTime() ?? 0);
      if (newer) {
        const { userId: _guest, ...columns } = card;
        tx.insert(cards).values({ ...columns, userId }).onConflictDoUpdate({ target: [cards.userId, cards.questionId], set: columns }).run();
      }
    }
    tx.delete(cards).where(eq(cards.userId, guestId)).run();
    if (!tx.select().from(reviewSettings).where(eq(reviewSettings.userId, userId)).get()) {
      tx.update(reviewSettings).set({ userId }).where(eq(reviewSettings.userId, guestId)).run();
    }
    tx.update(practiceSessions).set({ userId }).where(eq(practiceSessions.userId, guestId)).run();
    tx.delete(sessions).where(eq(sessions.userId, guestId)).run();
    tx.delete(users).where(eq(users.id, guestId)).run();
  });
}

/**
 * Changes a user's role and ends every session of that user, so no cookie keeps acting with the old
 * role: the user logs in again. When users change their own role, the route issues them a new session
 * (`createSession`) after this. Returns the updated user, or null when there is no such account.
 */
export async function changeUserRole({ userId, role }: { userId: string; role: Role }): Promise<PublicUser | null> {
  return getDb().transaction((tx) => {
    const row = tx
      .update(users)
      .set({ role })
      .where(and(eq(users.id, userId), eq(users.isGuest, false)))
      .returning()
      .get();
    if (!row) return null;
    tx.delete(sessions).where(eq(sessions.userId, userId)).run();
    return toPublic(row);
  });
}

/**
 * Sets a new password for the account with this email and ends all of its sessions (the
 * `user:reset-password` command). Returns null when there is no such account.
 */
export async function setPasswordByEmail({ email, password }: { email: string; password: string }): Promise<PublicUser | null> {
  const passwordHash = await hashPassword(password);
  return getDb().transaction((tx) => {
    const row = tx
      .update(users)
      .set({ passwordHash })
      .where(and(eq(users.email, normaliseEmail(email)), eq(users.isGuest, false)))
      .returning()
      .get();
    if (!row) return null;
    tx.delete(sessions).where(eq(sessions.userId, row.id)).run();
    return toPublic(row);
  });
}

/** Checks a password; the same work is done for unknown emails so timing does not reveal accounts. */
export async function verifyLogin(email: string, password: string): Promise<PublicUser | null> {
  const row = getDb().select().from(users).where(eq(users.email, normaliseEmail(email))).get();
  const hash = row?.passwordHash ?? (await dummyHash());
  const ok = await verifyPassword(password, hash);
  return ok && row ? toPublic(row) : null;
}

let dummy: Promise<string> | undefined;
function dummyHash(): Promise<string> {
  dummy ??= hashPassword(`not-a-password-${randomUUID()}`);
  return dummy;
}

export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === "SQLITE_CONSTRAINT_UNIQUE";
}

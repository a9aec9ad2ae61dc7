/**
 * DB-backed sessions. The cookie holds a random token; the database holds only its sha256, so a
 * copy of the database cannot be replayed as cookies. Guards throw redirects or responses.
 */
import { createHash, randomBytes } from "node:crypto";
import { createCookie, redirect } from "@remix-run/node";
import { and, eq, gt, lt, sql } from "drizzle-orm";
import { sessions, users } from "../../db/schema";
import { createGuest, getUserById, type PublicUser } from "../models/user.server";
import { getDb } from "./db.server";
import { getEnv } from "./env.server";
import { singleton } from "./singleton.server";

function sessionCookie() {
  return singleton("session-cookie", () => {
    const env = getEnv();
    return createCookie("gw_session", {
      httpOnly: true,
      sameSite: "lax",
      secure: env.SESSION_COOKIE_SECURE,
      path: "/",
      maxAge: env.SESSION_TTL_DAYS * 86400,
    });
  });
}

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

async function readToken(request: Request): Promise<string | null> {
  const value: unknown = await sessionCookie().parse(request.headers.get("Cookie"));
  return typeof value === "string" && /^[A-Za-z0-9_-]{43}$/.test(value) ? value : null;
}

/** Creates a session and returns the Set-Cookie header value for it. */
export async function createSession(userId: string): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + getEnv().SESSION_TTL_DAYS * 86400_000);
  getDb().insert(sessions).values({ id: hashToken(token), userId, expiresAt }).run();
  return sessionCookie().serialize(token);
}

export async function destroySession(request: Request): Promise<string> {
  const token = await readToken(request);
  if (token) getDb().delete(sessions).where(eq(sessions.id, hashToken(token))).run();
  return sessionCookie().serialize("", { maxAge: 0 });
}

/** Log-in and sign-up rotate the session: the old token stops working, a new one is issued. */
export async function rotateSession(request: Request, userId: string): Promise<string> {
  await destroySession(request);
  return createSession(userId);
}

/**
 * "Log out everywhere else": ends every session of the user, this browser's included, and returns
 * the Set-Cookie of a fresh session for this browser only.
 */
export async function endOtherSessions(userId: string): Promise<string> {
  getDb().delete(sessions).where(eq(sessions.userId, userId)).run();
  return createSession(userId);
}

export async function getSessionUser(request: Request): Promise<PublicUser | null> {
  const token = await readToken(request);
  if (!token) return null;
  const row = getDb()
    .select({ userId: sessions.userId })
    .from(sessions)
    .where(and(eq(sessions.id, hashToken(token)), gt(sessions.expiresAt, new Date())))
    .get();
  return row ? getUserById(row.userId) : null;
}

/**
 * Anyone may practise: a visitor without a session gets a guest profile and a cookie. Returns the
 * Set-Cookie header to send when one was created.
 */
export async function requireLearner(request: Request): Promise<{ user: PublicUser; setCookie?: string }> {
  const user = await getSessionUser(request);
  if (user) return { user };
  const guest = await createGuest();
  return { user: guest, setCookie: await createSession(guest.id) };
}

/**
 * Deletes expired sessions, then guests that no session can reach any more (their attempts go
 * with them: nobody can ever see them again). Returns how many rows of each went.
 */
export async function purgeExpiredSessions(now = new Date()): Promise<{ sessions: number; guests: number }> {
  const db = getDb();
  const expired = db.delete(sessions).where(lt(sessions.expiresAt, now)).run().changes;
  const guests = db
    .delete(users)
    .where(
      and(
        eq(users.isGuest, true),
        // A day of grace, so a guest created a moment ago is never caught between its two inserts.
        lt(users.createdAt, new Date(now.getTime() - 86400_000)),
        sql`not exists (select 1 from ${sessions} where ${sessions.userId} = ${users.id})`,
      ),
    )
    .run().changes;
  return { sessions: expired, guests };
}

/** Loader of the log-in and sign-up pages: a signed-in user has nothing to do there. */
export async function redirectSignedIn({ request }: { request: Request }): Promise<null> {
  const user = await getSessionUser(request);
  if (user && !user.isGuest) throw redirect("/topics");
  return null;
}

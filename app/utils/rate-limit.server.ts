/**
 * Rate limits (rate-limiter-flexible, ADR 0017). Every limit has a name and a budget in one table,
 * RATE_LIMITS; counters live in SQLite (the app's database, table `rate_limits`, the default) or in
 * memory, chosen by RATE_LIMIT_STORE. A limit that is hit is answered with 429 and Retry-After.
 *
 * Form actions use `consumeLimit` / `blockedFor` with `rateLimitedForm`; JSON and resource routes use
 * `limit` (returns the 429 Response) or `enforceLimit` (throws it).
 */
import { createHash } from "node:crypto";
import { data, type HeadersFunction } from "@remix-run/node";
import type Database from "better-sqlite3";
import { RateLimiterMemory, RateLimiterRes, RateLimiterSQLite, type RateLimiterAbstract } from "rate-limiter-flexible";
import { getDb } from "./db.server";
import { getEnv, type Env } from "./env.server";
import { resetSingleton, singleton } from "./singleton.server";

export type Budget = {
  /** Requests (or failures) allowed per window. */
  points: number;
  /** The window, in seconds, counted from the first request of the window. */
  duration: number;
  /** What the key is, for the README and for callers. */
  key: string;
  /** The first half of the 429 message; "Try again in …" follows. */
  message: string;
};

/**
 * Every limit in the app, with its budget. The README's "Security" section lists the same table.
 * `invite-redeem` and `api` are ready for the pre-screen routes and the JSON API.
 */
export function rateLimits(env: Env = getEnv()) {
  return {
    "auth-ip": { points: 30, duration: 60, key: "client IP", message: "Too many attempts from your network." },
    "login-failures": {
      points: env.LOGIN_MAX_FAILURES,
      duration: env.LOGIN_WINDOW_SECONDS,
      key: "email + client IP (failed log-ins only)",
      message: "Too many failed log-ins for this account from your network.",
    },
    "account-lock": {
      points: env.LOGIN_ACCOUNT_MAX_FAILURES,
      duration: env.LOGIN_ACCOUNT_WINDOW_SECONDS,
      key: "email (failed log-ins from any address)",
      message: "This account is locked after too many failed log-ins; resetting your password unlocks it.",
    },
    "signup-ip": { points: 10, duration: 3600, key: "client IP (sign-ups)", message: "Too many sign-ups from your network." },
    "reset-email": { points: 3, duration: 3600, key: "email (reset links requested)", message: "Too many reset links requested for this address." },
    "drill-runs": { points: env.DRILL_RUNS_PER_MINUTE, duration: 60, key: "learner", message: "You are running code too often." },
    "invite-redeem": { points: 10, duration: 60, key: "client IP", message: "Too many invite links opened from your network." },
    api: { points: 300, duration: 60, key: "API token", message: "Too many API requests." },
  } satisfies Record<string, Budget>;
}

export type LimitName = keyof ReturnType<typeof rateLimits>;

const TABLE = "rate_limits";

type Store = { kind: Env["RATE_LIMIT_STORE"]; client: Database.Database | null; limiters: Map<LimitName, RateLimiterAbstract>; purge?: NodeJS.Timeout };

/**
 * The limiters of this process. With the SQLite store they are bound to the current database
 * connection, so a reopened database (tests) gets fresh ones.
 */
function store(): Store {
  const kind = getEnv().RATE_LIMIT_STORE;
  const client = kind === "sqlite" ? getDb().$client : null;
  const current = singleton<Store>("rate-limiters", () => openStore(kind, client));
  if (current.kind === kind && current.client === client) return current;
  if (current.purge) clearInterval(current.purge);
  resetSingleton("rate-limiters");
  return singleton<Store>("rate-limiters", () => openStore(kind, client));
}

function openStore(kind: Store["kind"], client: Database.Database | null): Store {
  if (!client) return { kind, client, limiters: new Map() };
  // Created here rather than by a migration: the table belongs to the limiter library's format.
  client.exec(`CREATE TABLE IF NOT EXISTS ${TABLE} (key TEXT PRIMARY KEY, points INTEGER NOT NULL DEFAULT 0, expire INTEGER)`);
  const purge = setInterval(() => {
    if (client.open) client.prepare(`DELETE FROM ${TABLE} WHERE expire < ?`).run(Date.now());
  }, 600_000);
  purge.unref();
  return { kind, client, limiters: new Map(), purge };
}

function limiter(name: LimitName): RateLimiterAbstract {
  const s = store();
  let found = s.limiters.get(name);
  if (!found) {
    const { points, duration } = rateLimits()[name];
    const opts = { keyPrefix: name, points, duration };
    found = s.client
      ? new RateLimiterSQLite({
          ...opts,
          storeClient: s.client,
          storeType: "better-sqlite3",
          tableName: TABLE,
          tableCreated: true,
          // If the database cannot be written (busy, disk full), count in memory rather than fail the request.
          insuranceLimiter: new RateLimiterMemory(opts),
        })
      : new RateLimiterMemory(opts);
    s.limiters.set(name, found);
  }
  return found;
}

/** Keys hold emails and IPs; only a digest of them is stored. */
const digest = (key: string) => createHash("sha256").update(key).digest("base64url").slice(0, 32);

/** Counts one request; returns the milliseconds to wait when the budget is spent, else 0. */
export async function consumeLimit(name: LimitName, key: string): Promise<number> {
  try {
    await limiter(name).consume(digest(key));
    return 0;
  } catch (res) {
    if (res instanceof RateLimiterRes) return Math.max(res.msBeforeNext, 1);
    throw res;
  }
}

/** For limits that count failures: milliseconds until `key` may try again, or 0, without counting. */
export async function blockedFor(name: LimitName, key: string): Promise<number> {
  const res = await limiter(name).get(digest(key));
  return res && res.consumedPoints >= rateLimits()[name].points ? Math.max(res.msBeforeNext, 1) : 0;
}

/** Counts one failure (never throws for a spent budget: `blockedFor` answers the next request). */
export async function recordFailure(name: LimitName, key: string): Promise<void> {
  await consumeLimit(name, key);
}

/** Forgets a key's count, e.g. failed log-ins after a successful one. */
export async function resetLimit(name: LimitName, key: string): Promise<void> {
  await limiter(name).delete(digest(key));
}

/** Seconds for a Retry-After header (at least 1). */
export function retryAfterSeconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}

function waitText(seconds: number): string {
  return seconds >= 120 ? `${Math.ceil(seconds / 60)} minutes` : `${seconds} seconds`;
}

/**
 * For JSON and resource routes: counts one request under `name` and returns null, or, when the
 * budget is spent, a 429 Response (JSON `{ error, retryAfter }`, Retry-After header).
 * Example: `const limited = await limit("invite-redeem", context.clientIp); if (limited) return limited;`
 */
export async function limit(name: LimitName, key: string): Promise<Response | null> {
  const ms = await consumeLimit(name, key);
  if (ms === 0) return null;
  const seconds = retryAfterSeconds(ms);
  const error = `${rateLimits()[name].message} Try again in ${waitText(seconds)}.`;
  // fieldErrors.form lets the root error boundary show the message when a page throws this.
  return new Response(JSON.stringify({ error, retryAfter: seconds, fieldErrors: { form: [error] } }), {
    status: 429,
    headers: { "Content-Type": "application/json", "Retry-After": String(seconds) },
  });
}

/** `limit`, as a guard: throws the 429 Response when the budget is spent. */
export async function enforceLimit(name: LimitName, key: string): Promise<void> {
  const limited = await limit(name, key);
  if (limited) throw limited;
}

/** A form action's 429: the form shows why and for how long; Retry-After says the same to machines. */
export function rateLimitedForm(ms: number, reason: string, email = "") {
  const seconds = retryAfterSeconds(ms);
  return data(
    { fieldErrors: { form: [`${reason} Try again in ${waitText(seconds)}.`] } as Record<string, string[]>, email },
    { status: 429, headers: { "Retry-After": String(seconds) } },
  );
}

/** The message of a named limit, for `rateLimitedForm`. */
export function limitMessage(name: LimitName): string {
  return rateLimits()[name].message;
}

/** A route's `headers` export that passes a 429's Retry-After through to document responses. */
export const passRetryAfter: HeadersFunction = ({ actionHeaders, loaderHeaders }) =>
  actionHeaders.has("Retry-After") ? actionHeaders : loaderHeaders;

/** Log-in failure keys: per email and address, and per email from anywhere. */
export const loginKey = (email: string, ip: string) => `${email.trim().toLowerCase()}|${ip}`;
export const accountKey = (email: string) => email.trim().toLowerCase();

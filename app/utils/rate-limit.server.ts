/**
 * Rate limits (rate-limiter-flexible, in memory: one process serves the app; see the ADR).
 * Callers answer a limit that is hit with 429 and Retry-After.
 */
import { data, type HeadersFunction } from "@remix-run/node";
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import { getEnv } from "./env.server";
import { singleton } from "./singleton.server";

function loginFailures() {
  return singleton("rl-login-failures", () => {
    const env = getEnv();
    return new RateLimiterMemory({ keyPrefix: "login", points: env.LOGIN_MAX_FAILURES, duration: env.LOGIN_WINDOW_SECONDS });
  });
}

function authPerIp() {
  // A wide per-IP ceiling on every log-in and sign-up attempt, so one address cannot spray emails.
  return singleton("rl-auth-ip", () => new RateLimiterMemory({ keyPrefix: "auth-ip", points: 30, duration: 60 }));
}

/** Consumes one point; returns the milliseconds to wait when the limit is hit, else 0. */
async function waitFor(limiter: RateLimiterMemory, key: string): Promise<number> {
  try {
    await limiter.consume(key);
    return 0;
  } catch (res) {
    if (res instanceof RateLimiterRes) return res.msBeforeNext;
    throw res;
  }
}

/** Counts one auth request from this IP; returns the milliseconds to wait when past the ceiling, else 0. */
export function limitAuthByIp(ip: string): Promise<number> {
  return waitFor(authPerIp(), ip);
}

/** Seconds for a Retry-After header (at least 1). */
function retryAfterSeconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}

/** A form action's 429: the form shows why and for how long; Retry-After says the same to machines. */
export function rateLimitedForm(ms: number, reason: string, email = "") {
  const seconds = retryAfterSeconds(ms);
  const wait = seconds >= 120 ? `${Math.ceil(seconds / 60)} minutes` : `${seconds} seconds`;
  return data(
    { fieldErrors: { form: [`${reason} Try again in ${wait}.`] } as Record<string, string[]>, email },
    { status: 429, headers: { "Retry-After": String(seconds) } },
  );
}

/** A route's `headers` export that passes a 429's Retry-After through to document responses. */
export const passRetryAfter: HeadersFunction = ({ actionHeaders, loaderHeaders }) =>
  actionHeaders.has("Retry-After") ? actionHeaders : loaderHeaders;

const loginKey = (email: string, ip: string) => `${email.toLowerCase()}|${ip}`;

/** Milliseconds until log-in is allowed again for this email from this IP, or 0. */
export async function loginBlockedFor(email: string, ip: string): Promise<number> {
  const res = await loginFailures().get(loginKey(email, ip));
  return res && res.consumedPoints >= getEnv().LOGIN_MAX_FAILURES ? res.msBeforeNext : 0;
}

export async function recordLoginFailure(email: string, ip: string): Promise<void> {
  await loginFailures()
    .consume(loginKey(email, ip))
    .catch((res: unknown) => {
      if (!(res instanceof RateLimiterRes)) throw res;
    });
}

export async function clearLoginFailures(email: string, ip: string): Promise<void> {
  await loginFailures().delete(loginKey(email, ip));
}

function drillRuns() {
  return singleton("rl-drill-runs", () => new RateLimiterMemory({ keyPrefix: "drill-runs", points: getEnv().DRILL_RUNS_PER_MINUTE, duration: 60 }));
}

/** Counts one drill run or submission for this learner; returns ms to wait when over the limit, else 0. */
export function limitDrillRuns(userId: string): Promise<number> {
  return waitFor(drillRuns(), userId);
}

export { retryAfterSeconds };

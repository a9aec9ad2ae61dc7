/**
 * Rate limits (rate-limiter-flexible, in memory: one process serves the app; see the ADR).
 * A limit that is hit throws a 429 Response with Retry-After.
 */
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

export function tooManyRequests(retryAfterMs: number, message = "Too many attempts. Try again later."): Response {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return new Response(JSON.stringify({ error: message, retryAfterSeconds: seconds }), {
    status: 429,
    headers: { "Retry-After": String(seconds), "Content-Type": "application/json" },
  });
}

/** Counts one auth request from this IP; throws 429 past the ceiling. */
export async function limitAuthByIp(ip: string): Promise<void> {
  try {
    await authPerIp().consume(ip);
  } catch (res) {
    if (res instanceof RateLimiterRes) throw tooManyRequests(res.msBeforeNext);
    throw res;
  }
}

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

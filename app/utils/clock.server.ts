/**
 * The time a request happens at. Always the wall clock, except that with TEST_CLOCK=true a
 * `gw-test-now` cookie (epoch milliseconds) can move it, so browser tests can see cards fall due
 * days later. Models take `now` as a parameter and never read the clock themselves.
 */
import { getEnv } from "./env.server";

export const TEST_CLOCK_COOKIE = "gw-test-now";

export function requestNow(request: Request): Date {
  if (!getEnv().TEST_CLOCK) return new Date();
  const cookie = request.headers.get("Cookie") ?? "";
  const match = new RegExp(`(?:^|;\\s*)${TEST_CLOCK_COOKIE}=(\\d{10,15})(?:;|$)`).exec(cookie);
  const ms = match ? Number(match[1]) : NaN;
  return Number.isSafeInteger(ms) ? new Date(ms) : new Date();
}

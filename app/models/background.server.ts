/**
 * Background work of the single server process, every few seconds: submit attempts whose deadline
 * passed, finish grading drills after a submission, deliver due webhooks. One pass at a time; a
 * pass that fails is logged and the next one retries (all three steps are idempotent).
 */
import { getEnv } from "../utils/env.server";
import { isDraining } from "../utils/lifecycle.server";
import { getLogger } from "../utils/logger.server";
import { sweepAttempts } from "./attempt.server";
import { deliverDueWebhooks } from "./webhook.server";

export const SWEEP_INTERVAL_MS = 5000;

export async function runBackgroundPass(now = new Date()) {
  const attempts = await sweepAttempts(now);
  const webhooks = await deliverDueWebhooks(now, { origin: getEnv().PUBLIC_URL ?? null });
  return { ...attempts, ...webhooks };
}

export function startBackgroundJobs(): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running || isDraining()) return;
    running = true;
    runBackgroundPass()
      .then((r) => {
        if (r.submitted || r.delivered || r.retried || r.failed) getLogger().info({ event: "background_pass", ...r }, "background pass");
      })
      .catch((err: unknown) => getLogger().error({ err }, "background pass failed"))
      .finally(() => {
        running = false;
      });
  }, SWEEP_INTERVAL_MS);
  timer.unref();
  return () => clearInterval(timer);
}

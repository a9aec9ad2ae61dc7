/**
 * Webhook delivery from the outbox (`webhook_deliveries`, written in the submission's transaction).
 * Each call is signed with HMAC-SHA256 over `<timestamp>.<body>` with the pre-screen's secret
 * (header `Groundwork-Signature: t=<unix seconds>,v1=<hex>`), carries a delivery id the receiver
 * can deduplicate on, and is retried with capped exponential backoff and full jitter.
 */
import { createHmac } from "node:crypto";
import { and, asc, eq, lte } from "drizzle-orm";
import { prescreens, webhookDeliveries } from "../../db/schema";
import { getDb } from "../utils/db.server";
import { getEnv } from "../utils/env.server";
import { getLogger } from "../utils/logger.server";
import { resolvesPrivate, type Lookup } from "../utils/network.server";
import { getScorecard } from "./candidate.server";

export const MAX_ATTEMPTS = 8;
export const BASE_DELAY_MS = 30_000;
export const MAX_DELAY_MS = 3_600_000;
export const TIMEOUT_MS = 10_000;

/** Full jitter: a random delay in [0, min(cap, base·2^attempt)] (AWS Architecture Blog). */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  return Math.round(random() * Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** attempt));
}

export function sign(secret: string, timestamp: number, body: string): string {
  return createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex");
}

/** The body sent for a submission: scores, never answer keys. */
export async function submittedPayload(orgId: string, candidateId: string, deliveryId: string, origin: string | null) {
  const card = await getScorecard({ orgId, candidateId });
  if (!card) return null;
  const c = card.candidate;
  return {
    id: deliveryId,
    event: "candidate.submitted",
    createdAt: new Date().toISOString(),
    data: {
      prescreen: { id: card.prescreen.id, title: card.prescreen.title },
      candidate: { id: c.id, email: c.email, status: c.status, startedAt: c.startedAt, submittedAt: c.submittedAt, submittedBy: c.submitReason },
      score: card.score,
      signals: { focusLosses: c.focusLosses, pastes: c.pastes, ipChanges: c.ipChanges },
      links: { results: `/api/v1/candidates/${c.id}`, ...(origin ? { scorecard: `${origin}/org/prescreens/${card.prescreen.id}/c/${c.id}` } : {}) },
    },
  };
}

type Fetch = typeof fetch;

/** Delivers every due webhook once. Returns how many were delivered, retried and given up. */
export async function deliverDueWebhooks(now: Date, opts: { fetch?: Fetch; origin?: string | null; random?: () => number; lookup?: Lookup } = {}) {
  const db = getDb();
  const doFetch = opts.fetch ?? fetch;
  const due = db
    .select({ d: webhookDeliveries, secret: prescreens.webhookSecret })
    .from(webhookDeliveries)
    .innerJoin(prescreens, eq(prescreens.id, webhookDeliveries.prescreenId))
    .where(and(eq(webhookDeliveries.status, "pending"), lte(webhookDeliveries.nextAttemptAt, now)))
    .orderBy(asc(webhookDeliveries.nextAttemptAt))
    .limit(20)
    .all();
  const tally = { delivered: 0, retried: 0, failed: 0 };
  for (const { d, secret } of due) {
    let body = d.payload;
    if (!body) {
      const payload = await submittedPayload(d.orgId, d.candidateId, d.id, opts.origin ?? null);
      if (!payload) {
        db.update(webhookDeliveries).set({ status: "failed", lastError: "candidate no longer exists" }).where(eq(webhookDeliveries.id, d.id)).run();
        tally.failed++;
        continue;
      }
      // Frozen at the first attempt, so every retry sends identical bytes.
      body = JSON.stringify(payload);
      db.update(webhookDeliveries).set({ payload: body }).where(eq(webhookDeliveries.id, d.id)).run();
    }
    const ts = Math.floor(now.getTime() / 1000);
    let status: number | null = null;
    let error: string | null = null;
    // SSRF guard: a webhook may not reach this server's private network (unless the operator allows it).
    if (!getEnv().WEBHOOK_ALLOW_PRIVATE_NETWORKS) {
      const refused = await resolvesPrivate(new URL(d.url).hostname, opts.lookup).catch(() => null);
      if (refused) {
        db.update(webhookDeliveries)
          .set({ status: "failed", attempts: d.attempts + 1, lastError: `refused: ${new URL(d.url).hostname} is a private address (${refused}); set WEBHOOK_ALLOW_PRIVATE_NETWORKS=true to allow` })
          .where(eq(webhookDeliveries.id, d.id))
          .run();
        tally.failed++;
        continue;
      }
    }
    try {
      const res = await doFetch(d.url, {
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          "User-Agent": "Groundwork-Webhooks/1",
          "Groundwork-Event": d.event,
          "Groundwork-Delivery": d.id,
          "Groundwork-Signature": `t=${ts},v1=${sign(secret ?? "", ts, body)}`,
        },
        body,
        redirect: "manual",
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      status = res.status;
      await res.body?.cancel().catch(() => undefined);
      if (res.status < 200 || res.status >= 300) error = `HTTP ${res.status}`;
    } catch (err) {
      error = (err as Error).name === "TimeoutError" ? `timed out after ${TIMEOUT_MS} ms` : (err as Error).message.slice(0, 200);
    }
    const attempts = d.attempts + 1;
    if (!error) {
      db.update(webhookDeliveries).set({ status: "delivered", attempts, lastStatus: status, lastError: null, deliveredAt: now }).where(eq(webhookDeliveries.id, d.id)).run();
      tally.delivered++;
    } else if (attempts >= MAX_ATTEMPTS) {
      db.update(webhookDeliveries).set({ status: "failed", attempts, lastStatus: status, lastError: error }).where(eq(webhookDeliveries.id, d.id)).run();
      getLogger().warn({ deliveryId: d.id, attempts, error }, "webhook gave up");
      tally.failed++;
    } else {
      const next = new Date(now.getTime() + backoffMs(attempts, opts.random));
      db.update(webhookDeliveries).set({ attempts, lastStatus: status, lastError: error, nextAttemptAt: next }).where(eq(webhookDeliveries.id, d.id)).run();
      tally.retried++;
    }
  }
  return tally;
}

export async function listDeliveries(input: { orgId: string; prescreenId: string }) {
  return getDb()
    .select({ id: webhookDeliveries.id, candidateId: webhookDeliveries.candidateId, status: webhookDeliveries.status, attempts: webhookDeliveries.attempts, lastStatus: webhookDeliveries.lastStatus, lastError: webhookDeliveries.lastError, nextAttemptAt: webhookDeliveries.nextAttemptAt, deliveredAt: webhookDeliveries.deliveredAt })
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.orgId, input.orgId), eq(webhookDeliveries.prescreenId, input.prescreenId)))
    .orderBy(asc(webhookDeliveries.createdAt))
    .all();
}

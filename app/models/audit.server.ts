/** Audit log of interviewer actions, per organisation. Written in the same step as the action. */
import { and, desc, eq, lt } from "drizzle-orm";
import { auditLog } from "../../db/schema";
import { getDb } from "../utils/db.server";

export const AUDIT_ACTIONS = [
  "org.created",
  "member.invited",
  "member.joined",
  "member.role-changed",
  "member.removed",
  "prescreen.created",
  "prescreen.updated",
  "prescreen.published",
  "prescreen.closed",
  "candidate.invited",
  "candidate.revoked",
  "candidate.graded",
  "candidate.reviewed",
  "results.exported",
  "token.created",
  "token.revoked",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Who did it: a signed-in member or an API token. */
export type Actor = { kind: "user"; userId: string; label: string } | { kind: "token"; tokenId: string; label: string };

export type AuditEntry = {
  orgId: string;
  actor: Actor;
  action: AuditAction;
  targetType: "organization" | "member" | "prescreen" | "candidate" | "token";
  targetId?: string | null;
  detail?: Record<string, unknown>;
  now: Date;
};

type Db = Pick<ReturnType<typeof getDb>, "insert">;

/** Records one entry. Pass the transaction when the action itself runs in one. */
export function recordAudit(entry: AuditEntry, db: Db = getDb()): void {
  db.insert(auditLog)
    .values({
      orgId: entry.orgId,
      actorUserId: entry.actor.kind === "user" ? entry.actor.userId : null,
      actorTokenId: entry.actor.kind === "token" ? entry.actor.tokenId : null,
      actorLabel: entry.actor.label,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId ?? null,
      detail: entry.detail ?? null,
      at: entry.now,
    })
    .run();
}

export async function listAudit(input: { orgId: string; before?: number; limit?: number }) {
  const limit = Math.min(input.limit ?? 100, 500);
  const rows = getDb()
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.orgId, input.orgId), input.before ? lt(auditLog.id, input.before) : undefined))
    .orderBy(desc(auditLog.id))
    .limit(limit + 1)
    .all();
  return { entries: rows.slice(0, limit), nextBefore: rows.length > limit ? rows[limit - 1]!.id : null };
}

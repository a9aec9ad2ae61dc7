/**
 * Organisations and their members. A user belongs to at most one organisation, as admin or
 * interviewer; every function here takes the caller's organisation and scopes by it.
 */
import { randomUUID } from "node:crypto";
import { and, asc, eq, gt, isNull, sql } from "drizzle-orm";
import { memberships, organizations, orgInvites, sessions, users } from "../../db/schema";
import { getDb } from "../utils/db.server";
import { newSecret, sha256 } from "../utils/tokens.server";
import { recordAudit, type Actor } from "./audit.server";
import { normaliseEmail } from "./user.server";

export type OrgRole = "admin" | "interviewer";
export type Membership = { orgId: string; orgName: string; role: OrgRole };

export const ORG_INVITE_TTL_DAYS = 7;

export async function getMembership(userId: string): Promise<Membership | null> {
  const row = getDb()
    .select({ orgId: memberships.orgId, orgName: organizations.name, role: memberships.role })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.orgId))
    .where(eq(memberships.userId, userId))
    .get();
  return row ?? null;
}

export class AlreadyMemberError extends Error {
  constructor() {
    super("You already belong to an organisation.");
  }
}

export async function createOrganization(input: { name: string; userId: string; email: string; now: Date }): Promise<Membership> {
  const db = getDb();
  const orgId = randomUUID();
  return db.transaction((tx) => {
    if (tx.select({ o: memberships.orgId }).from(memberships).where(eq(memberships.userId, input.userId)).get()) throw new AlreadyMemberError();
    tx.insert(organizations).values({ id: orgId, name: input.name, createdAt: input.now }).run();
    tx.insert(memberships).values({ orgId, userId: input.userId, role: "admin", createdAt: input.now }).run();
    // The account becomes an interviewer account (the global role gates nothing else).
    tx.update(users).set({ role: "interviewer" }).where(and(eq(users.id, input.userId), eq(users.role, "learner"))).run();
    recordAudit({ orgId, actor: { kind: "user", userId: input.userId, label: input.email }, action: "org.created", targetType: "organization", targetId: orgId, detail: { name: input.name }, now: input.now }, tx);
    return { orgId, orgName: input.name, role: "admin" as const };
  });
}

export async function listMembers(input: { orgId: string }) {
  return getDb()
    .select({ userId: memberships.userId, email: users.email, role: memberships.role, joinedAt: memberships.createdAt })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.orgId, input.orgId))
    .orderBy(asc(memberships.createdAt))
    .all();
}

export async function listOrgInvites(input: { orgId: string; now: Date }) {
  return getDb()
    .select({ id: orgInvites.id, email: orgInvites.email, role: orgInvites.role, expiresAt: orgInvites.expiresAt, createdAt: orgInvites.createdAt })
    .from(orgInvites)
    .where(and(eq(orgInvites.orgId, input.orgId), isNull(orgInvites.acceptedAt), isNull(orgInvites.revokedAt), gt(orgInvites.expiresAt, input.now)))
    .orderBy(asc(orgInvites.createdAt))
    .all();
}

/** Creates a colleague invite; returns the secret for the link (shown once, stored hashed). */
export async function inviteColleague(input: { orgId: string; actor: Actor; email: string; role: OrgRole; now: Date }): Promise<{ id: string; token: string }> {
  const token = newSecret();
  const id = randomUUID();
  const db = getDb();
  db.transaction((tx) => {
    tx.insert(orgInvites)
      .values({
        id,
        orgId: input.orgId,
        email: normaliseEmail(input.email),
        role: input.role,
        tokenHash: sha256(token),
        invitedBy: input.actor.kind === "user" ? input.actor.userId : null,
        expiresAt: new Date(input.now.getTime() + ORG_INVITE_TTL_DAYS * 86400_000),
        createdAt: input.now,
      })
      .run();
    recordAudit({ orgId: input.orgId, actor: input.actor, action: "member.invited", targetType: "member", targetId: id, detail: { email: normaliseEmail(input.email), role: input.role }, now: input.now }, tx);
  });
  return { id, token };
}

export async function revokeOrgInvite(input: { orgId: string; id: string; now: Date }): Promise<boolean> {
  return getDb()
    .update(orgInvites)
    .set({ revokedAt: input.now })
    .where(and(eq(orgInvites.id, input.id), eq(orgInvites.orgId, input.orgId), isNull(orgInvites.acceptedAt), isNull(orgInvites.revokedAt)))
    .run().changes === 1;
}

export async function getOrgInvite(input: { token: string; now: Date }) {
  const row = getDb()
    .select({ id: orgInvites.id, orgId: orgInvites.orgId, orgName: organizations.name, email: orgInvites.email, role: orgInvites.role })
    .from(orgInvites)
    .innerJoin(organizations, eq(organizations.id, orgInvites.orgId))
    .where(and(eq(orgInvites.tokenHash, sha256(input.token)), isNull(orgInvites.acceptedAt), isNull(orgInvites.revokedAt), gt(orgInvites.expiresAt, input.now)))
    .get();
  return row ?? null;
}

export type AcceptResult = { ok: true; membership: Membership } | { ok: false; reason: "invalid" | "already-member" | "wrong-email" };

/** Joins the signed-in user to the invite's organisation. The invite is single-use. */
export async function acceptOrgInvite(input: { token: string; userId: string; email: string; now: Date }): Promise<AcceptResult> {
  const db = getDb();
  return db.transaction((tx): AcceptResult => {
    const invite = tx
      .select()
      .from(orgInvites)
      .where(and(eq(orgInvites.tokenHash, sha256(input.token)), isNull(orgInvites.acceptedAt), isNull(orgInvites.revokedAt), gt(orgInvites.expiresAt, input.now)))
      .get();
    if (!invite) return { ok: false, reason: "invalid" };
    if (invite.email !== normaliseEmail(input.email)) return { ok: false, reason: "wrong-email" };
    if (tx.select({ o: memberships.orgId }).from(memberships).where(eq(memberships.userId, input.userId)).get()) return { ok: false, reason: "already-member" };
    tx.update(orgInvites).set({ acceptedAt: input.now }).where(eq(orgInvites.id, invite.id)).run();
    tx.insert(memberships).values({ orgId: invite.orgId, userId: input.userId, role: invite.role, createdAt: input.now }).run();
    tx.update(users).set({ role: "interviewer" }).where(and(eq(users.id, input.userId), eq(users.role, "learner"))).run();
    recordAudit({ orgId: invite.orgId, actor: { kind: "user", userId: input.userId, label: invite.email }, action: "member.joined", targetType: "member", targetId: input.userId, detail: { role: invite.role }, now: input.now }, tx);
    const org = tx.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, invite.orgId)).get()!;
    return { ok: true, membership: { orgId: invite.orgId, orgName: org.name, role: invite.role } };
  });
}

export type RoleChange = { ok: true } | { ok: false; status: 404 | 409; message: string };

/**
 * Changes a member's role. The member's sessions are revoked so the change cannot be outlived by
 * a session issued under the old role; the last admin cannot be demoted.
 */
export async function changeMemberRole(input: { orgId: string; actor: Actor; userId: string; role: OrgRole; now: Date }): Promise<RoleChange> {
  const db = getDb();
  return db.transaction((tx): RoleChange => {
    const member = tx.select().from(memberships).where(and(eq(memberships.orgId, input.orgId), eq(memberships.userId, input.userId))).get();
    if (!member) return { ok: false, status: 404, message: "No such member." };
    if (member.role === input.role) return { ok: true };
    if (member.role === "admin") {
      const admins = tx.select({ n: sql<number>`count(*)` }).from(memberships).where(and(eq(memberships.orgId, input.orgId), eq(memberships.role, "admin"))).get()!.n;
      if (admins <= 1) return { ok: false, status: 409, message: "An organisation needs at least one admin." };
    }
    tx.update(memberships).set({ role: input.role }).where(and(eq(memberships.orgId, input.orgId), eq(memberships.userId, input.userId))).run();
    tx.delete(sessions).where(eq(sessions.userId, input.userId)).run();
    recordAudit({ orgId: input.orgId, actor: input.actor, action: "member.role-changed", targetType: "member", targetId: input.userId, detail: { from: member.role, to: input.role }, now: input.now }, tx);
    return { ok: true };
  });
}

/**
 * API tokens for applicant-tracking systems: one organisation each, `gw_` + 256 random bits,
 * shown once and stored as sha256. `authenticateApi` turns a Bearer header into the organisation.
 */
import { randomUUID } from "node:crypto";
import { and, desc, eq, isNull } from "drizzle-orm";
import { apiTokens, memberships, users } from "../../db/schema";
import { getDb } from "../utils/db.server";
import { newSecret, sha256 } from "../utils/tokens.server";
import { recordAudit, type Actor } from "./audit.server";
import { normaliseEmail } from "./user.server";

export const TOKEN_PREFIX = "gw_";
const TOKEN_PATTERN = /^gw_[A-Za-z0-9_-]{43}$/;

export async function createApiToken(input: { orgId: string; actor: Actor; name: string; now: Date }): Promise<{ id: string; token: string }> {
  const token = `${TOKEN_PREFIX}${newSecret()}`;
  const id = randomUUID();
  getDb().transaction((tx) => {
    tx.insert(apiTokens)
      .values({ id, orgId: input.orgId, name: input.name, tokenHash: sha256(token), prefix: token.slice(0, 10), createdBy: input.actor.kind === "user" ? input.actor.userId : null, createdAt: input.now })
      .run();
    recordAudit({ orgId: input.orgId, actor: input.actor, action: "token.created", targetType: "token", targetId: id, detail: { name: input.name }, now: input.now }, tx);
  });
  return { id, token };
}

/** For `npm run token:create -- --email E`: a token for the organisation that user belongs to. */
export async function createApiTokenForEmail(input: { email: string; name: string; now: Date }): Promise<{ token: string; orgId: string } | null> {
  const row = getDb()
    .select({ userId: users.id, orgId: memberships.orgId, email: users.email })
    .from(users)
    .innerJoin(memberships, eq(memberships.userId, users.id))
    .where(eq(users.email, normaliseEmail(input.email)))
    .get();
  if (!row) return null;
  const { token } = await createApiToken({ orgId: row.orgId, actor: { kind: "user", userId: row.userId, label: `${row.email ?? ""} (command line)` }, name: input.name, now: input.now });
  return { token, orgId: row.orgId };
}

export async function listApiTokens(input: { orgId: string }) {
  return getDb()
    .select({ id: apiTokens.id, name: apiTokens.name, prefix: apiTokens.prefix, createdAt: apiTokens.createdAt, lastUsedAt: apiTokens.lastUsedAt, revokedAt: apiTokens.revokedAt })
    .from(apiTokens)
    .where(eq(apiTokens.orgId, input.orgId))
    .orderBy(desc(apiTokens.createdAt))
    .all();
}

export async function revokeApiToken(input: { orgId: string; id: string; actor: Actor; now: Date }): Promise<boolean> {
  return getDb().transaction((tx) => {
    const changed = tx.update(apiTokens).set({ revokedAt: input.now }).where(and(eq(apiTokens.id, input.id), eq(apiTokens.orgId, input.orgId), isNull(apiTokens.revokedAt))).run().changes;
    if (changed === 1) recordAudit({ orgId: input.orgId, actor: input.actor, action: "token.revoked", targetType: "token", targetId: input.id, now: input.now }, tx);
    return changed === 1;
  });
}

export type ApiCaller = { orgId: string; tokenId: string; actor: Actor };

/** The caller of an API request, or null when the Bearer token is missing, malformed or revoked. */
export async function authenticateApi(request: Request, now: Date): Promise<ApiCaller | null> {
  const header = request.headers.get("Authorization") ?? "";
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match || !TOKEN_PATTERN.test(match[1]!)) return null;
  const db = getDb();
  const row = db.select().from(apiTokens).where(and(eq(apiTokens.tokenHash, sha256(match[1]!)), isNull(apiTokens.revokedAt))).get();
  if (!row) return null;
  // Minute resolution is plenty and saves a write per request.
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > 60_000) db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, row.id)).run();
  return { orgId: row.orgId, tokenId: row.id, actor: { kind: "token", tokenId: row.id, label: `API token ${row.prefix}… (${row.name})` } };
}

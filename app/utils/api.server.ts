/**
 * The JSON API's plumbing: bearer-token authentication, JSON bodies validated with zod, errors
 * as `{ error: { code, message, fields? } }`, and Idempotency-Key replay for POSTs.
 */
import { and, eq, lt } from "drizzle-orm";
import { z } from "zod";
import { apiIdempotencyKeys } from "../../db/schema";
import { authenticateApi, type ApiCaller } from "../models/api-token.server";
import { getDb } from "./db.server";
import { fieldErrorsOf, type FieldErrors } from "./forms";
import { sha256 } from "./tokens.server";
import { consumeLimit, retryAfterSeconds } from "./rate-limit.server";

export const MAX_JSON_BYTES = 256 * 1024;
export const IDEMPOTENCY_TTL_MS = 24 * 3600_000;

export function apiError(status: number, code: string, message: string, extra: { fields?: FieldErrors; headers?: HeadersInit } = {}): Response {
  return new Response(JSON.stringify({ error: { code, message, ...(extra.fields ? { fields: extra.fields } : {}) } }), {
    status,
    headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store", ...extra.headers },
  });
}

export function apiJson(body: unknown, status = 200, headers: HeadersInit = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store", ...headers } });
}

/** The calling organisation, or a thrown 401 (missing, malformed or revoked token). */
export async function requireApiCaller(request: Request): Promise<ApiCaller> {
  const caller = await authenticateApi(request, new Date());
  if (!caller) throw apiError(401, "unauthorized", "Send a valid API token: Authorization: Bearer gw_…", { headers: { "WWW-Authenticate": 'Bearer realm="groundwork"' } });
  const wait = await consumeLimit("api", caller.tokenId);
  if (wait > 0) {
    const seconds = retryAfterSeconds(wait);
    throw apiError(429, "rate_limited", `Too many API requests. Try again in ${seconds} seconds.`, { headers: { "Retry-After": String(seconds) } });
  }
  return caller;
}

export function requireMethod(request: Request, ...allowed: string[]): void {
  if (!allowed.includes(request.method)) throw apiError(405, "method_not_allowed", `Use ${allowed.join(" or ")}.`, { headers: { Allow: allowed.join(", ") } });
}

/** Reads and validates a JSON body: 415 for another content type, 400 for bad JSON, 422 for bad fields. */
export async function readJson<T extends z.ZodType>(request: Request, schema: T): Promise<{ value: z.output<T>; raw: string }> {
  if (!/^application\/json\b/i.test(request.headers.get("Content-Type") ?? "")) throw apiError(415, "unsupported_media_type", "Send the body as application/json.");
  let raw: string;
  try {
    raw = await request.text();
  } catch {
    throw apiError(400, "unreadable_body", "The body could not be read.");
  }
  if (Buffer.byteLength(raw) > MAX_JSON_BYTES) throw apiError(413, "body_too_large", `Keep the body under ${MAX_JSON_BYTES / 1024} KB.`);
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw apiError(400, "invalid_json", "The body is not valid JSON.");
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw apiError(422, "invalid_fields", "Some fields are not valid.", { fields: fieldErrorsOf(parsed.error) });
  return { value: parsed.data, raw };
}

/** The (org, key) primary key already holds this key. */
const isKeyTaken = (error: unknown) => ["SQLITE_CONSTRAINT_PRIMARYKEY", "SQLITE_CONSTRAINT_UNIQUE"].includes((error as { code?: string } | null)?.code ?? "");

const idempotencyKey = z.string().regex(/^[\x21-\x7e]{8,128}$/);

/**
 * Runs a POST at most once per Idempotency-Key (per organisation, for 24 hours): a retry gets the
 * stored response; the same key with a different body is refused with 422.
 */
export async function withIdempotency(request: Request, caller: ApiCaller, raw: string, run: () => Promise<Response>): Promise<Response> {
  const header = request.headers.get("Idempotency-Key");
  if (header === null) return run();
  if (!idempotencyKey.safeParse(header).success) return apiError(400, "invalid_idempotency_key", "Idempotency-Key must be 8–128 visible ASCII characters.");
  const db = getDb();
  const requestHash = sha256(`${request.method} ${new URL(request.url).pathname}\n${raw}`);
  db.delete(apiIdempotencyKeys).where(lt(apiIdempotencyKeys.createdAt, new Date(Date.now() - IDEMPOTENCY_TTL_MS))).run();
  const find = () => db.select().from(apiIdempotencyKeys).where(and(eq(apiIdempotencyKeys.orgId, caller.orgId), eq(apiIdempotencyKeys.key, header))).get();
  const replay = (row: NonNullable<ReturnType<typeof find>>) =>
    row.requestHash !== requestHash
      ? apiError(422, "idempotency_key_reused", "This Idempotency-Key was used for a different request.")
      : apiJson(JSON.parse(row.body), row.status, { "Idempotent-Replayed": "true" });
  // Claim the key first (status 0 = in progress), so two concurrent twins cannot both run.
  try {
    db.insert(apiIdempotencyKeys).values({ orgId: caller.orgId, key: header, requestHash, status: 0, body: "" }).run();
  } catch (error) {
    if (!isKeyTaken(error)) throw error;
    const row = find();
    if (!row) return apiError(409, "idempotency_conflict", "Retry the request.");
    if (row.status === 0) return apiError(409, "request_in_progress", "A request with this Idempotency-Key is still being processed; retry shortly.", { headers: { "Retry-After": "1" } });
    return replay(row);
  }
  const release = () => db.delete(apiIdempotencyKeys).where(and(eq(apiIdempotencyKeys.orgId, caller.orgId), eq(apiIdempotencyKeys.key, header))).run();
  let response: Response;
  try {
    response = await run();
  } catch (error) {
    release();
    throw error;
  }
  // A 5xx may succeed on retry, so it is not remembered.
  if (response.status >= 500) {
    release();
    return response;
  }
  const body = await response.clone().text();
  db.update(apiIdempotencyKeys).set({ status: response.status, body }).where(and(eq(apiIdempotencyKeys.orgId, caller.orgId), eq(apiIdempotencyKeys.key, header))).run();
  return response;
}

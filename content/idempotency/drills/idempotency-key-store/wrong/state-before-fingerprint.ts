// Plausible but wrong: maps the stored state straight to a status code ("in-progress → 409,
// completed → replay or 422") and only compares fingerprints for completed records. A request
// that reuses the key with a *different* body while the first is still running is told "in
// progress" instead of being rejected, so its client keeps retrying a request that can never
// succeed under that key.
type HandlerResponse = { status: number; body: unknown };
type IdempotencyRecord =
  | { state: "in-progress"; fingerprint: string }
  | { state: "completed"; fingerprint: string; response: HandlerResponse };
interface IdempotencyStore {
  get(key: string): Promise<IdempotencyRecord | undefined>;
  insertIfAbsent(key: string, record: IdempotencyRecord): Promise<boolean>;
  put(key: string, record: IdempotencyRecord): Promise<void>;
  delete(key: string): Promise<void>;
}

export function createIdempotentHandler({ store, handler, fingerprint }: { store: IdempotencyStore; handler: (body: string) => Promise<HandlerResponse>; fingerprint: (body: string) => string }) {
  return async ({ key, body }: { key: string; body: string }) => {
    const fp = fingerprint(body);
    for (;;) {
      if (await store.insertIfAbsent(key, { state: "in-progress", fingerprint: fp })) {
        let response: HandlerResponse;
        try {
          response = await handler(body);
        } catch (error) {
          await store.delete(key);
          throw error;
        }
        await store.put(key, { state: "completed", fingerprint: fp, response });
        return { kind: "executed" as const, response };
      }
      const existing = await store.get(key);
      if (!existing) continue;
      if (existing.state === "in-progress") return { kind: "in-progress" as const };
      if (existing.fingerprint !== fp) return { kind: "key-reused" as const };
      return { kind: "replayed" as const, response: existing.response };
    }
  };
}

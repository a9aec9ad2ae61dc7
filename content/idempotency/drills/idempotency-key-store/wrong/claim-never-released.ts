// Plausible but wrong: claims the key atomically, but when the handler throws it leaves the
// `in-progress` record behind. Every retry with that key is then told "in progress" forever, so
// a request that failed on a transient error can never be completed.
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
    if (await store.insertIfAbsent(key, { state: "in-progress", fingerprint: fp })) {
      const response = await handler(body);
      await store.put(key, { state: "completed", fingerprint: fp, response });
      return { kind: "executed" as const, response };
    }
    const existing = await store.get(key);
    if (!existing || existing.state === "in-progress") {
      if (existing && existing.fingerprint !== fp) return { kind: "key-reused" as const };
      return { kind: "in-progress" as const };
    }
    if (existing.fingerprint !== fp) return { kind: "key-reused" as const };
    return { kind: "replayed" as const, response: existing.response };
  };
}

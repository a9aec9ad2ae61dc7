// Plausible but wrong: reads the key with `get` and then writes the claim with `put`. Between the
// read and the write another request for the same key can read "absent" too, so two concurrent
// duplicates both run the handler (a double charge).
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
    const existing = await store.get(key);
    if (existing) {
      if (existing.fingerprint !== fp) return { kind: "key-reused" as const };
      if (existing.state === "completed") return { kind: "replayed" as const, response: existing.response };
      return { kind: "in-progress" as const };
    }
    await store.put(key, { state: "in-progress", fingerprint: fp });
    let response: HandlerResponse;
    try {
      response = await handler(body);
    } catch (error) {
      await store.delete(key);
      throw error;
    }
    await store.put(key, { state: "completed", fingerprint: fp, response });
    return { kind: "executed" as const, response };
  };
}

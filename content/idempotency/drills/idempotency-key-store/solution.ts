export type HandlerResponse = { status: number; body: unknown };

export type IdempotencyRecord =
  | { state: "in-progress"; fingerprint: string }
  | { state: "completed"; fingerprint: string; response: HandlerResponse };

export interface IdempotencyStore {
  get(key: string): Promise<IdempotencyRecord | undefined>;
  insertIfAbsent(key: string, record: IdempotencyRecord): Promise<boolean>;
  put(key: string, record: IdempotencyRecord): Promise<void>;
  delete(key: string): Promise<void>;
}

export type IdempotentRequest = { key: string; body: string };

export type Outcome =
  | { kind: "executed"; response: HandlerResponse }
  | { kind: "replayed"; response: HandlerResponse }
  | { kind: "in-progress" }
  | { kind: "key-reused" };

export type IdempotentHandlerOptions = {
  store: IdempotencyStore;
  handler: (body: string) => Promise<HandlerResponse>;
  fingerprint: (body: string) => string;
};

export function createIdempotentHandler({ store, handler, fingerprint }: IdempotentHandlerOptions) {
  return async ({ key, body }: IdempotentRequest): Promise<Outcome> => {
    const fp = fingerprint(body);
    for (;;) {
      if (await store.insertIfAbsent(key, { state: "in-progress", fingerprint: fp })) {
        let response: HandlerResponse;
        try {
          response = await handler(body);
        } catch (error) {
          await store.delete(key); // release the claim so a retry can run
          throw error;
        }
        await store.put(key, { state: "completed", fingerprint: fp, response });
        return { kind: "executed", response };
      }
      const existing = await store.get(key);
      if (!existing) continue; // the holder failed and released the key: claim it again
      if (existing.fingerprint !== fp) return { kind: "key-reused" };
      if (existing.state === "completed") return { kind: "replayed", response: existing.response };
      return { kind: "in-progress" };
    }
  };
}

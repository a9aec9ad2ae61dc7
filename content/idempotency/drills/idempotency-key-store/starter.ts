export type HandlerResponse = { status: number; body: unknown };

export type IdempotencyRecord =
  | { state: "in-progress"; fingerprint: string }
  | { state: "completed"; fingerprint: string; response: HandlerResponse };

export interface IdempotencyStore {
  get(key: string): Promise<IdempotencyRecord | undefined>;
  /** Atomic: stores `record` and resolves true only if no record exists for `key`. */
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

export function createIdempotentHandler(options: IdempotentHandlerOptions) {
  return async (request: IdempotentRequest): Promise<Outcome> => {
    // Your code here
    return { kind: "in-progress" };
  };
}

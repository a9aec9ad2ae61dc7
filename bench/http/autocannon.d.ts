/** The part of autocannon 8's programmatic API the HTTP benchmark uses (the package ships no types). */
declare module "autocannon" {
  import type { EventEmitter } from "node:events";

  export type RequestSpec = {
    method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE" | "HEAD";
    path?: string;
    headers?: Record<string, string>;
    body?: string | Buffer;
  };

  /** One entry of `requests`. `context` is per connection and reset when the list starts over. */
  export type Request = RequestSpec & {
    setupRequest?: (req: RequestSpec, context: Record<string, unknown>) => RequestSpec | null;
    onResponse?: (status: number, body: string, context: Record<string, unknown>, headers: Record<string, string | string[]>) => void;
  };

  export type Options = {
    url: string;
    connections?: number;
    pipelining?: number;
    duration?: number;
    timeout?: number;
    requests?: Request[];
    headers?: Record<string, string>;
  };

  export type Histogram = { average: number; mean: number; p50: number; p99: number; max: number; total: number };

  export type Result = {
    requests: Histogram;
    latency: Histogram;
    errors: number;
    timeouts: number;
    non2xx: number;
    resets: number;
    duration: number;
    statusCodeStats: Record<string, { count: number }>;
  };

  export type Instance = EventEmitter & PromiseLike<Result> & { stop(): void };

  function autocannon(options: Options): Instance;
  export default autocannon;
}

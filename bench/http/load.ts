/**
 * One autocannon run, measured our way: every response's latency is kept at full precision
 * (autocannon's own histogram rounds to whole milliseconds, too coarse for the baselines), and an
 * error is any status outside 2xx/3xx, a socket error or a timeout.
 */
import autocannon, { type Request, type RequestSpec } from "autocannon";
import { percentile } from "../stats";
import type { CapturedResponse } from "./processes";

export type RunMetrics = {
  /** Responses received, whatever their status. */
  responses: number;
  /** Responses with a 2xx or 3xx status. */
  successes: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Statuses outside 2xx/3xx + socket errors + timeouts. */
  errors: number;
  timeouts: number;
  socketErrors: number;
  statuses: Record<string, number>;
  durationS: number;
};

export type LoadOptions = {
  url: string;
  requests: Request[];
  connections: number;
  durationS: number;
  /** Called once with the first successful response (status, headers, body). */
  capture?: (response: CapturedResponse) => void;
};

const ok = (status: number) => status >= 200 && status < 400;

export async function runLoad(options: LoadOptions): Promise<RunMetrics> {
  let requests = options.requests;
  if (options.capture) {
    const capture = options.capture;
    let captured = false;
    requests = requests.map((r) => ({
      ...r,
      onResponse(status, body, context, headers) {
        r.onResponse?.(status, body, context, headers);
        if (!captured && ok(status)) {
          captured = true;
          capture({ status, headers, body });
        }
      },
    }));
  }
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const instance = autocannon({
    url: options.url,
    connections: options.connections,
    pipelining: 1,
    duration: options.durationS,
    timeout: 10,
    requests,
  });
  instance.on("response", (_client: unknown, status: number, _bytes: number, ms: number) => {
    latencies.push(ms);
    statuses[status] = (statuses[status] ?? 0) + 1;
  });
  const result = await instance;
  latencies.sort((a, b) => a - b);
  const successes = Object.entries(statuses).reduce((n, [s, c]) => n + (ok(Number(s)) ? c : 0), 0);
  const responses = latencies.length;
  return {
    responses,
    successes,
    rps: responses / result.duration,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    maxMs: latencies.at(-1) ?? NaN,
    errors: responses - successes + result.errors,
    timeouts: result.timeouts,
    socketErrors: result.errors - result.timeouts,
    statuses,
    durationS: result.duration,
  };
}

/**
 * Requests where each connection claims an item (a practice session, a candidate), sends `length`
 * requests about it in order, then claims the next. A connection waits for each response before
 * its next request, so the order within an item holds. Built on autocannon's per-connection
 * `context`, which it resets when the list starts over.
 */
export function perConnection<T>(length: number, claim: () => T, build: (item: T, index: number) => RequestSpec): Request[] {
  return Array.from({ length }, (_, index) => ({
    setupRequest(req: RequestSpec, context: Record<string, unknown>) {
      if (index === 0) context.item = claim();
      return merge(req, build(context.item as T, index));
    },
  }));
}

/** One request template per request, each built afresh (e.g. round-robin over learners). */
export function eachRequest(build: () => RequestSpec): Request[] {
  return [{ setupRequest: (req: RequestSpec) => merge(req, build()) }];
}

const merge = (req: RequestSpec, spec: RequestSpec): RequestSpec => ({ ...req, ...spec, headers: { ...req.headers, ...spec.headers } });

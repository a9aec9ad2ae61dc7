/**
 * Calls route loaders and actions the way Remix does, against the test's real SQLite file, and
 * normalises what they return or throw (Response, data(), plain object) into one shape. Like a
 * browser, it sends Origin with every mutating request, and like the server (server/security.ts) it
 * refuses a cross-site one with 403 before the route runs.
 */
import type { ActionFunctionArgs, AppLoadContext, LoaderFunctionArgs } from "@remix-run/node";
import { getEnv } from "../../app/utils/env.server";
import { allowedOrigins, csrfRefusal } from "../../app/utils/security.server";

export type Outcome = { status: number; headers: Headers; data: unknown; location: string | null; thrown: boolean };

type Handler = (args: LoaderFunctionArgs | ActionFunctionArgs) => unknown;

async function normalise(value: unknown, thrown: boolean): Promise<Outcome> {
  if (value instanceof Response) {
    const text = await value.text();
    let data: unknown = text;
    try {
      data = JSON.parse(text);
    } catch {
      // not JSON: keep the text
    }
    return { status: value.status, headers: value.headers, data, location: value.headers.get("Location"), thrown };
  }
  if (value && typeof value === "object" && (value as { type?: string }).type === "DataWithResponseInit") {
    const d = value as { data: unknown; init: ResponseInit | null };
    return { status: d.init?.status ?? 200, headers: new Headers(d.init?.headers), data: d.data, location: null, thrown };
  }
  if (thrown) throw value;
  return { status: 200, headers: new Headers(), data: value, location: null, thrown };
}

/** A browser-like client with a cookie jar. */
export const TEST_ORIGIN = "http://localhost";

type RequestInit = {
  method?: string;
  form?: Array<[string, string]> | Record<string, string>;
  raw?: { body: string; contentType: string };
  /** Extra headers; `Origin: null`-style overrides go here. */
  headers?: Record<string, string>;
  /** The Origin header to send with a mutating request (default: this site's); null sends none. */
  origin?: string | null;
};

let clients = 0;
/** Each client is its own browser on its own address, so per-IP limits never leak between tests. */
const nextIp = () => `100.64.${(++clients >> 8) & 255}.${clients & 255}`;

export class TestClient {
  cookies = new Map<string, string>();
  constructor(public ip = nextIp()) {}

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  private remember(headers: Headers) {
    for (const raw of headers.getSetCookie()) {
      const [pair] = raw.split(";");
      const eq = pair!.indexOf("=");
      const name = pair!.slice(0, eq);
      const value = pair!.slice(eq + 1);
      if (/max-age=0/i.test(raw) || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  request(path: string, init: RequestInit = {}): Request {
    const headers = new Headers({ Cookie: this.cookieHeader(), ...init.headers });
    const method = init.method ?? (init.raw || init.form ? "POST" : "GET");
    const origin = init.origin === undefined ? TEST_ORIGIN : init.origin;
    if (method !== "GET" && method !== "HEAD" && origin !== null) headers.set("Origin", origin);
    if (init.raw) {
      headers.set("Content-Type", init.raw.contentType);
      return new Request(`${TEST_ORIGIN}${path}`, { method, headers, body: init.raw.body });
    }
    let body: FormData | undefined;
    if (init.form) {
      body = new FormData();
      const entries = Array.isArray(init.form) ? init.form : Object.entries(init.form);
      for (const [k, v] of entries) body.append(k, v);
    }
    return new Request(`${TEST_ORIGIN}${path}`, { method, headers, body });
  }

  async call(handler: Handler, path: string, params: Record<string, string> = {}, init: RequestInit = {}): Promise<Outcome> {
    const context = { requestId: "test", clientIp: this.ip, cspNonce: "test-nonce" } as AppLoadContext;
    const request = this.request(path, init);
    const refusal = csrfRefusal({
      method: request.method,
      header: (name) => request.headers.get(name),
      allowedOrigins: allowedOrigins(new URL(request.url).origin, getEnv().PUBLIC_URL),
    });
    if (refusal) return { status: 403, headers: new Headers(), data: { error: refusal }, location: null, thrown: true };
    let outcome: Outcome;
    try {
      outcome = await normalise(await handler({ request, params, context }), false);
    } catch (error) {
      outcome = await normalise(error, true);
    }
    this.remember(outcome.headers);
    return outcome;
  }
}

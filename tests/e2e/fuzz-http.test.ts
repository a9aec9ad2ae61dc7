/**
 * Fuzzing the production build over raw HTTP (ADR 0018): what the in-process fuzzer
 * (tests/integration/fuzz.test.ts) cannot see — express, static files, Remix's own request
 * handling (`.data` and `?_data` requests, `/__manifest`, CSRF origin checks), methods the Fetch API
 * refuses, malformed percent-encoding in paths, odd headers. Paths come from the route files, so
 * routes added later are covered. Never a 5xx, never a stack trace or server path in a body.
 * HTTP_FUZZ_RUNS sets the number of requests (default 250).
 */
import { request as httpRequest } from "node:http";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { leakIn, listRouteFiles, ODD_VALUES, ROUTES_DIR, segmentsOf, vocabularyOf } from "../setup/fuzz";
import { startServer, type RunningServer } from "./server";

const RUNS = Number(process.env.HTTP_FUZZ_RUNS ?? 250);

let server: RunningServer;
beforeAll(async () => {
  server = await startServer({ LOG_LEVEL: "warn" });
});
afterAll(async () => {
  await server?.stop();
});

type Reply = { status: number; headers: Record<string, string | string[] | undefined>; body: string };

/** node:http sends the path and method verbatim (fetch would normalise the one and refuse some of the other). */
function send(base: string, method: string, pathname: string, headers: Record<string, string>, body?: string): Promise<Reply> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: url.hostname, port: url.port, method, path: pathname, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(body);
  });
}

const routes = listRouteFiles().map((f) => ({ segments: segmentsOf(f), words: [...vocabularyOf(path.join(ROUTES_DIR, f), 1)] }));
const allWords = [...new Set(routes.flatMap((r) => r.words))];

/** Printable ASCII only: what can legally appear in a request line or a header value. */
const ascii = (max: number) => fc.string({ unit: fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: max });
const pathSafe = (s: string) => encodeURIComponent(s.replace(/[\uD800-\uDFFF]/g, "x"));

const segmentValue = fc.oneof(
  fc.constantFrom(...ODD_VALUES).map(pathSafe),
  fc.constantFrom("%E0%A4%A", "%ZZ", "%", "%C0%AF", "..%2f..%2fetc%2fpasswd", "%2e%2e", "a%00b", "%F0%9F%98"),
  fc.constantFrom(...allWords).map(pathSafe),
  ascii(40).map((s) => s.replace(/[?#]/g, "")),
);

const pathArb = fc.oneof(
  { weight: 8, arbitrary: fc.tuple(fc.constantFrom(...routes), fc.array(segmentValue, { minLength: 4, maxLength: 4 })).map(([r, values]) => {
    let i = 0;
    return "/" + r.segments.map((s) => ("literal" in s ? s.literal : values[i++ % values.length])).join("/");
  }) },
  { weight: 1, arbitrary: fc.constantFrom("/__manifest", "/build/%ZZ", "/build/../package.json", "/monaco/..%2f..%2fpackage.json", "/favicon.ico", "//", "/.data", "/_root.data") },
);

const suffixArb = fc.constantFrom("", "", "", ".data", "?_data=root", "?_data=routes%2F%24", "?index", "?_routes=root,nope", "?redirectTo=%2F%2Fevil.example", "?p=%2Ftopics&version=x");

const methodArb = fc.constantFrom("GET", "GET", "HEAD", "POST", "POST", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "PROPFIND", "FOO");

function bodyArb(): fc.Arbitrary<{ contentType?: string; body: string }> {
  const entries = fc.array(fc.tuple(fc.constantFrom(...allWords), fc.oneof(fc.constantFrom(...allWords), fc.constantFrom(...ODD_VALUES))), { maxLength: 6 });
  return fc.oneof(
    entries.map((e) => ({ contentType: "application/x-www-form-urlencoded", body: new URLSearchParams(e.map(([k, v]) => [k, v.replace(/[\uD800-\uDFFF]/g, "x")])).toString() })),
    fc.constantFrom("a=%", "%zz=1", "intent=%E0%A4%A").map((body) => ({ contentType: "application/x-www-form-urlencoded", body })),
    fc.constantFrom('{"intent":', "[]", "null").map((body) => ({ contentType: "application/json", body })),
    fc.constantFrom("garbage", "--x\r\nContent-Disposition: form-data; name=\"intent\"\r\n\r\nans").map((body) => ({ contentType: "multipart/form-data; boundary=x", body })),
    ascii(80).map((body) => ({ contentType: "text/plain", body })),
    fc.constant({ body: "" }),
  );
}

const originArb = fc.constantFrom<"same" | "none" | "evil" | "malformed" | "null">("same", "same", "same", "same", "none", "none", "evil", "malformed", "null");

describe("the production server under random HTTP", () => {
  it("never answers 5xx or leaks a stack trace, whatever the method, path, headers or body", async () => {
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(methodArb, pathArb, suffixArb, originArb, ascii(60), fc.boolean(), bodyArb(), async (method, p, suffix, origin, cookie, forwarded, body) => {
        const host = new URL(server.url).host;
        const headers: Record<string, string> = { Accept: "text/html,*/*" };
        if (origin === "same") headers.Origin = server.url;
        else if (origin === "evil") headers.Origin = "http://evil.example";
        else if (origin === "malformed") headers.Origin = "::not a url";
        else if (origin === "null") headers.Origin = "null";
        if (cookie) headers.Cookie = `gw_session=${cookie.replace(/[;,]/g, "")}`;
        if (forwarded) headers["X-Forwarded-Host"] = `${host}, evil.example`;
        const hasBody = method !== "GET" && method !== "HEAD";
        if (hasBody && body.contentType) headers["Content-Type"] = body.contentType;
        const target = p + suffix;
        const res = await send(server.url, method, target, headers, hasBody ? body.body : undefined);
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        const label = `${method} ${target} (origin ${origin})`;
        if (res.status >= 500) throw new Error(`${label}: answered ${res.status}: ${res.body.slice(0, 300)}`);
        const leak = leakIn(res.body);
        if (leak) throw new Error(`${label}: the body leaks "${leak}"`);
      }),
      { numRuns: RUNS },
    );
    // The run reached pages, redirects and refusals alike, not one wall of 404s.
    expect([...statuses.keys()].some((s) => s >= 200 && s < 300)).toBe(true);
    expect([...statuses.keys()].some((s) => s >= 400 && s < 500)).toBe(true);
    console.info(`HTTP fuzz statuses: ${JSON.stringify(Object.fromEntries([...statuses].sort(([a], [b]) => a - b)))}`);
  });

  it("answers the requests it once answered with 500 with a 4xx", async () => {
    const trace = await send(server.url, "TRACE", "/topics", {});
    expect(trace.status).toBe(405);
    const crossOrigin = await send(server.url, "POST", "/topics/idempotency", { Origin: "http://evil.example" });
    expect(crossOrigin.status).toBe(403);
    const malformedOrigin = await send(server.url, "POST", "/topics/idempotency.data", { Origin: "::not a url" });
    expect(malformedOrigin.status).toBe(403);
    const nullOrigin = await send(server.url, "PATCH", "/nothing-here", { Origin: "null" });
    expect(nullOrigin.status).toBe(403);
    const headData = await send(server.url, "HEAD", "/logout.data", { Origin: "http://evil.example" });
    expect(headData.status).toBe(403);
    const badPath = await send(server.url, "GET", "/topics/%E0%A4%A", {});
    expect(badPath.status).toBe(400);
    expect(badPath.body).not.toMatch(/URIError|\bat /);
    // A same-origin form post still works.
    const sameOrigin = await send(server.url, "POST", "/topics/idempotency", { Origin: server.url, "Content-Type": "application/x-www-form-urlencoded" }, "");
    expect(sameOrigin.status).toBe(302);
  });
});

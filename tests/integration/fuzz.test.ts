/**
 * Property-based fuzzing of every loader and action (fast-check, ADR 0018). Route modules are
 * discovered from `app/routes/*.ts(x)` (plus `app/root.tsx`), so a route added later is fuzzed
 * without touching this file. Each run sends a random request — method, body encoding (multipart,
 * urlencoded, JSON, invalid JSON, text, broken multipart, file parts, none), duplicate fields,
 * huge and odd Unicode values, random `$param` values — as a logged-in learner, a guest, an
 * anonymous visitor or a visitor with a garbage cookie, and checks what a user would see:
 * never a 5xx, never a stack trace or a server path in the body.
 *
 * Field names and values are drawn partly from the string literals of the route and the local
 * modules it imports (two levels deep), so random forms regularly get past the first `intent`
 * check and reach the models. `REAL_IDS` below is the one table to extend: it gives real values
 * for params that must name an existing row to reach deeper code (unknown params get random
 * values only). FUZZ_RUNS sets the runs per loader/action (default 40).
 */
import path from "node:path";
import { eq } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { attempts, drills, practiceSessions, topics } from "../../db/schema";
import { closeSandboxPoolIfStarted } from "../../app/drills/runner.server";
import { getQuestionVersion } from "../../app/models/question.server";
import { createUser, getUserById } from "../../app/models/user.server";
import { getDb } from "../../app/utils/db.server";
import { createSession, getSessionUser } from "../../app/utils/session.server";
import { answerFields } from "../setup/answers";
import { leakIn, listRouteFiles, ODD_VALUES, ROUTES_DIR, segmentsOf, vocabularyOf, type Segment } from "../setup/fuzz";
import { TestClient, type Outcome } from "../setup/remix";

const RUNS = Number(process.env.FUZZ_RUNS ?? 40);

type Handler = Parameters<TestClient["call"]>[0];
type RouteModule = { loader?: Handler; action?: Handler };

// ── discovery ────────────────────────────────────────────────────────────────────────────────

const routeFiles = listRouteFiles();
const targets: Array<{ name: string; file: string; segments: Segment[]; module: RouteModule; vocabulary: string[] }> = [];
for (const f of ["../root.tsx", ...routeFiles]) {
  const file = path.resolve(ROUTES_DIR, f);
  const module = (await import(file)) as RouteModule;
  targets.push({
    name: f === "../root.tsx" ? "root" : f,
    file,
    segments: f === "../root.tsx" ? [] : segmentsOf(f),
    module,
    vocabulary: [...vocabularyOf(file, 2)],
  });
}

// ── who is asking ────────────────────────────────────────────────────────────────────────────

type PersonaKind = "learner" | "guest" | "anonymous" | "garbage-cookie";
type Persona = { userId: string | null; cookie: string | null };
const personas = new Map<PersonaKind, Persona>();
let nextEmail = 0;

function cookiePair(setCookie: string): string {
  return setCookie.split(";")[0]!;
}

/** Starts a session on the six-question fixture topic and answers its first step, as the UI would. */
async function startAndAnswerOne(client: TestClient): Promise<void> {
  const topicRoute = (await import("../../app/routes/topics.$slug")) as RouteModule;
  const stepRoute = (await import("../../app/routes/practice.$sessionId.q.$step")) as RouteModule;
  const start = await client.call(topicRoute.action!, "/topics/fixture-basics", { slug: "fixture-basics" }, { form: {} });
  const sessionId = start.location!.split("/").pop()!;
  const open = await client.call(stepRoute.loader!, `/practice/${sessionId}/q/1`, { sessionId, step: "1" });
  const d = open.data as { idempotencyKey: string; question: { id: string; version: number } };
  const q = (await getQuestionVersion(d.question.id, d.question.version))!;
  const answered = await client.call(stepRoute.action!, `/practice/${sessionId}/q/1`, { sessionId, step: "1" }, {
    form: [["intent", "answer"], ["idempotencyKey", d.idempotencyKey], ["step", "0"], ["version", String(d.question.version)], ...answerFields(q, `${sessionId}:0`)],
  });
  expect(answered.status).toBe(303);
}

async function createPersona(kind: PersonaKind): Promise<Persona> {
  if (kind === "anonymous" || kind === "garbage-cookie") return { userId: null, cookie: null };
  const client = new TestClient();
  if (kind === "learner") {
    const user = await createUser({ email: `fuzz-${++nextEmail}-${Date.now()}@example.com`, password: "a long fuzzing passphrase" });
    client.cookies.set("gw_session", cookiePair(await createSession(user.id)).split("=").slice(1).join("="));
  }
  await startAndAnswerOne(client); // a guest is created by the first practice request
  const cookie = `gw_session=${client.cookies.get("gw_session")}`;
  const user = await getSessionUser(new Request("http://localhost/", { headers: { Cookie: cookie } }));
  return { userId: user!.id, cookie };
}

/** The fuzzer may log a persona out or delete it; give it a working session again before each run. */
async function persona(kind: PersonaKind): Promise<Persona> {
  let p = personas.get(kind);
  if (!p) personas.set(kind, (p = await createPersona(kind)));
  if (!p.cookie || !p.userId) return p;
  if (await getSessionUser(new Request("http://localhost/", { headers: { Cookie: p.cookie } }))) return p;
  if (await getUserById(p.userId)) p.cookie = cookiePair(await createSession(p.userId));
  else personas.set(kind, (p = await createPersona(kind)));
  return p;
}

// ── real ids for params that must name a row ─────────────────────────────────────────────────

/**
 * Param name → values naming real rows, the asking user's own first (plus a few of other users',
 * which must be "not found"). Extend when a new route needs a real id to get past its lookup.
 */
const REAL_IDS: Record<string, (userId: string | null) => string[]> = {
  sessionId: (userId) => [
    ...(userId ? getDb().select({ id: practiceSessions.id }).from(practiceSessions).where(eq(practiceSessions.userId, userId)).limit(5).all() : []),
    ...getDb().select({ id: practiceSessions.id }).from(practiceSessions).limit(2).all(),
  ].map((r) => r.id),
  step: () => ["1", "2", "3"],
  attemptId: (userId) =>
    [
      ...(userId ? getDb().select({ id: attempts.id }).from(attempts).where(eq(attempts.userId, userId)).limit(5).all() : []),
      ...getDb().select({ id: attempts.id }).from(attempts).limit(2).all(),
    ].map((r) => String(r.id)),
  slug: () => getDb().select({ slug: topics.slug }).from(topics).all().map((r) => r.slug),
  id: () => getDb().select({ id: drills.id }).from(drills).all().map((r) => r.id),
};

/**
 * Generated values may be placeholders for "the n-th real id": rows only exist once the run knows
 * who is asking, so placeholders are resolved then (a param's own ids, or any id for a form field).
 */
const REAL = "\u0001real:";
const realArb = fc.nat(50).map((n) => `${REAL}${n}`);

function resolveReal(value: string, ids: string[]): string {
  const m = value.startsWith(REAL) ? /^(\d+)([\s\S]*)$/.exec(value.slice(REAL.length)) : null;
  if (!m) return value;
  return (ids.length > 0 ? ids[Number(m[1]) % ids.length]! : "1") + m[2]!;
}

// ── arbitraries ──────────────────────────────────────────────────────────────────────────────


function valueArb(vocabulary: string[]): fc.Arbitrary<string> {
  const parts: Array<fc.WeightedArbitrary<string>> = [
    { weight: 4, arbitrary: fc.constantFrom(...vocabulary) },
    { weight: 3, arbitrary: fc.constantFrom(...ODD_VALUES) },
    { weight: 2, arbitrary: fc.string({ maxLength: 30 }) },
    { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 30 }) },
    { weight: 1, arbitrary: fc.integer({ min: -5, max: 100_000 }).map(String) },
    // Huge values: the body limit lives in express, so the route itself must cope with them.
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom("x", "é", "𝄞", "\u0000", "<"), fc.integer({ min: 20_000, max: 300_000 })).map(([c, n]) => c.repeat(n)) },
  ];
  return fc.oneof(...parts, { weight: 3, arbitrary: realArb });
}

function keyArb(vocabulary: string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...vocabulary) },
    { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...vocabulary), fc.nat(12)).map(([k, n]) => `${k}${n}`) },
    { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
    { weight: 1, arbitrary: fc.constantFrom("", "__proto__", "constructor", "a[b]", "a.b", "\u0000") },
  );
}

type Body =
  | { kind: "multipart"; entries: Array<[string, string]> }
  | { kind: "urlencoded"; entries: Array<[string, string]> }
  | { kind: "raw"; contentType: string; body: string }
  | { kind: "none" };

function wellFormed(s: string): string {
  return s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD");
}

function bodyArb(vocabulary: string[]): fc.Arbitrary<Body> {
  const entry = fc.tuple(keyArb(vocabulary), valueArb(vocabulary));
  // Duplicated fields: the same key again with another value.
  const entries = fc
    .tuple(fc.array(entry, { maxLength: 8 }), fc.boolean())
    .map(([list, dup]) => (dup && list.length > 0 ? [...list, [list[0]![0], `${list[0]![1]}-again`] as [string, string]] : list));
  const boundary = "----gwfuzz";
  return fc.oneof(
    { weight: 5, arbitrary: entries.map((e): Body => ({ kind: "multipart", entries: e })) },
    { weight: 4, arbitrary: entries.map((e): Body => ({ kind: "urlencoded", entries: e })) },
    { weight: 1, arbitrary: entries.map((e): Body => ({ kind: "raw", contentType: "application/json", body: JSON.stringify(Object.fromEntries(e)) })) },
    {
      weight: 1,
      arbitrary: fc.constantFrom('{"intent":', "{", "[1,2", "null", '"\\ud800"', "nope").map((b): Body => ({ kind: "raw", contentType: "application/json", body: b })),
    },
    { weight: 1, arbitrary: fc.string({ maxLength: 200 }).map((b): Body => ({ kind: "raw", contentType: "text/plain", body: b })) },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom("a=%", "%zz=1", "intent=%E0%A4%A", "=&&==", "intent=answer&intent=rate", "%FF%FE=%C0%AF", "a=1;b=2")
        .map((b): Body => ({ kind: "raw", contentType: "application/x-www-form-urlencoded", body: b })),
    },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(
          { contentType: "multipart/form-data", body: "no boundary here" },
          { contentType: `multipart/form-data; boundary=${boundary}`, body: `--${boundary}\r\nContent-Disposition: form-data; name="intent"\r\n\r\nans` },
          { contentType: `multipart/form-data; boundary=${boundary}`, body: "garbage" },
          { contentType: "multipart/form-data; boundary=", body: "" },
        )
        .map((b): Body => ({ kind: "raw", ...b })),
    },
    {
      weight: 1,
      arbitrary: fc.tuple(keyArb(vocabulary), fc.string({ maxLength: 100 })).map(
        ([name, content]): Body => ({
          kind: "raw",
          contentType: `multipart/form-data; boundary=${boundary}`,
          body: `--${boundary}\r\nContent-Disposition: form-data; name="${wellFormed(name).replace(/["\r\n]/g, "")}"; filename="x.txt"\r\nContent-Type: text/plain\r\n\r\n${wellFormed(content)}\r\n--${boundary}--\r\n`,
        }),
      ),
    },
    { weight: 1, arbitrary: fc.string({ maxLength: 50 }).map((b): Body => ({ kind: "raw", contentType: "", body: b })) },
    { weight: 1, arbitrary: fc.constant<Body>({ kind: "none" }) },
  );
}

const personaArb = fc.constantFrom<PersonaKind>("learner", "guest", "anonymous", "garbage-cookie");
const garbageCookieArb = fc
  .tuple(fc.constantFrom("gw_session", "gw_theme", "gw-test-now", "x"), fc.string({ unit: fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 60 }))
  .map(([k, v]) => `${k}=${v.replace(/[;,]/g, "")}`);

function pathOf(segments: Segment[], params: Record<string, string>, query: Array<[string, string]>): string {
  const encode = (s: string) => encodeURIComponent(wellFormed(s));
  const parts = segments.flatMap((s) => ("literal" in s ? [s.literal] : params[s.param] === undefined ? [] : [encode(params[s.param]!)]));
  const qs = query.map(([k, v]) => `${encode(k)}=${encode(v)}`).join("&");
  return `/${parts.join("/")}${qs ? `?${qs}` : ""}`;
}

// ── what a user must never see ───────────────────────────────────────────────────────────────

function judge(outcome: Outcome, label: string): void {
  if (outcome.status >= 500) throw new Error(`${label}: answered ${outcome.status}`);
  const leak = leakIn(typeof outcome.data === "string" ? outcome.data : (JSON.stringify(outcome.data) ?? ""));
  if (leak) throw new Error(`${label}: the body leaks "${leak}"`);
}

// ── the properties ───────────────────────────────────────────────────────────────────────────

beforeAll(async () => {
  for (const kind of ["learner", "guest"] as const) await persona(kind);
});

afterAll(async () => {
  await closeSandboxPoolIfStarted();
});

describe("route discovery", () => {
  it("finds every route module and its loaders and actions", () => {
    expect(routeFiles.length).toBeGreaterThanOrEqual(19);
    const handlers = targets.flatMap((t) => [t.module.loader, t.module.action].filter(Boolean));
    expect(handlers.length).toBeGreaterThanOrEqual(30);
    expect(segmentsOf("practice.$sessionId.q.$step.tsx")).toEqual([
      { literal: "practice" },
      { param: "sessionId", optional: false },
      { literal: "q" },
      { param: "step", optional: false },
    ]);
    expect(segmentsOf("$.tsx")).toEqual([{ param: "*", optional: false }]);
    expect(segmentsOf("_auth.org.($lang).sitemap[.]xml.ts")).toEqual([{ literal: "org" }, { param: "lang", optional: true }, { literal: "sitemap.xml" }]);
    expect(segmentsOf("topics._index.tsx")).toEqual([{ literal: "topics" }]);
  });
});

describe("the judge", () => {
  it("refuses 5xx, stack frames and server paths, and accepts honest answers", () => {
    const ok = (status: number, data: unknown): Outcome => ({ status, data, headers: new Headers(), location: null, thrown: false });
    expect(() => judge(ok(500, "Unexpected Server Error"), "x")).toThrow(/answered 500/);
    expect(() => judge(ok(400, { error: new Error("boom").stack }), "x")).toThrow(/leaks/);
    expect(() => judge(ok(200, `failed in ${path.resolve("app/models/practice.server.ts")}`), "x")).toThrow(/leaks/);
    expect(() => judge(ok(404, "at app/routes/topics.$slug.tsx"), "x")).toThrow(/leaks/);
    expect(() => judge(ok(400, { fieldErrors: { form: ["Try again at 10:30: the server was busy."] } }), "x")).not.toThrow();
    expect(() => judge(ok(303, null), "x")).not.toThrow();
  });
});

describe.each(targets)("fuzzing $name", ({ name, segments, module, vocabulary }) => {
  const paramNames = segments.flatMap((s) => ("param" in s ? [s.param] : []));
  const words = vocabulary.length > 0 ? vocabulary : ["intent"];

  for (const kind of ["loader", "action"] as const) {
    const handler = module[kind];
    if (!handler) continue;
    it(`${kind}: random requests never answer 5xx or leak a stack`, async () => {
      const paramsArb = fc.record(
        Object.fromEntries(paramNames.map((p) => [p, REAL_IDS[p] ? fc.oneof({ weight: 3, arbitrary: realArb }, { weight: 2, arbitrary: valueArb(words) }) : valueArb(words)])) as Record<
          string,
          fc.Arbitrary<string>
        >,
      );
      const methodArb = kind === "loader" ? fc.constantFrom("GET", "HEAD") : fc.oneof({ weight: 8, arbitrary: fc.constant("POST") }, { weight: 1, arbitrary: fc.constantFrom("PUT", "PATCH", "DELETE") });
      const queryArb = fc.array(fc.tuple(keyArb(words), valueArb(words)), { maxLength: 3 });
      const bodyOf = kind === "loader" ? fc.constant<Body>({ kind: "none" }) : bodyArb(words);
      // Half the runs share one IP (so limiters trip), half come from anywhere.
      const ipArb = fc.oneof(fc.constant("203.0.113.7"), fc.ipV4());
      await fc.assert(
        fc.asyncProperty(personaArb, garbageCookieArb, ipArb, paramsArb, methodArb, queryArb, bodyOf, async (kindOf, garbage, ip, rawParams, method, rawQuery, rawBody) => {
          const who = await persona(kindOf);
          const ownIds = (p: string) => REAL_IDS[p]?.(who.userId) ?? [];
          const anyIds = Object.values(REAL_IDS).flatMap((f) => f(who.userId));
          const params = Object.fromEntries(Object.entries(rawParams).map(([p, v]) => [p, resolveReal(v, ownIds(p))]));
          const real = ([k, v]: [string, string]): [string, string] => [k, resolveReal(v, anyIds)];
          const query = rawQuery.map(real);
          const body: Body = rawBody.kind === "multipart" || rawBody.kind === "urlencoded" ? { ...rawBody, entries: rawBody.entries.map(real) } : rawBody;

          const client = new TestClient(ip);
          const cookie = kindOf === "garbage-cookie" ? garbage : who.cookie;
          if (cookie) {
            const at = cookie.indexOf("=");
            client.cookies.set(cookie.slice(0, at), cookie.slice(at + 1));
          }
          const url = pathOf(segments, params, query);
          const init =
            body.kind === "multipart"
              ? { method, form: body.entries }
              : body.kind === "urlencoded"
                ? { method, raw: { contentType: "application/x-www-form-urlencoded", body: new URLSearchParams(body.entries.map(([k, v]) => [wellFormed(k), wellFormed(v)])).toString() } }
                : body.kind === "raw"
                  ? { method, raw: { contentType: body.contentType, body: body.body } }
                  : { method };
          const label = `${name} ${kind} ${method} ${url.slice(0, 200)} as ${kindOf} with ${body.kind === "raw" ? `${body.kind} ${body.contentType}` : body.kind}`;
          let outcome: Outcome;
          try {
            outcome = await client.call(handler, url, params, init);
          } catch (error) {
            // Anything but a Response escaping a loader or action is a 500 in production.
            throw new Error(`${label}: threw ${(error as Error)?.stack ?? String(error)}`);
          }
          judge(outcome, label);
          if (process.env.FUZZ_STATS) console.log(`STAT ${name} ${kind} ${outcome.status} ${kindOf} ${body.kind}`);
        }),
        { numRuns: RUNS },
      );
    });
  }
});

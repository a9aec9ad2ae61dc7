/**
 * Durability of the production build (ADR 0018): a SIGKILL in the middle of a burst of answer
 * submissions loses no acknowledged answer and duplicates none; concurrent duplicates with one
 * idempotency key store one row; a database write-locked by another connection answers within
 * busy_timeout or with 503 + Retry-After, and is intact afterwards. Checked over HTTP and by
 * reading the SQLite file directly.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type RunningServer } from "./server";

const BUSY_TIMEOUT_MS = 1000;
const WORKERS = 16;
/** Acknowledged answers before the kill; the kill lands while others are in flight. */
const KILL_AFTER = 100;

let dir: string;
let dbFile: string;
let server: RunningServer;

async function start(): Promise<RunningServer> {
  return startServer({ DATABASE_PATH: dbFile, DATABASE_BUSY_TIMEOUT_MS: String(BUSY_TIMEOUT_MS), LOG_LEVEL: "warn" });
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), "gw-durability-"));
  dbFile = path.join(dir, "durability.db");
  server = await start();
});

afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

// ── a browser without JavaScript: cookies, forms, redirects by hand ─────────────────────────

type Form = Array<[string, string]>;

class Browser {
  cookies = new Map<string, string>();

  async request(base: string, pathname: string, init: { method?: string; form?: Form } = {}): Promise<Response> {
    const headers: Record<string, string> = { Cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; "), Accept: "text/html" };
    let body: string | undefined;
    if (init.form) {
      body = new URLSearchParams(init.form).toString();
      headers["Content-Type"] = "application/x-www-form-urlencoded";
      headers.Origin = base; // what a browser sends with a form post
    }
    const res = await fetch(base + pathname, { method: init.method ?? (init.form ? "POST" : "GET"), headers, body, redirect: "manual" });
    for (const raw of res.headers.getSetCookie()) {
      const [pair] = raw.split(";");
      const eq = pair!.indexOf("=");
      this.cookies.set(pair!.slice(0, eq), pair!.slice(eq + 1));
    }
    return res;
  }
}

const attr = (tag: string, name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(tag)?.[1];

/** The answer form of an open question page, filled in with some valid answer. */
export function answerFormOf(html: string): { form: Form; total: number } | null {
  const start = html.search(/<form[^>]*>(?:(?!<\/form>)[\s\S])*name="intent" value="answer"/);
  if (start < 0) return null;
  const markup = html.slice(start, html.indexOf("</form>", start));
  const form: Form = [];
  const seen = new Set<string>();
  for (const [tag] of markup.matchAll(/<(?:input|select|textarea)\b[^>]*>/g)) {
    const name = attr(tag, "name");
    const type = attr(tag, "type");
    if (!name || seen.has(name)) continue;
    if (type === "hidden") form.push([name, name === "msTaken" ? "4200" : attr(tag, "value")!]);
    else if (name === "confidence") continue;
    else if (type === "radio" || type === "checkbox") form.push([name, attr(tag, "value")!]);
    else if (tag.startsWith("<select")) form.push([name, String(Number(name.replace("position-", "")) + 1)]);
    else if (tag.startsWith("<textarea")) form.push([name, "Retries need an idempotency key so a replay returns the stored result."]);
    else form.push([name, "42"]);
    seen.add(name);
  }
  const total = Number(/Question \d+ of (\d+)/.exec(html)?.[1] ?? 0);
  return { form, total };
}

async function startSession(b: Browser, base: string, slug: string): Promise<string> {
  const res = await b.request(base, `/topics/${slug}`, { form: [] });
  expect(res.status).toBe(302);
  return res.headers.get("Location")!.split("/").pop()!;
}

async function openStep(b: Browser, base: string, sessionId: string, n: number) {
  const res = await b.request(base, `/practice/${sessionId}/q/${n}`);
  return res.status === 200 ? answerFormOf(await res.text()) : null;
}

function readDb<T>(fn: (db: Database.Database) => T): T {
  const db = new Database(dbFile, { fileMustExist: true });
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

const keyOf = (form: Form) => form.find(([k]) => k === "idempotencyKey")![1];

// ── kill -9 ──────────────────────────────────────────────────────────────────────────────────

type Sent = { browser: Browser; sessionId: string; step: number; form: Form; key: string; status: number | "failed"; location: string | null };

describe("a server killed with SIGKILL during a burst of answers", () => {
  it("keeps every acknowledged answer exactly once, and replays after restart store nothing twice", async () => {
    const base = server.url;
    const t0 = Date.now();
    const sent: Sent[] = [];
    let acknowledged = 0;
    let inFlight = 0;
    let killed = false;
    const victim = server;
    const exited = new Promise<NodeJS.Signals | null>((resolve) => victim.child.once("exit", (_code, signal) => resolve(signal)));
    const kill = () => {
      if (killed) return;
      killed = true;
      victim.child.kill("SIGKILL");
    };

    const topics = ["idempotency", "indexing", "rate-limiting", "caching"];
    const worker = async (w: number) => {
      const b = new Browser();
      try {
        for (let round = 0; !killed; round++) {
          const sessionId = await startSession(b, base, topics[(w + round) % topics.length]!);
          for (let n = 1; !killed; n++) {
            const page = await openStep(b, base, sessionId, n);
            if (!page) break;
            const entry: Sent = { browser: b, sessionId, step: n - 1, form: page.form, key: keyOf(page.form), status: "failed", location: null };
            sent.push(entry);
            inFlight++;
            // Once enough answers are acknowledged, kill while several answers are on the wire.
            if (acknowledged >= KILL_AFTER && inFlight >= 3) setTimeout(kill, Math.random() * 10);
            try {
              const res = await b.request(base, `/practice/${sessionId}/q/${n}`, { form: page.form });
              entry.status = res.status;
              entry.location = res.headers.get("Location");
              if (res.status === 303) acknowledged++;
            } finally {
              inFlight--;
            }
            if (n >= page.total) break;
          }
        }
      } catch (error) {
        // After the kill the server is gone and this browser stops; before it, that is a failure.
        if (!killed) throw error;
      }
    };
    await Promise.all(Array.from({ length: WORKERS }, (_, w) => worker(w)));
    expect(await exited).toBe("SIGKILL");

    const ok = sent.filter((s) => s.status === 303);
    const lost = sent.filter((s) => s.status === "failed");
    // Every response before the kill was a success; the kill cut some answers off mid-request.
    expect(sent.filter((s) => s.status !== 303 && s.status !== "failed")).toEqual([]);
    expect(ok.length).toBeGreaterThanOrEqual(KILL_AFTER);
    expect(lost.length).toBeGreaterThan(0);
    for (const s of ok) expect(s.location).toBe(`/practice/${s.sessionId}/q/${s.step + 1}`);

    const tKilled = Date.now();
    rmSync(victim.dir, { recursive: true, force: true });
    server = await start();
    const tRestarted = Date.now();

    const counts = () =>
      readDb((db) => {
        expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
        const rows = db.prepare("select idempotency_key as key, practice_session_id as sessionId, step, count(*) over (partition by idempotency_key) as n from attempts").all() as Array<{
          key: string;
          sessionId: string;
          step: number;
          n: number;
        }>;
        const dupSteps = db.prepare("select practice_session_id, step from attempts where practice_session_id is not null group by 1, 2 having count(*) > 1").all();
        // Attempt and card commit together: no graded answer without its review.
        const unscheduled = db.prepare("select count(*) as n from attempts a where a.score is not null and not exists (select 1 from review_logs r where r.attempt_id = a.id)").get() as { n: number };
        return { byKey: new Map(rows.map((r) => [r.key, r])), rows, dupSteps, unscheduled: unscheduled.n };
      });

    const after = counts();
    for (const s of ok) {
      const row = after.byKey.get(s.key);
      expect(row, `acknowledged answer ${s.key} is missing`).toBeDefined();
      expect(row).toMatchObject({ sessionId: s.sessionId, step: s.step, n: 1 });
    }
    expect(after.rows.every((r) => r.n === 1)).toBe(true);
    expect(after.dupSteps).toEqual([]);
    expect(after.unscheduled).toBe(0);
    const sentKeys = new Set(sent.map((s) => s.key));
    expect(after.rows.filter((r) => !sentKeys.has(r.key))).toEqual([]);
    // Answers cut off by the kill may or may not have committed; nothing in between.
    expect(after.rows.length).toBeGreaterThanOrEqual(ok.length);
    expect(after.rows.length).toBeLessThanOrEqual(sent.length);

    // The clients retry everything with the same keys and cookies: acknowledged answers replay,
    // cut-off ones are stored now or replayed, and no key or step is ever stored twice.
    const replays = await Promise.all(sent.map((s) => s.browser.request(server.url, `/practice/${s.sessionId}/q/${s.step + 1}`, { form: s.form })));
    replays.forEach((res, i) => {
      expect(res.status).toBe(303);
      expect(res.headers.get("Location")).toBe(`/practice/${sent[i]!.sessionId}/q/${sent[i]!.step + 1}`);
    });
    const replayed = counts();
    expect(replayed.rows.length).toBe(sentKeys.size);
    expect(replayed.rows.every((r) => r.n === 1)).toBe(true);
    expect(replayed.dupSteps).toEqual([]);
    expect(replayed.unscheduled).toBe(0);
    for (const s of ok) expect(replayed.byKey.get(s.key)).toMatchObject({ sessionId: s.sessionId, step: s.step });
    console.info(
      `kill -9: ${sent.length} answers sent by ${WORKERS} browsers, ${ok.length} acknowledged, ${lost.length} cut off (${after.rows.length - ok.length} of them committed); ` +
        `burst ${tKilled - t0} ms, restart ${tRestarted - tKilled} ms, checks and ${sent.length} replays ${Date.now() - tRestarted} ms`,
    );
  });
});

// ── duplicates ───────────────────────────────────────────────────────────────────────────────

describe("concurrent duplicate submissions over HTTP", () => {
  it("store one attempt and answer every copy with the same redirect", async () => {
    const b = new Browser();
    const sessionId = await startSession(b, server.url, "idempotency");
    const page = (await openStep(b, server.url, sessionId, 1))!;
    const copies = await Promise.all(Array.from({ length: 24 }, () => b.request(server.url, `/practice/${sessionId}/q/1`, { form: page.form })));
    expect(new Set(copies.map((r) => `${r.status} ${r.headers.get("Location")}`))).toEqual(new Set([`303 /practice/${sessionId}/q/1`]));
    const rows = readDb((db) => db.prepare("select count(*) as n from attempts where idempotency_key = ? or practice_session_id = ?").get(keyOf(page.form), sessionId)) as { n: number };
    expect(rows.n).toBe(1);
  });
});

// ── a busy database ──────────────────────────────────────────────────────────────────────────

describe("a database write-locked by another connection", () => {
  /** Holds SQLite's write lock from this process, as a backup tool or an operator's shell might. */
  function holdWriteLock(): Database.Database {
    const db = new Database(dbFile, { fileMustExist: true });
    db.pragma("busy_timeout = 0");
    db.exec("begin immediate");
    return db;
  }

  it("answers once the lock is released within busy_timeout", async () => {
    const b = new Browser();
    const sessionId = await startSession(b, server.url, "caching");
    const page = (await openStep(b, server.url, sessionId, 1))!;
    const lock = holdWriteLock();
    const held = 300;
    setTimeout(() => {
      lock.exec("commit");
      lock.close();
    }, held);
    const started = Date.now();
    const res = await b.request(server.url, `/practice/${sessionId}/q/1`, { form: page.form });
    expect(res.status).toBe(303);
    expect(Date.now() - started).toBeGreaterThanOrEqual(held - 50); // it waited for the lock, then wrote
    const n = readDb((db) => (db.prepare("select count(*) as n from attempts where idempotency_key = ?").get(keyOf(page.form)) as { n: number }).n);
    expect(n).toBe(1);
  });

  it("answers 503 with Retry-After while the lock outlasts busy_timeout, then takes the retry; the file stays intact", async () => {
    const b = new Browser();
    const sessionId = await startSession(b, server.url, "rate-limiting");
    const page = (await openStep(b, server.url, sessionId, 1))!;
    const lock = holdWriteLock();
    try {
      const doc = await b.request(server.url, `/practice/${sessionId}/q/1`, { form: page.form });
      expect(doc.status).toBe(503);
      expect(doc.headers.get("Retry-After")).toBe(String(Math.ceil(BUSY_TIMEOUT_MS / 1000)));
      const html = await doc.text();
      expect(html).toMatch(/Busy right now/);
      expect(html).not.toMatch(/SqliteError|SQLITE_BUSY|\bat .*:\d+:\d+|node_modules/);

      // The same through Remix's data request, as a hydrated page submits it.
      const data = await b.request(server.url, `/practice/${sessionId}/q/1.data`, { form: page.form });
      expect(data.status).toBe(503);
      expect(data.headers.get("Retry-After")).toBe(String(Math.ceil(BUSY_TIMEOUT_MS / 1000)));
      expect(await data.text()).not.toMatch(/SqliteError|\bat .*:\d+:\d+/);

      // Reads do not need the write lock (WAL): the question page still renders.
      expect((await b.request(server.url, `/practice/${sessionId}/q/1`)).status).toBe(200);
    } finally {
      lock.exec("rollback");
      lock.close();
    }
    const retry = await b.request(server.url, `/practice/${sessionId}/q/1`, { form: page.form });
    expect(retry.status).toBe(303);
    readDb((db) => {
      expect((db.prepare("select count(*) as n from attempts where idempotency_key = ?").get(keyOf(page.form)) as { n: number }).n).toBe(1);
      expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
    });
    expect(server.logs.join("")).not.toMatch(/unhandled error/);
  });
});

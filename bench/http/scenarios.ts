/**
 * The load scenarios of `npm run bench`, one entry each. A scenario seeds the template database
 * through the app's models (in the bench process, before any server starts) and returns its
 * workload: the requests autocannon sends and, optionally, a check of the database afterwards.
 *
 * Adding a scenario is adding an entry to `scenarios` below; the runner measures it against the
 * production build and both baselines and reports it against its targets.
 */
import { randomUUID } from "node:crypto";
import type Database from "better-sqlite3";
import type { Request } from "autocannon";
import { eachRequest, perConnection } from "./load";
import { answerBody, type Learner, type SeededSession } from "./seed";

export type Targets = {
  /** Requests per second the production build must reach (2 cores). */
  minRps?: number;
  /** 99th-percentile latency it must stay under. */
  maxP99Ms?: number;
  maxErrors: number;
  /** Peak resident memory of the server and its children. */
  maxRssMb: number;
};

/** The goals that hold for every scenario: no errors, under 300 MB. */
export const EVERY_SCENARIO: Targets = { maxErrors: 0, maxRssMb: 300 };

export type SeedContext = {
  /** Guest learners with a session cookie and one finished practice session each; made once, shared. */
  learners(): Promise<Learner[]>;
  startSessions(learners: Learner[], count: number): Promise<SeededSession[]>;
  /** The most requests one app-server run (warm-up + measurement) can send at `perSecond`, for sizing pools. */
  capacity(perSecond: number): number;
  connections: number;
  /** Link secrets of `count` candidates with started attempts on one published pre-screen. */
  candidates(count: number): Promise<string[]>;
};

export type Workload = {
  /**
   * A fresh request list for one server: the app (warm-up then measurement, sharing this list's
   * state) or a baseline. `origin` is that server's origin, for the Origin header of form posts.
   */
  requests(origin: string): Request[];
  /**
   * After the app server has stopped: does its database hold what the successful responses claim?
   * Returns a problem to report, or null.
   */
  verify?(db: Database.Database, successes: number): string | null;
};

export type Scenario = {
  /** Command-line name (`--scenarios practice-page`). */
  name: string;
  title: string;
  /** What one request is, for the report. */
  request: string;
  targets: Targets;
  /**
   * Variables for the app server, e.g. a rate limit that would otherwise answer 429 to a single
   * client sending thousands of requests.
   */
  serverEnv?: Record<string, string>;
  seed(ctx: SeedContext): Promise<Workload>;
};

/**
 * The bare-Remix baseline: a resource route (app/routes/healthz.ts) whose loader returns a constant
 * without touching the database, so a request pays express, pino-http and the Remix handler and
 * nothing of ours. An existing production route, so no benchmark-only route has to ship.
 */
export const BARE_REMIX = { name: "bare-remix", path: "/healthz", routeId: "routes/healthz" } as const;

/** Browser-like headers: Remix streams the document to browsers (bots get it all at once). */
const BROWSER = {
  "user-agent": "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
  accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
};

function roundRobin<T>(items: T[]): () => T {
  let i = 0;
  return () => items[i++ % items.length]!;
}

const topicList: Scenario = {
  name: "topic-list",
  title: "Topic list",
  request: "GET /topics as a signed-in learner with progress (100 learners, round-robin)",
  targets: EVERY_SCENARIO,
  async seed(ctx) {
    const learners = await ctx.learners();
    return {
      requests() {
        const next = roundRobin(learners);
        return eachRequest(() => ({ method: "GET", path: "/topics", headers: { ...BROWSER, cookie: next().cookie } }));
      },
    };
  },
};

const practicePage: Scenario = {
  name: "practice-page",
  title: "Practice question page",
  request: "GET /practice/:id/q/1, an open question of a started session (100 learners, round-robin)",
  targets: { ...EVERY_SCENARIO, minRps: 1000, maxP99Ms: 30 },
  async seed(ctx) {
    const learners = await ctx.learners();
    const sessions = await ctx.startSessions(learners, learners.length);
    return {
      requests() {
        const next = roundRobin(sessions);
        return eachRequest(() => {
          const s = next();
          return { method: "GET", path: `/practice/${s.id}/q/1`, headers: { ...BROWSER, cookie: s.learner.cookie } };
        });
      },
    };
  },
};

/** Highest answer rate the seeded sessions can absorb before they run out. */
const ANSWER_POOL_RATE = 3000;

const answerSubmission: Scenario = {
  name: "answer-submit",
  title: "Answer submission",
  request: "POST /practice/:id/q/:n, a fresh idempotency key each; each connection answers a session's 10 steps in order (303)",
  targets: { ...EVERY_SCENARIO, minRps: 800, maxP99Ms: 30 },
  async seed(ctx) {
    const learners = await ctx.learners();
    const size = Math.ceil(ctx.capacity(ANSWER_POOL_RATE) / 10) + ctx.connections;
    const pool = await ctx.startSessions(learners, size);
    let claimed = 0;
    return {
      requests(origin) {
        let next = 0;
        return perConnection(
          10,
          () => {
            claimed = Math.max(claimed, next + 1);
            return pool[next++ % pool.length]!;
          },
          (s, step) => ({
            method: "POST",
            path: `/practice/${s.id}/q/${step + 1}`,
            headers: { ...BROWSER, cookie: s.learner.cookie, origin, "content-type": "application/x-www-form-urlencoded" },
            body: answerBody(s.steps[step]!, randomUUID()),
          }),
        );
      },
      verify(db, successes) {
        if (claimed > pool.length) {
          return `ran out of seeded sessions (${claimed} claimed, ${pool.length} seeded): the server answered over ${ANSWER_POOL_RATE}/s; raise ANSWER_POOL_RATE`;
        }
        const ids = new Set(pool.map((s) => s.id));
        const rows = db.prepare("select practice_session_id as id, count(*) as n from attempts group by practice_session_id").all() as Array<{ id: string; n: number }>;
        const stored = rows.reduce((sum, r) => sum + (ids.has(r.id) ? r.n : 0), 0);
        // Requests still in flight when a run stops may be stored without a response being counted.
        const slack = 2 * ctx.connections;
        if (stored < successes) return `${successes} answers were acknowledged but only ${stored} are stored`;
        if (stored > successes + slack) return `${stored} answers stored for ${successes} acknowledged (more than ${slack} in flight)`;
        return null;
      },
    };
  },
};

/** Candidates taking one pre-screen at the same time. */
export const PRESCREEN_CANDIDATES = 1000;
/** Autosaves each connection sends for a candidate before it claims the next one. */
const SAVES_PER_CANDIDATE = 5;

const prescreenAutosave: Scenario = {
  name: "prescreen-autosave",
  title: "Pre-screen autosave",
  request: `POST /c/:token/q/1.data (what the page's autosave fetcher sends), a free-text autosave with a rising revision (${PRESCREEN_CANDIDATES} candidates with started attempts, each connection ${SAVES_PER_CANDIDATE} saves per candidate, round-robin)`,
  targets: EVERY_SCENARIO,
  async seed(ctx) {
    const candidates = await ctx.candidates(PRESCREEN_CANDIDATES);
    let revision = Date.now() * 1000;
    return {
      requests(origin) {
        const next = roundRobin(candidates);
        return perConnection(SAVES_PER_CANDIDATE, next, (token, i) => ({
          method: "POST",
          path: `/c/${token}/q/1.data`,
          headers: { ...BROWSER, origin, "content-type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({ intent: "save", rev: String(++revision), msDelta: "1500", text: `Draft ${i + 1}: store the idempotency key with the response, in the same transaction.` }).toString(),
        }));
      },
      verify(db, successes) {
        const row = db.prepare("select count(*) as rows, coalesce(sum(saves), 0) as saves from candidate_answers").get() as { rows: number; saves: number };
        const slack = 2 * ctx.connections;
        if (row.rows > PRESCREEN_CANDIDATES) return `${row.rows} answer rows for ${PRESCREEN_CANDIDATES} candidates: an autosave was stored twice`;
        if (row.saves < successes) return `${successes} autosaves were acknowledged but only ${row.saves} applied`;
        if (row.saves > successes + slack) return `${row.saves} autosaves applied for ${successes} acknowledged (more than ${slack} in flight)`;
        return null;
      },
    };
  },
};

/** The registry: adding a scenario is adding it here (ADR 0019). */
export const scenarios: Scenario[] = [topicList, practicePage, answerSubmission, prescreenAutosave];

/**
 * Job description → Groundwork topics → a proposed pre-screen blueprint.
 *
 * Pure and deterministic: no I/O, no clock, no randomness. The same text, topic list and options always
 * give the same result (ties are broken by slug), so a proposal can be recomputed and compared.
 * docs/jd-mapping.md explains the rules for interviewers; this header is the reference for the code.
 *
 * 1. Normalise. NFKC, unicode bullets → "-", dashes → "-", curly quotes → ASCII, lowercase, whitespace
 *    collapsed to single spaces within each line.
 * 2. Split into sections. A line is a heading when it is not a bullet and is short: a Markdown `#`
 *    heading; or "Label: rest" with a label of at most 5 words starting with a capital; or at most 6
 *    words, capitalised, not ending in . , ; ! ? and either recognised by HEADING_RULES or following a
 *    blank line or a line that ends a sentence. The label picks the section's factor (HEADING_RULES,
 *    SECTION_FACTORS):
 *      focus ×3     "Expected System Design Knowledge", "Candidate Evaluation Focus"
 *      default ×1   responsibilities, requirements, any other heading, text before the first heading
 *      secondary ×½ "Good to have", "Nice to have", "Preferred", "Bonus", "About us"
 *      ignored ×0   pay, benefits, location, application questions
 *    The label and, for "Label: rest", the rest are searched as part of the new section (a plain list
 *    line mistaken for a heading loses nothing but its section's factor). Lines of one section are
 *    joined with spaces, so a phrase wrapped across lines still matches; a phrase never spans a label
 *    and the line after it.
 * 3. Find terms. Every KEYWORD_TABLE pattern is matched case-insensitively on word boundaries
 *    (a letter or digit on either side blocks a match: "cachet" is not "cache", "weeks" holds no "eks").
 *    A space or hyphen in a pattern matches a space or a hyphen ("rate limit" = "rate-limit"); a pattern
 *    ending in a letter also matches its plural with "s"/"es"; a trailing `*` makes a prefix
 *    ("throttl*" = throttle, throttling, throttled). Overlapping matches are resolved longest first:
 *    "cache invalidation" counts once, for that phrase, not also for "cache". The same phrase listed under
 *    two topics (e.g. "sqs") counts for both.
 * 4. Score. For each term, effective count = Σ section factor over its hits, capped at TERM_CAP: one
 *    mention in a focus list counts as much as three anywhere else, and repetition beyond that adds
 *    nothing. A term contributes weight × effective count. A topic's contributions, largest first, are
 *    added with TERM_DECAY (×1, ×½, ×¼, …): the best evidence counts in full and each further term less,
 *    so a JD listing five observability tools is not five times as much about observability, and a topic
 *    named in the focus list and corroborated elsewhere outranks one only mentioned in passing.
 * 5. Choose. Topics with score ≥ MIN_SCORE that exist in the caller's topic list and have questions; the
 *    top `maxTopics` by score, ties by slug; never more topics than `totalQuestions`. A match's `weight`
 *    is its share of the chosen topics' total score (the weights sum to 1).
 * 6. Allocate `totalQuestions` over the chosen topics by weight with largest-remainder rounding, then
 *    raise every topic to at least 1 (taking from the largest allocation), then cap each at its available
 *    questions and MAX_SECTION_COUNT, giving the excess to the topics furthest below their ideal share.
 * 7. Blueprint. One `questions` section per chosen topic, difficulty "any" and every question type: a
 *    topic holds ~20 questions but only 5–9 at each difficulty, so narrowing to the candidate's level
 *    would hand most candidates the same questions and defeat drawing at random. When `includeDrills`,
 *    the top 3 topics that have drills get one `drills` section of 1 (at most 2 drill sections); drills
 *    are on top of `totalQuestions`. The blueprint is parsed with blueprintSchema (a failure is a bug and
 *    throws). No match → `blueprint: null` and a note, because a blueprint with no items is invalid.
 * 8. Seniority (a hint shown to the interviewer; it does not change the sections). A title phrase wins
 *    (the first in the text): "senior|sr|staff|principal|lead … engineer/developer/…", "tech lead" →
 *    senior; "mid-level|intermediate …" → mid; "junior|jr|graduate|entry-level …", "new grad",
 *    "intern" → junior — ignoring phrases after "mentor(ing)", "support", "alongside" and the like
 *    ("mentoring junior engineers" is not a junior role). Without a title, years of experience decide:
 *    the bar is the largest lower bound stated ("3-6 years" → 3, "5+ years" → 5, "4 years" → 4), since a
 *    candidate must meet every requirement; ≥ 5 → senior, 2–4 → mid, 0–1 → junior. No evidence → mid.
 */
import type { Difficulty } from "../content/schema";
import { blueprintSchema, MAX_ITEMS, MAX_SECTION_COUNT, MAX_SECTIONS, type Blueprint, type DifficultyFilter, type Section } from "./blueprint";

// ---------------------------------------------------------------------------------------------------
// Keyword table
// ---------------------------------------------------------------------------------------------------

export type KeywordTerm = { readonly pattern: string; readonly weight: number };
export type KeywordEntry = { readonly topic: string; readonly terms: readonly KeywordTerm[] };

/** Names the topic and little else: "idempotency", "kubernetes", "rate limiting". */
const STRONG = 3;
/** Clearly about the topic but also used loosely, or one tool among several: "redis", "queue", "docker". */
const CLEAR = 2;
/** Related but broad: "latency", "scalability", "monitoring". */
const BROAD = 1;
/** Ambiguous on its own; only adds to other evidence: "api", "performance", "database". */
const WEAK = 0.5;

function w(weight: number, ...patterns: string[]): KeywordTerm[] {
  return patterns.map((pattern) => ({ pattern, weight }));
}

/**
 * The source of truth for which words point at which topic. Patterns are lowercase literal phrases
 * (see step 3 of the header for spaces, hyphens, plurals and the `*` prefix). Weights: STRONG 3,
 * CLEAR 2, BROAD 1, WEAK 0.5. Keep ambiguous words WEAK so they only ever add to real evidence.
 */
export const KEYWORD_TABLE: readonly KeywordEntry[] = [
  {
    topic: "authentication",
    terms: [
      ...w(STRONG, "authentication", "json web token", "openid connect", "oidc", "single sign-on", "mfa", "multi-factor", "two-factor", "password hashing", "refresh token"),
      ...w(CLEAR, "authn", "jwt", "oauth", "oauth2", "oauth 2.0", "sso", "saml", "2fa", "bcrypt", "argon2", "passkey", "webauthn", "access token", "session management"),
      ...w(BROAD, "login", "log-in", "sign-in"),
    ],
  },
  {
    topic: "authorization-api-security",
    terms: [
      ...w(STRONG, "authorization", "authorisation", "rbac", "abac", "role-based access control", "api security", "secure api design", "owasp", "secrets management", "secret management", "mtls", "mutual tls", "least privilege"),
      ...w(CLEAR, "authz", "access control", "kms", "cors", "csrf", "input validation", "application security"),
      ...w(BROAD, "permission", "encryption", "tls", "security best practices"),
      ...w(WEAK, "security", "secure"),
    ],
  },
  {
    topic: "caching",
    terms: [
      ...w(STRONG, "caching", "cache invalidation", "caching strategy", "caching strategies", "cache strategy", "cache-aside", "memcached", "cache-control", "cache stampede"),
      ...w(CLEAR, "cache", "cached", "redis", "elasticache", "cdn", "write-through", "varnish"),
      ...w(BROAD, "write-back", "ttl", "in-memory store"),
    ],
  },
  {
    topic: "cicd-cloud-aws",
    terms: [
      ...w(STRONG, "ci/cd", "cicd", "ci/cd pipeline", "continuous integration", "continuous delivery", "continuous deployment", "terraform", "cloudformation", "infrastructure-as-code", "github actions", "gitlab ci", "jenkins", "blue/green", "blue-green", "deployment pipeline"),
      ...w(CLEAR, "aws", "amazon web services", "iac", "canary release", "canary deployment", "argocd", "argo cd", "cloud deployment", "pulumi", "cdk", "lambda"),
      ...w(BROAD, "pipeline", "deployment practices", "rds", "sqs", "elasticache", "cloudwatch", "api gateway", "gcp", "azure", "rollback"),
      ...w(WEAK, "deployment", "deploy", "cloud"),
    ],
  },
  {
    topic: "concurrency",
    terms: [
      ...w(STRONG, "concurrency", "multithreading", "multi-threading", "multithreaded", "multi-threaded", "thread pool", "race condition", "mutex", "lock-free", "goroutine", "async/await", "event loop"),
      ...w(CLEAR, "concurrent", "parallelism", "deadlock", "synchronization", "synchronisation", "semaphore", "gil", "virtual threads"),
      ...w(BROAD, "thread", "atomic", "parallel"),
    ],
  },
  {
    topic: "containers-docker",
    terms: [
      ...w(STRONG, "docker", "dockerfile", "docker compose", "containerisation", "containerization", "container image", "podman", "multi-stage build"),
      ...w(CLEAR, "container", "containerised", "containerized", "oci image", "cgroup"),
    ],
  },
  {
    topic: "database-schema-design",
    terms: [
      ...w(STRONG, "database schema", "database schema design", "schema design", "database design", "data modelling", "data modeling", "schema migration", "entity relationship"),
      ...w(CLEAR, "data model", "normalisation", "normalization", "denormalisation", "denormalization", "database migration", "erd", "foreign key", "data access patterns"),
      ...w(BROAD, "schema", "primary key", "access patterns", "constraints"),
      ...w(WEAK, "database", "data storage"),
    ],
  },
  {
    topic: "event-streaming-kafka",
    terms: [
      ...w(STRONG, "kafka", "apache kafka", "event streaming", "stream processing", "kinesis", "pulsar", "event sourcing", "consumer group", "debezium", "redpanda"),
      ...w(CLEAR, "event-driven architecture", "change data capture", "cdc", "streaming platform", "event bus"),
      ...w(BROAD, "event-driven", "exactly-once", "streaming"),
    ],
  },
  {
    topic: "high-tps-performance",
    terms: [
      ...w(STRONG, "high tps", "p99", "p95", "p999", "tail latency", "load testing", "load test", "stress testing", "performance testing", "capacity planning", "bottleneck analysis", "performance optimisation", "performance optimization", "performance tuning", "peak traffic", "traffic spike", "little's law", "k6", "jmeter", "gatling"),
      ...w(CLEAR, "tps", "qps", "rps", "requests per second", "throughput", "high throughput", "low latency", "percentile", "bottleneck", "load shedding", "flame graph", "profiling", "locust"),
      ...w(BROAD, "latency", "under load", "high traffic", "performance issues"),
      ...w(WEAK, "performance", "optimise", "optimize", "optimisation", "optimization"),
    ],
  },
  {
    topic: "idempotency",
    terms: [
      ...w(STRONG, "idempotency", "idempotent", "idempotence", "idempotency key", "duplicate request", "duplicate message", "duplicate payment"),
      ...w(CLEAR, "deduplication", "de-duplication", "dedupe", "dedup", "exactly-once", "double charge", "double-charging", "duplicate event"),
      ...w(BROAD, "at-least-once", "duplicate"),
    ],
  },
  {
    topic: "indexing",
    terms: [
      ...w(STRONG, "indexing", "database index", "b-tree", "btree", "composite index", "covering index", "partial index"),
      ...w(CLEAR, "index", "indices", "secondary index"),
    ],
  },
  {
    topic: "kubernetes-eks",
    terms: [
      ...w(STRONG, "kubernetes", "k8s", "eks", "amazon eks", "helm", "kubectl", "kustomize", "horizontal pod autoscaler", "container orchestration"),
      ...w(CLEAR, "aks", "gke", "openshift", "hpa", "istio", "linkerd", "readiness probe", "liveness probe"),
      ...w(BROAD, "pod", "ingress", "cloud-native", "service mesh", "autoscaling"),
    ],
  },
  {
    topic: "load-balancing-scaling",
    terms: [
      ...w(STRONG, "load balancing", "load balancer", "load-balanced", "horizontal scaling", "horizontally scalable", "scale horizontally", "scaling horizontally", "vertical scaling", "haproxy", "sticky session"),
      ...w(CLEAR, "autoscaling", "auto-scaling", "alb", "nlb", "elb", "round robin", "scale out"),
      ...w(BROAD, "scalability", "scaling", "stateless", "nginx", "envoy", "high availability", "health check"),
      ...w(WEAK, "scalable", "scale"),
    ],
  },
  {
    topic: "memory-gc-runtime",
    terms: [
      ...w(STRONG, "garbage collection", "garbage collector", "memory management", "memory leak", "memory optimisation", "memory optimization", "runtime behaviour", "runtime behavior", "runtime performance", "out of memory", "oomkilled", "heap dump", "memory profiling"),
      ...w(CLEAR, "gc", "memory usage", "heap", "oom", "jvm tuning"),
      ...w(BROAD, "memory", "runtime", "jvm", "v8"),
    ],
  },
  {
    topic: "microservices-architecture",
    terms: [
      ...w(STRONG, "microservice", "micro-service", "microservices architecture", "service boundaries", "service discovery", "saga", "saga pattern"),
      ...w(CLEAR, "distributed services", "service architecture", "service-oriented architecture", "soa", "domain-driven design", "ddd", "api gateway", "backend for frontend", "bff", "monolith", "service mesh"),
      ...w(BROAD, "service design", "grpc", "inter-service"),
    ],
  },
  {
    topic: "observability",
    terms: [
      ...w(STRONG, "observability", "distributed tracing", "structured logging", "log aggregation", "production monitoring", "prometheus", "grafana", "loki", "jaeger", "zipkin", "opentelemetry", "otel", "datadog", "new relic", "error budget", "slo", "correlation id"),
      ...w(CLEAR, "monitoring", "metric", "tracing", "logging", "alerting", "splunk", "elk", "cloudwatch", "sli", "apm", "honeycomb"),
      ...w(BROAD, "tempo", "alert", "dashboard", "sla", "on-call", "telemetry"),
    ],
  },
  {
    topic: "query-optimisation",
    terms: [
      ...w(STRONG, "query optimisation", "query optimization", "query performance", "slow query", "slow queries", "query plan", "execution plan", "explain analyze", "explain analyse", "n+1", "query tuning", "sql tuning", "keyset pagination"),
      ...w(CLEAR, "database performance", "database bottleneck", "connection pool", "connection pooling", "optimise queries", "optimize queries"),
      ...w(BROAD, "orm", "pagination", "data access"),
      ...w(WEAK, "postgresql", "postgres", "mysql", "mariadb", "sql server", "query", "queries"),
    ],
  },
  {
    topic: "queues-async-processing",
    terms: [
      ...w(STRONG, "message queue", "dead letter queue", "dlq", "async processing", "asynchronous processing", "async worker", "background job", "background worker", "background processing", "job queue", "task queue", "rabbitmq", "celery", "sidekiq", "bullmq", "activemq", "visibility timeout", "redrive"),
      ...w(CLEAR, "queue", "queueing", "queuing", "sqs", "amqp", "outbox", "at-least-once", "backpressure", "back-pressure", "message broker"),
      ...w(BROAD, "pub/sub", "asynchronous", "async", "event-driven", "worker"),
    ],
  },
  {
    topic: "rate-limiting",
    terms: [
      ...w(STRONG, "rate limit", "rate limiting", "rate limiter", "rate limited", "throttl*", "token bucket", "leaky bucket", "too many requests"),
      ...w(CLEAR, "sliding window", "fixed window", "api quota", "429"),
      ...w(BROAD, "quota", "ddos", "abuse prevention", "load shedding"),
    ],
  },
  {
    topic: "replication-sharding",
    terms: [
      ...w(STRONG, "replication", "read replica", "sharding", "shard", "consistent hashing", "replication lag", "split brain", "horizontal partitioning", "leader election"),
      ...w(CLEAR, "replica", "multi-az", "multi-region", "data partitioning", "distributed database", "failover"),
      ...w(BROAD, "partitioning", "high availability"),
    ],
  },
  {
    topic: "rest-api-design",
    terms: [
      ...w(STRONG, "api design", "rest api design", "api versioning", "openapi", "http status codes"),
      // "REST APIs" alone is often about consuming them ("integrate with REST APIs"), so it is not STRONG.
      ...w(CLEAR, "rest api", "restful", "http api", "status codes", "swagger", "graphql", "grpc", "web api", "api contract"),
      ...w(BROAD, "pagination", "api gateway", "web service", "http"),
      ...w(WEAK, "api", "endpoint", "json"),
    ],
  },
  {
    topic: "retries-fault-tolerance",
    terms: [
      ...w(STRONG, "retry", "retries", "retrying", "fault tolerance", "fault-tolerant", "circuit breaker", "bulkhead", "exponential backoff", "retry policy", "retry storm", "graceful degradation", "resilience4j", "polly"),
      ...w(CLEAR, "backoff", "jitter", "resilience", "resiliency", "high availability", "chaos engineering", "service reliability"),
      ...w(BROAD, "resilient", "timeout", "fallback", "failover", "reliability", "disaster recovery", "self-healing"),
      ...w(WEAK, "reliable"),
    ],
  },
  {
    topic: "sql-vs-nosql",
    terms: [
      ...w(STRONG, "nosql", "sql vs nosql", "document database", "document store", "key-value store", "wide-column", "mongodb", "dynamodb", "cassandra", "couchbase", "couchdb", "scylladb", "cap theorem", "pacelc", "polyglot persistence"),
      ...w(CLEAR, "mongo", "neo4j", "graph database", "firestore", "hbase", "bigtable", "cosmos db", "eventual consistency"),
      ...w(BROAD, "relational database", "sql database", "non-relational"),
      ...w(WEAK, "sql"),
    ],
  },
  {
    topic: "system-design-cases",
    terms: [
      ...w(STRONG, "back-of-the-envelope", "back of envelope", "capacity estimation", "url shortener", "news feed", "notification service", "high-level design"),
      ...w(CLEAR, "system design", "systems design", "scalable system", "large-scale system", "design discussion"),
      ...w(BROAD, "distributed system", "technical design", "design review", "design doc", "architecture"),
    ],
  },
  {
    topic: "transactions-consistency",
    terms: [
      ...w(STRONG, "acid", "isolation level", "data consistency", "mvcc", "two-phase commit", "2pc", "distributed transaction", "optimistic locking", "pessimistic locking", "optimistic concurrency", "lost update", "read committed", "repeatable read", "serializable isolation"),
      ...w(CLEAR, "transaction", "transactional", "strong consistency", "row lock", "row-level lock", "eventual consistency", "consistency model"),
      ...w(BROAD, "consistency", "outbox", "saga", "deadlock", "locking"),
    ],
  },
];

// ---------------------------------------------------------------------------------------------------
// Tunables
// ---------------------------------------------------------------------------------------------------

/** Hits of one term beyond this (after section factors) add nothing. */
export const TERM_CAP = 3;
/**
 * A topic's term contributions, largest first, count ×1, ×½, ×¼, …: the best evidence counts in full and
 * corroboration adds less each time, so a JD listing five observability tools is not five times as much
 * about observability. A topic's score is therefore below 2 × STRONG × TERM_CAP = 18.
 */
export const TERM_DECAY = 0.5;
/** A topic needs this score to be proposed: one STRONG mention, or corroborated weaker ones. */
export const MIN_SCORE = 3;
/** How many of the highest-scoring topics may get a drill section, and how many drill sections at most. */
export const DRILL_TOP_N = 3;
export const MAX_DRILL_SECTIONS = 2;

export type HeadingKind = "focus" | "default" | "secondary" | "ignored";
export const SECTION_FACTORS: Readonly<Record<HeadingKind, number>> = { focus: 3, default: 1, secondary: 0.5, ignored: 0 };

/** Heading label → section kind; the first rule that matches wins, an unknown heading is "default". */
export const HEADING_RULES: ReadonlyArray<{ kind: HeadingKind; pattern: RegExp }> = [
  { kind: "ignored", pattern: /\b(?:pay|salary|compensation|benefits|perks|application questions?|how to apply|equal opportunit\w*|eeo|work location|location|job types?|schedule|ctc)\b/ },
  { kind: "secondary", pattern: /\b(?:good to have|nice to have|nice-to-have|bonus|preferred|desirable|plus|optional|about us|about the (?:company|team))\b/ },
  { kind: "focus", pattern: /\b(?:system design|evaluation|focus|focus areas|what we(?:'ll| will)? (?:assess|evaluate|test|look for)|interview topics)\b/ },
];

// ---------------------------------------------------------------------------------------------------
// Types
// ---------------------------------------------------------------------------------------------------

export type JdTopic = {
  slug: string;
  title: string;
  questions: number;
  drills: number;
  byDifficulty: Record<Difficulty, number>;
};

export type JdMapOptions = {
  /** Questions to draw across all question sections (default 15). Drill sections come on top. */
  totalQuestions?: number;
  /** At most this many topics (default 8). */
  maxTopics?: number;
  /** Add up to 2 one-drill sections for top topics that have drills (default true). */
  includeDrills?: boolean;
};

export type JdTermCount = { term: string; count: number };
export type JdMatch = {
  topic: string;
  title: string;
  /** Σᵢ TERM_DECAY^i × cᵢ over term contributions cᵢ = weight × min(effective count, TERM_CAP), largest first. */
  score: number;
  /** Share of the chosen topics' total score, 0..1; sums to 1 over `matches`. */
  weight: number;
  /** Terms that matched, most frequent first; `count` is the number of hits outside ignored sections. */
  terms: JdTermCount[];
};

export type JdMapResult = {
  /** The chosen topics, highest score first. */
  matches: JdMatch[];
  seniority: Difficulty;
  seniorityEvidence: string[];
  /** The difficulty the proposed sections use: always "any" for now (see the header, step 7). */
  difficulty: DifficultyFilter;
  /** null when nothing matched: a blueprint with no sections is not valid. */
  blueprint: Blueprint | null;
  notes: string[];
};

// ---------------------------------------------------------------------------------------------------
// Normalising and splitting
// ---------------------------------------------------------------------------------------------------

const BULLETS = /[\u2022\u2023\u2043\u2219\u25aa\u25ab\u25a0\u25a1\u25b6\u25ba\u25cb\u25cf\u25e6\u27a2\u2713\u2714\u2756\u2605\u2606\u00b7]/g;
const DASHES = /[\u2010-\u2015\u2212\ufe58\ufe63\uff0d]/g;
const SINGLE_QUOTES = /[\u2018\u2019\u201a\u201b\u2032\u00b4`]/g;
const DOUBLE_QUOTES = /[\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb]/g;
const SPACES = /[\s\u00a0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000\ufeff]+/g;

/** One line (or any text) in the form terms are matched against. */
export function normaliseText(text: string): string {
  return text
    .normalize("NFKC")
    .replace(BULLETS, "-")
    .replace(DASHES, "-")
    .replace(SINGLE_QUOTES, "'")
    .replace(DOUBLE_QUOTES, '"')
    .toLowerCase()
    .replace(SPACES, " ")
    .trim();
}

export type Segment = { label: string | null; kind: HeadingKind; body: string };

const BULLET_LINE = /^(?:[-*+>]|\d{1,2}[.)])\s*/;
const SENTENCE_END = /[.:!?)]$/;

function startsUpper(raw: string): boolean {
  const first = raw.replace(/^[\s#*_>\-\d.)]+/, "").charAt(0);
  return first !== "" && first !== first.toLowerCase();
}

function wordCount(s: string): number {
  return s.split(" ").filter(Boolean).length;
}

function headingKind(label: string): HeadingKind {
  return HEADING_RULES.find((r) => r.pattern.test(label))?.kind ?? "default";
}

/** `{ label, rest }` when the line is a heading, else null. */
function asHeading(raw: string, norm: string, afterBreak: boolean): { label: string; rest: string } | null {
  const markdown = /^#{1,6}\s/.test(norm);
  const s = norm.replace(/^#{1,6}\s+/, "").replace(/^(\*\*|__)(.*)\1$/, "$2").replace(/^(\*\*|__)/, "").trim();
  if (!markdown && BULLET_LINE.test(s)) return null;
  if (s === "") return null;
  const upper = startsUpper(raw);
  const colon = s.indexOf(":");
  if (colon > 0) {
    const label = s.slice(0, colon).replace(/\*\*|__/g, "").trim();
    const rest = s.slice(colon + 1).replace(/^\*\*|^__/, "").trim();
    if (wordCount(label) <= 5 && label.length <= 50 && (markdown || upper)) return { label, rest };
  }
  if (markdown) return { label: s, rest: "" };
  const short = wordCount(s) <= 6 && s.length <= 60 && !/[.,;!?]$/.test(s) && upper;
  if (short && (afterBreak || HEADING_RULES.some((r) => r.pattern.test(s)))) return { label: s, rest: "" };
  return null;
}

/** The text split at headings, each part with the kind its heading gives it (see the header, step 2). */
export function splitSections(text: string): Segment[] {
  const segments: Segment[] = [];
  let current: { label: string | null; kind: HeadingKind; parts: string[] } = { label: null, kind: "default", parts: [] };
  let afterBreak = true;
  for (const raw of text.split(/\r\n|\r|\n/)) {
    const norm = normaliseText(raw);
    if (norm === "") {
      afterBreak = true;
      continue;
    }
    const heading = asHeading(raw, norm, afterBreak);
    if (heading) {
      segments.push({ label: current.label, kind: current.kind, body: current.parts.join(" ") });
      // "|" keeps a phrase from running from the label into the next line.
      current = { label: heading.label, kind: headingKind(heading.label), parts: [heading.label, "|", ...(heading.rest ? [heading.rest] : [])] };
      afterBreak = false;
    } else {
      current.parts.push(norm);
      afterBreak = SENTENCE_END.test(norm);
    }
  }
  segments.push({ label: current.label, kind: current.kind, body: current.parts.join(" ") });
  return segments.filter((s) => s.body !== "");
}

// ---------------------------------------------------------------------------------------------------
// Term matching
// ---------------------------------------------------------------------------------------------------

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}

/** The regular expression for one KEYWORD_TABLE pattern (see the header, step 3). */
export function compilePattern(pattern: string): RegExp {
  const prefix = pattern.endsWith("*");
  const body = prefix ? pattern.slice(0, -1) : pattern;
  const source = body.split(/[ -]/).map(escapeRegExp).join("[ -]");
  const tail = prefix ? "[a-z0-9]*" : /[a-z]$/.test(body) ? "(?:s|es)?" : "";
  return new RegExp(`(?<![a-z0-9])${source}${tail}(?![a-z0-9])`, "g");
}

/** `probe` is a substring every match contains: a cheap test before running the regular expression. */
type CompiledTerm = { topic: string; pattern: string; weight: number; re: RegExp; probe: string };
const COMPILED: readonly CompiledTerm[] = KEYWORD_TABLE.flatMap((e) =>
  e.terms.map((t) => ({
    topic: e.topic,
    pattern: t.pattern,
    weight: t.weight,
    re: compilePattern(t.pattern),
    probe: t.pattern
      .replace(/\*$/, "")
      .split(/[ -]/)
      .reduce((a, b) => (b.length > a.length ? b : a), ""),
  })),
);

type Hit = { start: number; end: number; term: CompiledTerm };

/** Non-overlapping hits in one string, longest match first; an identical span may count for several topics. */
function findHits(body: string): Hit[] {
  const candidates: Hit[] = [];
  for (const term of COMPILED) {
    if (!body.includes(term.probe)) continue;
    term.re.lastIndex = 0;
    // exec rather than matchAll, which clones the expression on every call.
    for (let m = term.re.exec(body); m; m = term.re.exec(body)) candidates.push({ start: m.index, end: m.index + m[0].length, term });
  }
  candidates.sort(
    (a, b) =>
      b.end - b.start - (a.end - a.start) ||
      a.start - b.start ||
      a.term.topic.localeCompare(b.term.topic) ||
      b.term.weight - a.term.weight ||
      a.term.pattern.localeCompare(b.term.pattern),
  );
  const kept: Hit[] = [];
  // covered[i] lists the kept hits over character i; hits are short, so this stays linear in the text.
  const covered: Hit[][] = Array.from({ length: body.length }, () => []);
  for (const c of candidates) {
    let clash = false;
    for (let i = c.start; i < c.end && !clash; i++) {
      clash = (covered[i] ?? []).some((k) => k.start !== c.start || k.end !== c.end || k.term.topic === c.term.topic);
    }
    if (clash) continue;
    kept.push(c);
    for (let i = c.start; i < c.end; i++) covered[i]?.push(c);
  }
  return kept.sort((a, b) => a.start - b.start || a.term.topic.localeCompare(b.term.topic));
}

export type TopicScan = {
  topic: string;
  score: number;
  terms: Array<{ term: string; count: number; effective: number; weight: number }>;
};

/**
 * Every topic with at least one term hit (outside ignored sections), highest score first, ties by slug.
 * No threshold and no topic list: `mapJobDescription` builds on this; the builder can use it to explain.
 */
export function scanJobDescription(text: string): TopicScan[] {
  const byTopic = new Map<string, Map<string, { count: number; effective: number; weight: number }>>();
  for (const segment of splitSections(text)) {
    const factor = SECTION_FACTORS[segment.kind];
    if (factor === 0) continue;
    for (const hit of findHits(segment.body)) {
      const terms = byTopic.get(hit.term.topic) ?? new Map<string, { count: number; effective: number; weight: number }>();
      byTopic.set(hit.term.topic, terms);
      const t = terms.get(hit.term.pattern) ?? { count: 0, effective: 0, weight: hit.term.weight };
      t.count += 1;
      t.effective += factor;
      terms.set(hit.term.pattern, t);
    }
  }
  const scans: TopicScan[] = [];
  for (const [topic, terms] of byTopic) {
    const list = [...terms].map(([term, t]) => ({ term, ...t }));
    list.sort((a, b) => b.count - a.count || b.weight - a.weight || a.term.localeCompare(b.term));
    const contributions = list.map((t) => t.weight * Math.min(t.effective, TERM_CAP)).sort((a, b) => b - a);
    const score = contributions.reduce((sum, c, i) => sum + c * TERM_DECAY ** i, 0);
    scans.push({ topic, score, terms: list });
  }
  return scans.sort((a, b) => b.score - a.score || a.topic.localeCompare(b.topic));
}

// ---------------------------------------------------------------------------------------------------
// Seniority
// ---------------------------------------------------------------------------------------------------

const TITLE_LEVELS: ReadonlyArray<[RegExp, Difficulty]> = [
  [/^(?:senior|sr\.?|staff|principal|lead)$/, "senior"],
  [/^(?:mid[ -]level|intermediate)$/, "mid"],
  [/^(?:junior|jr\.?|graduate|entry[ -]level)$/, "junior"],
];
const ROLE_NOUN = "(?:engineer|developer|programmer|sde|swe|architect|role|position|hire)s?";
const TITLE_RE = new RegExp(
  `(?<![a-z0-9])(senior|sr\\.?|staff|principal|lead|junior|jr\\.?|graduate|entry[ -]level|mid[ -]level|intermediate)\\s+(?:[a-z0-9./+#-]+\\s+){0,2}?${ROLE_NOUN}(?![a-z0-9])`,
  "g",
);
const LEAD_RE = /(?<![a-z0-9])(?:tech|team|technical|engineering) lead(?![a-z0-9])/g;
const JUNIOR_RE = /(?<![a-z0-9])(?:new grad(?:uate)?s?|internship|intern)(?![a-z0-9])/g;
const LEVEL_RE = /(?<![a-z0-9])(?:seniority|level)\s*:\s*(senior|mid|junior)(?![a-z0-9])/g;
/** A seniority word right after one of these describes other people, not the role. */
const NOT_THE_ROLE = new Set(["mentor", "mentoring", "mentors", "coach", "coaching", "support", "supporting", "guide", "guiding", "manage", "managing", "onboard", "onboarding", "alongside", "with", "help", "helping", "train", "training", "hire", "hiring", "grow", "growing"]);
const YEARS_RE = /(?<![0-9.,])(\d{1,2})(?:\s*(?:-|to)\s*(\d{1,2}))?\s*(\+)?\s*(?:years?|yrs?)(?![a-z])/g;

function previousWord(text: string, index: number): string {
  return /([a-z]+)[^a-z]*$/.exec(text.slice(Math.max(0, index - 40), index))?.[1] ?? "";
}

function levelOfTitleWord(word: string): Difficulty {
  return TITLE_LEVELS.find(([re]) => re.test(word))?.[1] ?? "mid";
}

function yearsLevel(years: number): Difficulty {
  if (years >= 5) return "senior";
  if (years >= 2) return "mid";
  return "junior";
}

export function detectSeniority(text: string): { seniority: Difficulty; evidence: string[]; notes: string[] } {
  const norm = normaliseText(text);
  const titles: Array<{ index: number; phrase: string; level: Difficulty }> = [];
  for (const m of norm.matchAll(TITLE_RE)) {
    if (NOT_THE_ROLE.has(previousWord(norm, m.index))) continue;
    titles.push({ index: m.index, phrase: m[0], level: levelOfTitleWord(m[1] ?? "") });
  }
  for (const m of norm.matchAll(LEAD_RE)) titles.push({ index: m.index, phrase: m[0], level: "senior" });
  for (const m of norm.matchAll(JUNIOR_RE)) titles.push({ index: m.index, phrase: m[0], level: "junior" });
  for (const m of norm.matchAll(LEVEL_RE)) titles.push({ index: m.index, phrase: m[0], level: (m[1] ?? "mid") as Difficulty });
  titles.sort((a, b) => a.index - b.index);

  const years: Array<{ phrase: string; min: number }> = [];
  for (const m of norm.matchAll(YEARS_RE)) {
    const min = Number(m[1]);
    const max = m[2] === undefined ? min : Number(m[2]);
    if (min > 40 || max < min) continue;
    years.push({ phrase: m[0].trim(), min });
  }

  const evidence: string[] = [];
  const notes: string[] = [];
  const add = (s: string) => {
    if (!evidence.includes(s)) evidence.push(s);
  };
  for (const t of titles) add(`title "${t.phrase}" → ${t.level}`);
  for (const y of years) add(`"${y.phrase}" → at least ${y.min} years`);
  const bar = years.length ? Math.max(...years.map((y) => y.min)) : null;

  let seniority: Difficulty;
  const first = titles[0];
  if (first) {
    seniority = first.level;
    const levels = new Set(titles.map((t) => t.level));
    if (levels.size > 1) notes.push(`The JD names more than one level (${[...levels].join(", ")}); the first, "${first.phrase}", was used.`);
    if (bar !== null && yearsLevel(bar) !== seniority) {
      add(`experience bar ${bar} years would read as ${yearsLevel(bar)}; the title takes precedence`);
    }
  } else if (bar !== null) {
    seniority = yearsLevel(bar);
    add(`experience bar ${bar} years (largest minimum stated) → ${seniority} (≥5 senior, 2–4 mid, 0–1 junior)`);
  } else {
    seniority = "mid";
    notes.push("No seniority found (no title level or years of experience); assumed mid.");
  }
  return { seniority, evidence, notes };
}

// ---------------------------------------------------------------------------------------------------
// Allocation and the blueprint
// ---------------------------------------------------------------------------------------------------

/**
 * Split `total` over items by score: largest remainder, then ≥ 1 each, then ≤ cap each. Items are in
 * priority order (score desc, slug asc); remaining ties go to the earlier item. Requires
 * items.length ≤ total and every cap ≥ 1. The result may sum to less than `total` only when the caps do.
 */
export function allocate(total: number, items: ReadonlyArray<{ score: number; cap: number }>): number[] {
  const n = items.length;
  if (n === 0) return [];
  const sum = items.reduce((s, i) => s + i.score, 0);
  const ideal = items.map((i) => (sum > 0 ? (total * i.score) / sum : total / n));
  const alloc = ideal.map((x) => Math.floor(x + 1e-9));
  const get = (arr: number[], i: number) => arr[i] ?? 0;
  const indices = items.map((_, i) => i);

  let left = total - alloc.reduce((s, a) => s + a, 0);
  const byRemainder = [...indices].sort((a, b) => get(ideal, b) - get(alloc, b) - (get(ideal, a) - get(alloc, a)) || a - b);
  for (let k = 0; left > 0; k++, left--) {
    const i = byRemainder[k % n] ?? 0;
    alloc[i] = get(alloc, i) + 1;
  }

  for (const i of indices) {
    if (get(alloc, i) > 0) continue;
    // Take one from the largest allocation; among equals, the one that loses least against its ideal, then the later item.
    const donor = [...indices]
      .filter((j) => get(alloc, j) > 1)
      .sort((a, b) => get(alloc, b) - get(alloc, a) || get(ideal, a) - get(alloc, a) - (get(ideal, b) - get(alloc, b)) || b - a)[0];
    if (donor === undefined) break;
    alloc[donor] = get(alloc, donor) - 1;
    alloc[i] = 1;
  }

  let excess = 0;
  items.forEach((item, i) => {
    if (get(alloc, i) > item.cap) {
      excess += get(alloc, i) - item.cap;
      alloc[i] = item.cap;
    }
  });
  while (excess > 0) {
    const room = indices
      .filter((i) => get(alloc, i) < (items[i]?.cap ?? 0))
      .sort((a, b) => get(ideal, b) - get(alloc, b) - (get(ideal, a) - get(alloc, a)) || a - b)[0];
    if (room === undefined) break;
    alloc[room] = get(alloc, room) + 1;
    excess--;
  }
  return alloc;
}

const LANGUAGE_RE = /(?<![a-z0-9])(golang|java|python|rust|node\.?js|typescript|javascript|kotlin|scala|ruby|php|c#|c\+\+|elixir|\.net)(?![a-z0-9])/g;

function checkInteger(name: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) throw new RangeError(`${name} must be a whole number from ${min} to ${max}, got ${value}`);
  return value;
}

function formatScore(n: number): string {
  return String(Math.round(n * 100) / 100);
}

/** Map a pasted job description to Groundwork topics and propose a pre-screen blueprint (see the header). */
export function mapJobDescription(text: string, topics: readonly JdTopic[], opts: JdMapOptions = {}): JdMapResult {
  const totalQuestions = checkInteger("totalQuestions", opts.totalQuestions ?? 15, 1, MAX_ITEMS);
  const maxTopics = checkInteger("maxTopics", opts.maxTopics ?? 8, 1, MAX_SECTIONS - MAX_DRILL_SECTIONS);
  const includeDrills = opts.includeDrills ?? true;
  const notes: string[] = [];

  const known = new Map(topics.map((t) => [t.slug, t]));
  const scans = scanJobDescription(text);
  const eligible: Array<{ scan: TopicScan; topic: JdTopic }> = [];
  const unavailable: string[] = [];
  for (const scan of scans) {
    if (scan.score < MIN_SCORE) continue;
    const topic = known.get(scan.topic);
    if (!topic || topic.questions < 1) unavailable.push(scan.topic);
    else eligible.push({ scan, topic });
  }
  if (unavailable.length) notes.push(`Matched but not available (unknown topic or no questions): ${unavailable.join(", ")}.`);

  const limit = Math.min(maxTopics, totalQuestions);
  const chosen = eligible.slice(0, limit);
  const dropped = eligible.slice(limit);
  if (dropped.length) {
    const why = limit < maxTopics ? `only ${totalQuestions} question(s) to share` : `maxTopics is ${maxTopics}`;
    notes.push(`Also matched, left out because ${why}: ${dropped.map((e) => `${e.scan.topic} (${formatScore(e.scan.score)})`).join(", ")}.`);
  }
  const weak = scans.filter((s) => s.score < MIN_SCORE);
  if (weak.length) notes.push(`Below the threshold of ${MIN_SCORE}: ${weak.map((s) => `${s.topic} (${formatScore(s.score)})`).join(", ")}.`);

  const { seniority, evidence, notes: seniorityNotes } = detectSeniority(text);
  notes.push(...seniorityNotes);

  const languages = [...new Set([...normaliseText(text).matchAll(LANGUAGE_RE)].map((m) => m[1] ?? ""))].sort();
  if (languages.length) notes.push(`Language requirements are not mapped (${languages.join(", ")}): Groundwork topics are language-agnostic.`);

  if (chosen.length === 0) {
    notes.push(`No Groundwork topic reached a score of ${MIN_SCORE}; build the pre-screen by hand.`);
    return { matches: [], seniority, seniorityEvidence: evidence, difficulty: "any", blueprint: null, notes };
  }

  const totalScore = chosen.reduce((s, c) => s + c.scan.score, 0);
  const matches: JdMatch[] = chosen.map(({ scan, topic }) => ({
    topic: scan.topic,
    title: topic.title,
    score: scan.score,
    weight: scan.score / totalScore,
    terms: scan.terms.map((t) => ({ term: t.term, count: t.count })),
  }));

  const caps = chosen.map(({ topic }) => Math.min(topic.questions, MAX_SECTION_COUNT));
  const counts = allocate(totalQuestions, chosen.map((c, i) => ({ score: c.scan.score, cap: caps[i] ?? 1 })));
  const drawn = counts.reduce((s, n) => s + n, 0);
  chosen.forEach(({ scan, topic }, i) => {
    if ((counts[i] ?? 0) === caps[i] && caps[i] < Math.round((totalQuestions * scan.score) / totalScore)) {
      notes.push(`${scan.topic} is capped at ${caps[i]} question(s) (${topic.questions} available).`);
    }
  });
  if (drawn < totalQuestions) notes.push(`Only ${drawn} of ${totalQuestions} questions can be drawn from the chosen topics.`);

  const drillTopics = new Set<string>();
  if (includeDrills) {
    for (const { topic } of chosen.slice(0, DRILL_TOP_N)) {
      if (drillTopics.size >= MAX_DRILL_SECTIONS) break;
      if (topic.drills > 0 && drawn + drillTopics.size + 1 <= MAX_ITEMS) drillTopics.add(topic.slug);
    }
  }

  const sections: Section[] = [];
  chosen.forEach(({ topic }, i) => {
    sections.push({ kind: "questions", topic: topic.slug, difficulty: "any", types: [], count: counts[i] ?? 1 });
    if (drillTopics.has(topic.slug)) sections.push({ kind: "drills", topic: topic.slug, difficulty: "any", types: [], count: 1 });
  });

  const smallest = Math.min(...chosen.map(({ topic }) => topic.byDifficulty[seniority]));
  notes.push(
    `Sections draw from every difficulty ("any"): narrowing to ${seniority} leaves as few as ${smallest} question(s) per topic, so most candidates would get the same paper. Narrow a section in the builder if you accept that.`,
  );

  const parsed = blueprintSchema.safeParse({ sections, picks: [] });
  if (!parsed.success) throw new Error(`jd-map produced an invalid blueprint: ${parsed.error.message}`);
  return { matches, seniority, seniorityEvidence: evidence, difficulty: "any", blueprint: parsed.data, notes };
}

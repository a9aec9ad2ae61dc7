import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { blueprintSchema, itemCount } from "./blueprint";
import {
  allocate,
  compilePattern,
  detectSeniority,
  KEYWORD_TABLE,
  mapJobDescription,
  MIN_SCORE,
  normaliseText,
  scanJobDescription,
  splitSections,
  type JdTopic,
} from "./jd-map";

const SEED_JD = readFileSync(new URL("../../tests/fixtures/job-description.txt", import.meta.url), "utf8");

/** The 25 real topics with their question counts (junior, mid, senior) and drill counts, as of writing. */
const TOPIC_ROWS: Array<[slug: string, title: string, junior: number, mid: number, senior: number, drills: number]> = [
  ["authentication", "Authentication", 6, 8, 6, 1],
  ["authorization-api-security", "Authorization and API security", 6, 8, 6, 1],
  ["caching", "Caching", 7, 8, 6, 4],
  ["cicd-cloud-aws", "CI/CD and cloud on AWS", 6, 9, 6, 0],
  ["concurrency", "Concurrency", 5, 7, 6, 1],
  ["containers-docker", "Containers and Docker", 6, 7, 6, 0],
  ["database-schema-design", "Database schema design", 6, 7, 8, 3],
  ["event-streaming-kafka", "Event streaming with Kafka", 6, 8, 7, 0],
  ["high-tps-performance", "High-TPS performance", 6, 7, 7, 0],
  ["idempotency", "Idempotency", 6, 6, 7, 2],
  ["indexing", "Indexing", 7, 9, 6, 5],
  ["kubernetes-eks", "Kubernetes and EKS", 6, 7, 8, 0],
  ["load-balancing-scaling", "Load balancing and scaling", 7, 7, 7, 0],
  ["memory-gc-runtime", "Memory, GC and runtime", 6, 8, 6, 1],
  ["microservices-architecture", "Microservices architecture", 6, 8, 6, 1],
  ["observability", "Observability", 7, 9, 7, 3],
  ["query-optimisation", "Query optimisation", 6, 8, 6, 9],
  ["queues-async-processing", "Queues and async processing", 5, 8, 7, 3],
  ["rate-limiting", "Rate limiting", 6, 9, 6, 5],
  ["replication-sharding", "Replication and sharding", 6, 7, 6, 1],
  ["rest-api-design", "REST API design", 7, 7, 7, 0],
  ["retries-fault-tolerance", "Retries and fault tolerance", 6, 8, 6, 4],
  ["sql-vs-nosql", "SQL vs NoSQL", 6, 8, 6, 0],
  ["system-design-cases", "System design cases", 5, 9, 7, 0],
  ["transactions-consistency", "Transactions and consistency", 5, 10, 7, 6],
];
const TOPICS: JdTopic[] = TOPIC_ROWS.map(([slug, title, junior, mid, senior, drills]) => ({
  slug,
  title,
  questions: junior + mid + senior,
  drills,
  byDifficulty: { junior, mid, senior },
}));

/** Topics the seed JD's "Expected System Design Knowledge" list names. */
const SYSTEM_DESIGN_LIST = new Set([
  "idempotency",
  "rate-limiting",
  "caching",
  "queues-async-processing",
  "observability",
  "kubernetes-eks",
  "load-balancing-scaling",
  "high-tps-performance",
  "query-optimisation",
  "indexing",
  "database-schema-design",
  "memory-gc-runtime",
  "retries-fault-tolerance",
  "microservices-architecture", // "API Gateway and backend service architecture"
]);
/** Mentioned by the seed JD only in passing or as "good to have". */
const PERIPHERAL = [
  "authentication",
  "authorization-api-security",
  "cicd-cloud-aws",
  "concurrency",
  "containers-docker",
  "event-streaming-kafka",
  "replication-sharding",
  "rest-api-design",
  "sql-vs-nosql",
  "transactions-consistency",
];

const REACT_JD = `Frontend Engineer (React)
About the role
We are looking for a Frontend Engineer to build delightful user interfaces for our web app.
Responsibilities
• Build reusable React components with TypeScript, hooks and Next.js.
• Own our design system in Storybook and work closely with designers in Figma.
• Write unit tests with Jest and React Testing Library, and end-to-end tests with Playwright.
• Care about accessibility (WCAG 2.1) and responsive layouts with Tailwind.
• Integrate with REST APIs provided by the platform team.
Requirements
• 3+ years of professional experience with React and modern JavaScript.
• Strong HTML, CSS and browser fundamentals.
Benefits
• Remote-friendly, learning budget, performance bonus.`;

function termsOf(text: string, topic: string): string[] {
  return scanJobDescription(text).find((s) => s.topic === topic)?.terms.map((t) => t.term) ?? [];
}

function questionSections(r: ReturnType<typeof mapJobDescription>) {
  return r.blueprint?.sections.filter((s) => s.kind === "questions") ?? [];
}

describe("KEYWORD_TABLE", () => {
  it("covers every topic once, with lowercase, unique, weighted patterns", () => {
    expect(KEYWORD_TABLE.map((e) => e.topic).sort()).toEqual(TOPICS.map((t) => t.slug).sort());
    for (const entry of KEYWORD_TABLE) {
      const sources = entry.terms.map((t) => compilePattern(t.pattern).source);
      expect(new Set(sources).size, `${entry.topic} lists a pattern twice (hyphens and spaces are alike)`).toBe(sources.length);
      expect(entry.terms.length, entry.topic).toBeGreaterThanOrEqual(4);
      for (const t of entry.terms) {
        expect(t.pattern, entry.topic).toBe(normaliseText(t.pattern));
        expect([0.5, 1, 2, 3], t.pattern).toContain(t.weight);
      }
    }
  });

  it("every pattern matches its own text", () => {
    for (const entry of KEYWORD_TABLE) {
      for (const t of entry.terms) {
        const sample = t.pattern.endsWith("*") ? `${t.pattern.slice(0, -1)}ing` : t.pattern;
        expect(compilePattern(t.pattern).test(` ${sample} `), t.pattern).toBe(true);
      }
    }
  });
});

describe("mapJobDescription on the seed job description", () => {
  const result = mapJobDescription(SEED_JD, TOPICS);
  const chosen = result.matches.map((m) => m.topic);

  it("chooses 8 topics, all from its system-design list", () => {
    expect(chosen).toHaveLength(8);
    for (const topic of chosen) expect(SYSTEM_DESIGN_LIST, topic).toContain(topic);
    for (const topic of ["caching", "queues-async-processing", "observability", "kubernetes-eks", "load-balancing-scaling", "high-tps-performance", "memory-gc-runtime"]) {
      expect(chosen).toContain(topic);
    }
    expect(chosen.some((t) => ["query-optimisation", "indexing", "database-schema-design"].includes(t))).toBe(true);
  });

  it("ranks the system-design list above topics mentioned in passing", () => {
    const scores = new Map(scanJobDescription(SEED_JD).map((s) => [s.topic, s.score]));
    const core = ["idempotency", "rate-limiting", "caching", "queues-async-processing", "observability", "kubernetes-eks", "load-balancing-scaling", "high-tps-performance", "query-optimisation", "database-schema-design", "memory-gc-runtime", "retries-fault-tolerance"];
    const lowestCore = Math.min(...core.map((t) => scores.get(t) ?? 0));
    const highestPeripheral = Math.max(...PERIPHERAL.map((t) => scores.get(t) ?? 0));
    expect(lowestCore).toBeGreaterThan(highestPeripheral * 1.5);
  });

  it("with room for 12 topics, also takes idempotency, rate limiting and retries", () => {
    const wide = mapJobDescription(SEED_JD, TOPICS, { maxTopics: 12 }).matches.map((m) => m.topic);
    expect(wide).toHaveLength(12);
    for (const topic of wide) expect(SYSTEM_DESIGN_LIST).toContain(topic);
    expect(wide).toEqual(expect.arrayContaining(["idempotency", "rate-limiting", "retries-fault-tolerance"]));
  });

  it("reads the role as senior", () => {
    expect(result.seniority).toBe("senior");
    expect(result.seniorityEvidence.join("\n")).toContain("senior backend engineer");
    expect(result.seniorityEvidence.join("\n")).toContain("3-6 years");
  });

  it("proposes a valid blueprint drawing exactly the requested number of questions", () => {
    expect(result.blueprint).not.toBeNull();
    expect(blueprintSchema.parse(result.blueprint)).toEqual(result.blueprint);
    const sections = questionSections(result);
    expect(sections.map((s) => s.topic)).toEqual(chosen);
    expect(sections.reduce((n, s) => n + s.count, 0)).toBe(15);
    for (const s of sections) {
      expect(s.count).toBeGreaterThanOrEqual(1);
      expect(s.difficulty).toBe("any");
      expect(s.types).toEqual([]);
    }
    expect(result.difficulty).toBe("any");
  });

  it("adds at most 2 one-drill sections, for top-3 topics that have drills", () => {
    const drills = result.blueprint?.sections.filter((s) => s.kind === "drills") ?? [];
    expect(drills.length).toBeGreaterThan(0);
    expect(drills.length).toBeLessThanOrEqual(2);
    const top3 = chosen.slice(0, 3);
    for (const d of drills) {
      expect(d.count).toBe(1);
      expect(top3).toContain(d.topic);
      expect(TOPICS.find((t) => t.slug === d.topic)?.drills).toBeGreaterThan(0);
    }
    expect(itemCount(result.blueprint!)).toBe(15 + drills.length);
    const noDrills = mapJobDescription(SEED_JD, TOPICS, { includeDrills: false });
    expect(noDrills.blueprint?.sections.every((s) => s.kind === "questions")).toBe(true);
  });

  it("gives weights that sum to 1, in score order", () => {
    expect(result.matches.reduce((s, m) => s + m.weight, 0)).toBeCloseTo(1, 10);
    for (let i = 1; i < result.matches.length; i++) {
      expect(result.matches[i - 1]!.score).toBeGreaterThanOrEqual(result.matches[i]!.score);
    }
    expect(result.matches.find((m) => m.topic === "caching")?.title).toBe("Caching");
  });

  it("is deterministic and independent of the topic list's order", () => {
    expect(mapJobDescription(SEED_JD, TOPICS)).toEqual(result);
    expect(mapJobDescription(SEED_JD, [...TOPICS].reverse())).toEqual(result);
    expect(JSON.stringify(mapJobDescription(SEED_JD, TOPICS))).toBe(JSON.stringify(result));
  });

  it("notes the language requirements it ignores and the topics it left out", () => {
    const notes = result.notes.join("\n");
    expect(notes).toMatch(/language-agnostic/);
    expect(notes).toMatch(/golang/);
    expect(notes).toMatch(/left out because maxTopics is 8: .*idempotency/);
  });

  it("shares other totals exactly too", () => {
    for (const totalQuestions of [1, 5, 8, 9, 20, 40]) {
      const r = mapJobDescription(SEED_JD, TOPICS, { totalQuestions });
      const sections = questionSections(r);
      expect(sections.reduce((n, s) => n + s.count, 0), String(totalQuestions)).toBe(totalQuestions);
      expect(sections).toHaveLength(Math.min(8, totalQuestions));
      expect(blueprintSchema.safeParse(r.blueprint).success).toBe(true);
    }
  });
});

describe("mapJobDescription on other input", () => {
  it("maps a frontend React JD to nothing, or nearly nothing", () => {
    const r = mapJobDescription(REACT_JD, TOPICS);
    expect(r.matches.length).toBeLessThanOrEqual(1);
    for (const m of r.matches) expect(SYSTEM_DESIGN_LIST).not.toContain(m.topic);
  });

  it("returns no blueprint and says why for an empty or irrelevant JD", () => {
    for (const text of ["", "   \n\n", "Barista wanted: espresso, latte art, friendly customer service. Weekends."]) {
      const r = mapJobDescription(text, TOPICS);
      expect(r.matches).toEqual([]);
      expect(r.blueprint).toBeNull();
      expect(r.notes.join("\n")).toMatch(/build the pre-screen by hand/);
    }
  });

  it("ignores topics the caller does not offer and caps a topic at its available questions", () => {
    const text = "Expected knowledge:\n● Caching and cache invalidation with Redis.\n● Rate limiting and throttling.\n● Idempotency keys.";
    const few = TOPICS.filter((t) => t.slug !== "rate-limiting").map((t) => (t.slug === "caching" ? { ...t, questions: 1, byDifficulty: { junior: 1, mid: 0, senior: 0 } } : t));
    const r = mapJobDescription(text, few, { totalQuestions: 6 });
    expect(r.matches.map((m) => m.topic)).toEqual(["caching", "idempotency"]);
    expect(questionSections(r).map((s) => [s.topic, s.count])).toEqual([
      ["caching", 1],
      ["idempotency", 5],
    ]);
    expect(r.notes.join("\n")).toMatch(/rate-limiting/);
  });

  it("says so when the chosen topics cannot fill the total", () => {
    const tiny = TOPICS.map((t) => ({ ...t, questions: 2 }));
    const r = mapJobDescription("Idempotency and rate limiting.", tiny, { totalQuestions: 10 });
    expect(questionSections(r).map((s) => s.count)).toEqual([2, 2]);
    expect(r.notes.join("\n")).toMatch(/Only 4 of 10 questions/);
  });

  it("rejects nonsensical options", () => {
    expect(() => mapJobDescription(SEED_JD, TOPICS, { totalQuestions: 0 })).toThrow(RangeError);
    expect(() => mapJobDescription(SEED_JD, TOPICS, { totalQuestions: 2.5 })).toThrow(RangeError);
    expect(() => mapJobDescription(SEED_JD, TOPICS, { maxTopics: 0 })).toThrow(RangeError);
  });
});

describe("term matching", () => {
  it("respects word boundaries", () => {
    const text = "Our brand has cachet. We ship every two weeks; the seeks are cheap. Rapid tempos.";
    const topics = scanJobDescription(text).map((s) => s.topic);
    expect(topics).not.toContain("caching");
    expect(topics).not.toContain("kubernetes-eks");
    expect(termsOf("We run Redis as a cache on EKS.", "caching")).toEqual(["cache", "redis"]);
    expect(termsOf("We run Redis as a cache on EKS.", "kubernetes-eks")).toEqual(["eks"]);
  });

  it("lets the longest match win", () => {
    expect(termsOf("Cache invalidation is hard.", "caching")).toEqual(["cache invalidation"]);
    expect(termsOf("Retries and dead-letter queues.", "queues-async-processing")).toEqual(["dead letter queue"]);
    expect(termsOf("Distributed tracing with Jaeger.", "observability")).toEqual(["distributed tracing", "jaeger"]);
    expect(termsOf("Design REST API design guidelines.", "rest-api-design")).toEqual(["rest api design"]);
    // A phrase listed under two topics counts for both.
    expect(termsOf("Messages arrive at-least-once.", "idempotency")).toEqual(["at-least-once"]);
    expect(termsOf("Messages arrive at-least-once.", "queues-async-processing")).toEqual(["at-least-once"]);
  });

  it("treats hyphens and spaces alike and accepts plurals and prefixes", () => {
    expect(termsOf("Rate-limits, and requests are throttled.", "rate-limiting")).toEqual(["rate limit", "throttl*"]);
    expect(termsOf("Message queues and K8s pods.", "queues-async-processing")).toEqual(["message queue"]);
    expect(termsOf("Message queues and K8s pods.", "kubernetes-eks")).toEqual(["k8s", "pod"]);
  });

  it("normalises bullets, dashes, quotes and spacing", () => {
    expect(normaliseText("●  Kubernetes\u2013based  “deployments”\u00a0‘now’")).toBe('- kubernetes-based "deployments" \'now\'');
    expect(termsOf("• Rate\u2011limiting\u2014and idempotency", "rate-limiting")).toEqual(["rate limiting"]);
  });
});

describe("sections", () => {
  it("splits the seed JD at its headings", () => {
    const kinds = splitSections(SEED_JD).map((s) => [s.label, s.kind]);
    expect(kinds).toEqual(
      expect.arrayContaining([
        ["key responsibilities", "default"],
        ["good to have skills", "secondary"],
        ["expected system design knowledge", "focus"],
        ["candidate evaluation focus", "focus"],
        ["pay", "ignored"],
        ["application question(s)", "ignored"],
      ]),
    );
  });

  it("keeps an unbulleted list under its heading", () => {
    const text = "We build payments.\n\nWhat we will assess\nIdempotency and retries\nCaching strategy\n\nBenefits\nGym membership";
    expect(splitSections(text).map((s) => [s.kind, s.body])).toEqual([
      ["default", "we build payments."],
      ["focus", "what we will assess | idempotency and retries caching strategy"],
      ["ignored", "benefits | gym membership"],
    ]);
  });

  it("boosts focus sections, damps nice-to-haves and ignores benefits", () => {
    const line = "● Kafka consumer groups.";
    const score = (heading: string) => scanJobDescription(`Intro.\n${heading}\n${line}`).find((s) => s.topic === "event-streaming-kafka")?.score ?? 0;
    expect(score("Expected System Design Knowledge")).toBeGreaterThan(score("Requirements"));
    expect(score("Requirements")).toBeGreaterThan(score("Nice to have"));
    expect(score("What we'll assess")).toBe(score("Expected System Design Knowledge"));
    expect(score("Benefits")).toBe(0);
    expect(score("Nice to have")).toBeLessThan(MIN_SCORE);
  });
});

describe("detectSeniority", () => {
  it.each([
    ["Senior Backend Engineer, 3-6 years", "senior"],
    ["Staff Engineer, Payments", "senior"],
    ["Tech lead for the platform team", "senior"],
    ["Graduate Backend Developer. You will work alongside senior engineers.", "junior"],
    ["Junior developer wanted", "junior"],
    ["Mid-level engineer", "mid"],
    ["Backend engineer with 2-4 years of experience", "mid"],
    ["Backend engineer, 5+ years of experience", "senior"],
    ["Backend engineer, 1 year of experience", "junior"],
    ["You will be mentoring junior engineers. 6+ years of experience.", "senior"],
  ] as const)("%s → %s", (text, expected) => {
    expect(detectSeniority(text).seniority).toBe(expected);
  });

  it("assumes mid and says so without evidence", () => {
    const r = detectSeniority("Backend engineer.");
    expect(r.seniority).toBe("mid");
    expect(r.evidence).toEqual([]);
    expect(r.notes.join()).toMatch(/assumed mid/);
  });
});

describe("allocate", () => {
  it("splits proportionally with largest remainders", () => {
    expect(allocate(10, [{ score: 5, cap: 20 }, { score: 3, cap: 20 }, { score: 2, cap: 20 }])).toEqual([5, 3, 2]);
    expect(allocate(10, [{ score: 1, cap: 20 }, { score: 1, cap: 20 }, { score: 1, cap: 20 }])).toEqual([4, 3, 3]);
  });

  it("gives every item at least 1 and respects caps", () => {
    expect(allocate(5, [{ score: 100, cap: 20 }, { score: 1, cap: 20 }, { score: 1, cap: 20 }])).toEqual([3, 1, 1]);
    expect(allocate(10, [{ score: 9, cap: 3 }, { score: 1, cap: 20 }])).toEqual([3, 7]);
    expect(allocate(10, [{ score: 1, cap: 2 }, { score: 1, cap: 2 }])).toEqual([2, 2]);
  });
});

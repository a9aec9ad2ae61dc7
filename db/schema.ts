/**
 * Drizzle table definitions. Pure: no connection here. `npm run db:generate` turns changes into a
 * new SQL migration under db/migrations, which start-up applies.
 */
import { sql } from "drizzle-orm";
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

const createdAt = () =>
  integer("created_at", { mode: "timestamp_ms" })
    .notNull()
    .default(sql`(unixepoch('subsec') * 1000)`);

export const users = sqliteTable(
  "users",
  {
    id: text("id").primaryKey(),
    /** Null for guests: a guest is a user bound to a cookie until it signs up. */
    email: text("email"),
    passwordHash: text("password_hash"),
    role: text("role", { enum: ["learner", "interviewer", "admin"] }).notNull().default("learner"),
    isGuest: integer("is_guest", { mode: "boolean" }).notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("users_email_unique").on(t.email)],
);

export const sessions = sqliteTable(
  "sessions",
  {
    /** sha256 of the cookie token, so a copy of the database cannot be replayed as cookies. */
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

/**
 * Password-reset links: single use, expiring. Like sessions, only the sha256 of the token is stored,
 * so a copy of the database cannot be used to reset anyone's password.
 */
export const passwordResets = sqliteTable(
  "password_resets",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    /** Set when the link is used; a used link never works again. */
    usedAt: integer("used_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  (t) => [index("password_resets_user_idx").on(t.userId)],
);

export const topics = sqliteTable("topics", {
  slug: text("slug").primaryKey(),
  title: text("title").notNull(),
  summary: text("summary").notNull(),
  groupName: text("group_name").notNull(),
  sortOrder: integer("sort_order").notNull(),
  primerHtml: text("primer_html").notNull(),
  referencesJson: text("references_json", { mode: "json" }).$type<Array<{ title: string; url: string }>>().notNull(),
  contentHash: text("content_hash").notNull(),
  retiredAt: integer("retired_at", { mode: "timestamp_ms" }),
});

export const questions = sqliteTable(
  "questions",
  {
    /** Stable id from the file's front matter; never reused for another question. */
    id: text("id").primaryKey(),
    topicSlug: text("topic_slug")
      .notNull()
      .references(() => topics.slug),
    type: text("type").notNull(),
    difficulty: text("difficulty").notNull(),
    currentVersion: integer("current_version").notNull(),
    contentHash: text("content_hash").notNull(),
    /** Set when the file disappears; retired questions are not served but keep their attempts. */
    retiredAt: integer("retired_at", { mode: "timestamp_ms" }),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("questions_topic_idx").on(t.topicSlug, t.retiredAt)],
);

export const questionVersions = sqliteTable(
  "question_versions",
  {
    questionId: text("question_id")
      .notNull()
      .references(() => questions.id),
    version: integer("version").notNull(),
    contentHash: text("content_hash").notNull(),
    /** The whole rendered question of this version, key included (server-side only). */
    data: text("data", { mode: "json" }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.questionId, t.version] })],
);

export const practiceSessions = sqliteTable(
  "practice_sessions",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    topicSlug: text("topic_slug")
      .notNull()
      .references(() => topics.slug),
    /** The question ids of this session, in the order they are asked. */
    plan: text("plan", { mode: "json" }).$type<string[]>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("practice_sessions_user_idx").on(t.userId, t.createdAt)],
);

export const attempts = sqliteTable(
  "attempts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    questionId: text("question_id")
      .notNull()
      .references(() => questions.id),
    questionVersion: integer("question_version").notNull(),
    practiceSessionId: text("practice_session_id").references(() => practiceSessions.id, { onDelete: "set null" }),
    step: integer("step"),
    response: text("response", { mode: "json" }).notNull(),
    /** 0..1; null while a free-text answer awaits the learner's self-assessment. */
    score: real("score"),
    correct: integer("correct", { mode: "boolean" }),
    msTaken: integer("ms_taken"),
    /** How sure the learner said they were before submitting (certainty-based marking); null if not said. */
    confidence: text("confidence", { enum: ["low", "medium", "high"] }),
    idempotencyKey: text("idempotency_key").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("attempts_idempotency_key_unique").on(t.idempotencyKey),
    uniqueIndex("attempts_session_step_unique").on(t.practiceSessionId, t.step),
    index("attempts_user_question_idx").on(t.userId, t.questionId),
    index("attempts_user_created_idx").on(t.userId, t.createdAt),
  ],
);

/**
 * Spaced repetition: one FSRS card per (learner, question). The columns mirror ts-fsrs's `Card`.
 */
export const cards = sqliteTable(
  "cards",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    questionId: text("question_id")
      .notNull()
      .references(() => questions.id),
    due: integer("due", { mode: "timestamp_ms" }).notNull(),
    stability: real("stability").notNull(),
    difficulty: real("difficulty").notNull(),
    elapsedDays: integer("elapsed_days").notNull(),
    scheduledDays: integer("scheduled_days").notNull(),
    learningSteps: integer("learning_steps").notNull(),
    reps: integer("reps").notNull(),
    lapses: integer("lapses").notNull(),
    /** ts-fsrs State: 0 new, 1 learning, 2 review, 3 relearning. */
    state: integer("state").notNull(),
    lastReview: integer("last_review", { mode: "timestamp_ms" }),
    /** Set when a failed drill points at this concept: the card is served first until reviewed. */
    flaggedAt: integer("flagged_at", { mode: "timestamp_ms" }),
  },
  (t) => [primaryKey({ columns: [t.userId, t.questionId] }), index("cards_user_due_idx").on(t.userId, t.due)],
);

/** Every FSRS review, with the card state before it, so a rating can be changed (ts-fsrs rollback). */
export const reviewLogs = sqliteTable(
  "review_logs",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    questionId: text("question_id")
      .notNull()
      .references(() => questions.id),
    /** The answer this review grades; null for reviews not tied to an attempt. */
    attemptId: integer("attempt_id").references(() => attempts.id, { onDelete: "set null" }),
    /** 1 Again, 2 Hard, 3 Good, 4 Easy. */
    rating: integer("rating").notNull(),
    /** The rating derived from the answer; differs from `rating` when the learner changed it. */
    derivedRating: integer("derived_rating").notNull(),
    state: integer("state").notNull(),
    due: integer("due", { mode: "timestamp_ms" }).notNull(),
    stability: real("stability").notNull(),
    difficulty: real("difficulty").notNull(),
    elapsedDays: integer("elapsed_days").notNull(),
    lastElapsedDays: integer("last_elapsed_days").notNull(),
    scheduledDays: integer("scheduled_days").notNull(),
    learningSteps: integer("learning_steps").notNull(),
    review: integer("review", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    uniqueIndex("review_logs_attempt_unique").on(t.attemptId),
    index("review_logs_user_review_idx").on(t.userId, t.review),
    index("review_logs_user_question_idx").on(t.userId, t.questionId),
  ],
);

/** Per-learner review settings. A missing row means the defaults. */
export const reviewSettings = sqliteTable("review_settings", {
  userId: text("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  newPerDay: integer("new_per_day").notNull(),
  reviewsPerDay: integer("reviews_per_day").notNull(),
  desiredRetention: real("desired_retention").notNull(),
});

/** Code drills synced from `content/<topic>/drills/<id>/`. `data` holds everything, hidden tests included (server only). */
export const drills = sqliteTable(
  "drills",
  {
    id: text("id").primaryKey(),
    topicSlug: text("topic_slug")
      .notNull()
      .references(() => topics.slug),
    title: text("title").notNull(),
    summary: text("summary").notNull(),
    difficulty: text("difficulty").notNull(),
    contentHash: text("content_hash").notNull(),
    data: text("data", { mode: "json" }).notNull(),
    retiredAt: integer("retired_at", { mode: "timestamp_ms" }),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("drills_topic_idx").on(t.topicSlug, t.retiredAt)],
);

/** Every run (visible tests) and submission (all tests) of a drill, with the code and the results. */
export const drillRuns = sqliteTable(
  "drill_runs",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    drillId: text("drill_id")
      .notNull()
      .references(() => drills.id),
    kind: text("kind", { enum: ["run", "submit"] }).notNull(),
    language: text("language", { enum: ["typescript", "javascript", "sql"] }).notNull(),
    code: text("code").notNull(),
    status: text("status", { enum: ["pass", "fail", "error"] }).notNull(),
    results: text("results", { mode: "json" }).notNull(),
    durationMs: integer("duration_ms").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("drill_runs_user_drill_idx").on(t.userId, t.drillId, t.createdAt)],
);

/** The learner's autosaved draft per drill. */
export const drillDrafts = sqliteTable(
  "drill_drafts",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    drillId: text("drill_id")
      .notNull()
      .references(() => drills.id),
    language: text("language", { enum: ["typescript", "javascript", "sql"] }).notNull(),
    code: text("code").notNull(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.drillId] })],
);

export type User = typeof users.$inferSelect;
export type Attempt = typeof attempts.$inferSelect;
export type PracticeSession = typeof practiceSessions.$inferSelect;
export type CardRow = typeof cards.$inferSelect;
export type ReviewLogRow = typeof reviewLogs.$inferSelect;
export type DrillRow = typeof drills.$inferSelect;
export type DrillRun = typeof drillRuns.$inferSelect;

/* ------------------------------------------------------------------------------------------------
 * Pre-screens: organisations of interviewers build them, invite candidates, and review the results.
 * Every row below belongs to one organisation; model functions filter by it on every query.
 * --------------------------------------------------------------------------------------------- */

export const organizations = sqliteTable("organizations", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  createdAt: createdAt(),
});

/** A user belongs to at most one organisation (unique user_id), as admin or interviewer. */
export const memberships = sqliteTable(
  "memberships",
  {
    orgId: text("org_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: text("role", { enum: ["admin", "interviewer"] }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.userId] }), uniqueIndex("memberships_user_unique").on(t.userId)],
);

/** An admin's invitation for a colleague to join the organisation. The token is stored as sha256. */
export const orgInvites = sqliteTable(
  "org_invites",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    role: text("role", { enum: ["admin", "interviewer"] }).notNull(),
    tokenHash: text("token_hash").notNull(),
    invitedBy: text("invited_by").references(() => users.id, { onDelete: "set null" }),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    acceptedAt: integer("accepted_at", { mode: "timestamp_ms" }),
    revokedAt: integer("revoked_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("org_invites_token_unique").on(t.tokenHash), index("org_invites_org_idx").on(t.orgId)],
);

export type IntakeQuestion = { id: string; label: string };

export const prescreens = sqliteTable(
  "prescreens",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    instructions: text("instructions").notNull().default(""),
    timeLimitMinutes: integer("time_limit_minutes").notNull(),
    opensAt: integer("opens_at", { mode: "timestamp_ms" }),
    closesAt: integer("closes_at", { mode: "timestamp_ms" }),
    status: text("status", { enum: ["draft", "published", "closed"] }).notNull().default("draft"),
    /** Blueprint (sections + picks), validated by blueprintSchema. */
    blueprint: text("blueprint", { mode: "json" }).notNull(),
    intakeQuestions: text("intake_questions", { mode: "json" }).$type<IntakeQuestion[]>().notNull(),
    /** The pasted job description the blueprint was proposed from, if any. */
    jobDescription: text("job_description"),
    /** Called with an HMAC-signed JSON body when a candidate submits. */
    webhookUrl: text("webhook_url"),
    webhookSecret: text("webhook_secret"),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    publishedAt: integer("published_at", { mode: "timestamp_ms" }),
  },
  (t) => [index("prescreens_org_idx").on(t.orgId, t.createdAt)],
);

/**
 * The pinned pool of a published pre-screen: every item a candidate may draw, with the question
 * version (immutable in question_versions) or a snapshot of the drill, so later edits to the bank
 * never change a live pre-screen.
 */
export const prescreenItems = sqliteTable(
  "prescreen_items",
  {
    prescreenId: text("prescreen_id")
      .notNull()
      .references(() => prescreens.id, { onDelete: "cascade" }),
    /** "q:<id>" or "d:<id>". */
    itemKey: text("item_key").notNull(),
    kind: text("kind", { enum: ["question", "drill"] }).notNull(),
    refId: text("ref_id").notNull(),
    questionVersion: integer("question_version"),
    drillSnapshot: text("drill_snapshot", { mode: "json" }),
    topicSlug: text("topic_slug").notNull(),
    difficulty: text("difficulty").notNull(),
    type: text("type").notNull(),
    /** Which blueprint sections (indices) may draw it, and -1 for a hand-pick. */
    sections: text("sections", { mode: "json" }).$type<number[]>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.prescreenId, t.itemKey] })],
);

export type DrawnItem = { itemKey: string; seed: string };

export const candidates = sqliteTable(
  "candidates",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    prescreenId: text("prescreen_id")
      .notNull()
      .references(() => prescreens.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    name: text("name"),
    /** sha256 of the invite link's secret (256 random bits); the link itself is shown once. */
    tokenHash: text("token_hash").notNull(),
    status: text("status", { enum: ["invited", "started", "submitted", "reviewed", "revoked"] }).notNull().default("invited"),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    mailedAt: integer("mailed_at", { mode: "timestamp_ms" }),
    consentAt: integer("consent_at", { mode: "timestamp_ms" }),
    startedAt: integer("started_at", { mode: "timestamp_ms" }),
    deadlineAt: integer("deadline_at", { mode: "timestamp_ms" }),
    submittedAt: integer("submitted_at", { mode: "timestamp_ms" }),
    submitReason: text("submit_reason", { enum: ["candidate", "deadline"] }),
    /** Set once every item is auto-graded (drills run after submission). */
    scoredAt: integer("scored_at", { mode: "timestamp_ms" }),
    reviewedAt: integer("reviewed_at", { mode: "timestamp_ms" }),
    revokedAt: integer("revoked_at", { mode: "timestamp_ms" }),
    intakeAnswers: text("intake_answers", { mode: "json" }).$type<Record<string, string>>(),
    /** This candidate's own draw: item keys in order, each with its option-shuffle seed. */
    draw: text("draw", { mode: "json" }).$type<DrawnItem[]>(),
    lastIp: text("last_ip"),
    ipChanges: integer("ip_changes").notNull().default(0),
    focusLosses: integer("focus_losses").notNull().default(0),
    pastes: integer("pastes").notNull().default(0),
    interviewerNote: text("interviewer_note"),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("candidates_token_unique").on(t.tokenHash),
    index("candidates_prescreen_idx").on(t.prescreenId, t.createdAt),
    index("candidates_deadline_idx").on(t.status, t.deadlineAt),
  ],
);

/** One row per (candidate, position): autosaves overwrite it, newest revision wins. */
export const candidateAnswers = sqliteTable(
  "candidate_answers",
  {
    candidateId: text("candidate_id")
      .notNull()
      .references(() => candidates.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    itemKey: text("item_key").notNull(),
    /** Canonical response (questions) or { language, code } (drills); null when cleared. */
    response: text("response", { mode: "json" }),
    /** The client's revision counter; a save with a revision not above this one is a duplicate. */
    rev: integer("rev").notNull(),
    saves: integer("saves").notNull().default(1),
    msSpent: integer("ms_spent").notNull().default(0),
    /** 0..1 once graded; null while a free-text answer awaits the interviewer. */
    score: real("score"),
    correct: integer("correct", { mode: "boolean" }),
    /** Drills: the results of the final run over every test, made at submission. */
    drillResults: text("drill_results", { mode: "json" }),
    rubricChecked: text("rubric_checked", { mode: "json" }).$type<number[]>(),
    graderComment: text("grader_comment"),
    gradedBy: text("graded_by").references(() => users.id, { onDelete: "set null" }),
    gradedAt: integer("graded_at", { mode: "timestamp_ms" }),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.candidateId, t.position] })],
);

/** Integrity signals (focus loss, paste, IP change): shown to the interviewer, never a verdict. */
export const candidateEvents = sqliteTable(
  "candidate_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    candidateId: text("candidate_id")
      .notNull()
      .references(() => candidates.id, { onDelete: "cascade" }),
    /** Client-generated id so a retried beacon is stored once. */
    eventKey: text("event_key").notNull(),
    kind: text("kind", { enum: ["focus-loss", "paste", "ip-change"] }).notNull(),
    position: integer("position"),
    detail: text("detail"),
    at: integer("at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [uniqueIndex("candidate_events_key_unique").on(t.candidateId, t.eventKey)],
);

export const apiTokens = sqliteTable(
  "api_tokens",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** sha256 of the secret; `prefix` (the first characters) identifies it in the UI. */
    tokenHash: text("token_hash").notNull(),
    prefix: text("prefix").notNull(),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    lastUsedAt: integer("last_used_at", { mode: "timestamp_ms" }),
    revokedAt: integer("revoked_at", { mode: "timestamp_ms" }),
  },
  (t) => [uniqueIndex("api_tokens_hash_unique").on(t.tokenHash), index("api_tokens_org_idx").on(t.orgId)],
);

/** Outbox of webhook calls: written in the submission's transaction, delivered with retries. */
export const webhookDeliveries = sqliteTable(
  "webhook_deliveries",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    prescreenId: text("prescreen_id")
      .notNull()
      .references(() => prescreens.id, { onDelete: "cascade" }),
    candidateId: text("candidate_id")
      .notNull()
      .references(() => candidates.id, { onDelete: "cascade" }),
    event: text("event").notNull(),
    url: text("url").notNull(),
    payload: text("payload").notNull(),
    status: text("status", { enum: ["pending", "delivered", "failed"] }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: integer("next_attempt_at", { mode: "timestamp_ms" }).notNull(),
    lastStatus: integer("last_status"),
    lastError: text("last_error"),
    deliveredAt: integer("delivered_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("webhook_deliveries_event_unique").on(t.candidateId, t.event), index("webhook_deliveries_due_idx").on(t.status, t.nextAttemptAt)],
);

export const auditLog = sqliteTable(
  "audit_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    orgId: text("org_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    actorUserId: text("actor_user_id").references(() => users.id, { onDelete: "set null" }),
    actorTokenId: text("actor_token_id"),
    actorLabel: text("actor_label").notNull(),
    action: text("action").notNull(),
    targetType: text("target_type").notNull(),
    targetId: text("target_id"),
    detail: text("detail", { mode: "json" }),
    at: integer("at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("audit_log_org_idx").on(t.orgId, t.at)],
);

export type Prescreen = typeof prescreens.$inferSelect;
export type Candidate = typeof candidates.$inferSelect;
export type CandidateAnswer = typeof candidateAnswers.$inferSelect;

/** Idempotency keys of API requests: a retry with the same key gets the first response back. */
export const apiIdempotencyKeys = sqliteTable(
  "api_idempotency_keys",
  {
    orgId: text("org_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    /** sha256 of method, path and body: the same key with a different request is a 422. */
    requestHash: text("request_hash").notNull(),
    status: integer("status").notNull(),
    body: text("body").notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.key] })],
);

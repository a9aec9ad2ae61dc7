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

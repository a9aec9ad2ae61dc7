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

export type User = typeof users.$inferSelect;
export type Attempt = typeof attempts.$inferSelect;
export type PracticeSession = typeof practiceSessions.$inferSelect;

/**
 * Dashboard render cost for a heavy learner: 5,000 attempts replayed through the real review
 * scheduler into a fresh SQLite file built from the migrations and the real content.
 *
 * Baseline (same run): the cheapest possible read of the same history — selecting the learner's
 * attempt rows. Target: the dashboard's data in under 100 ms server-side.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";

const dir = mkdtempSync(path.join(os.tmpdir(), "gw-bench-"));
process.env.DATABASE_PATH = path.join(dir, "bench.db");
process.env.LOG_LEVEL = "silent";
process.env.CONTENT_DIR ??= "content";

const { attempts, questions } = await import("../db/schema");
const { getDb, migrateDatabase, closeDb } = await import("../app/utils/db.server");
const { syncContent } = await import("../app/content/sync.server");
const { createGuest } = await import("../app/models/user.server");
const { recordReviewTx } = await import("../app/models/review.server");
const { getQuestionVersion } = await import("../app/models/question.server");
const { getDashboard } = await import("../app/models/progress.server");
const { summarise, printTable, time } = await import("./stats");

const ATTEMPTS = 5_000;
const RUNS = 60;
const DAY = 86_400_000;

const db = getDb();
migrateDatabase(db);
await syncContent(db, path.resolve(process.env.CONTENT_DIR));
const user = await createGuest();
const live = db.select({ id: questions.id, version: questions.currentVersion }).from(questions).all();
const now = new Date();
const start = now.getTime() - 120 * DAY;
let seed = 42;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const confidences = [null, "low", "medium", "high"] as const;

db.transaction((tx) => {
  for (let i = 0; i < ATTEMPTS; i++) {
    const q = live[Math.floor(rand() * live.length)]!;
    const at = new Date(start + (i / ATTEMPTS) * 120 * DAY);
    const correct = rand() < 0.7;
    const attempt = tx
      .insert(attempts)
      .values({
        userId: user.id,
        questionId: q.id,
        questionVersion: q.version,
        response: { type: "single", choice: 0 },
        score: correct ? 1 : 0,
        correct,
        msTaken: 8_000 + Math.floor(rand() * 60_000),
        confidence: confidences[Math.floor(rand() * 4)]!,
        idempotencyKey: `bench-${i}`,
        createdAt: at,
      })
      .returning()
      .get();
    recordReviewTx(tx, { userId: user.id, attempt, question: { type: "single", prompt: "x", options: [] } as never, now: at });
  }
});
// Warm the question cache as a running server would have.
for (const q of live) await getQuestionVersion(q.id, q.version);

const baseline = summarise(
  await time(() => db.select({ c: attempts.createdAt, k: attempts.correct, f: attempts.confidence }).from(attempts).where(eq(attempts.userId, user.id)).all(), RUNS),
);
const dashboard = summarise(await time(() => getDashboard({ userId: user.id, now }), RUNS));

printTable(`Dashboard for a learner with ${ATTEMPTS} attempts over ${live.length} questions (${RUNS} runs)`, [
  { name: "baseline: read the attempt rows", ...baseline },
  { name: "getDashboard (all figures)", ...dashboard },
]);
console.log(`ratio p50 dashboard / baseline: ${(dashboard.p50 / baseline.p50).toFixed(1)}×`);
const ok = dashboard.p50 < 100;
console.log(`target p50 < 100 ms: ${ok ? "met" : "MISSED"} (${dashboard.p50.toFixed(1)} ms)`);
closeDb();
rmSync(dir, { recursive: true, force: true });
if (!ok) process.exitCode = 1;

// Jobs that take virtual time. `fail: n` makes the first n attempts fail (Infinity: always).
// `stats` records, in ms since the test started, when each attempt started and ended.
function makeJobs(t: any, specs: Array<{ id: string; ms: number; fail?: number }>) {
  const t0 = t.clock.now();
  const stats = { active: 0, maxActive: 0, starts: {} as Record<string, number[]>, ends: {} as Record<string, number[]> };
  const jobs = specs.map((s) => {
    let attempts = 0;
    return {
      id: s.id,
      run: async () => {
        const n = ++attempts;
        stats.active++;
        stats.maxActive = Math.max(stats.maxActive, stats.active);
        (stats.starts[s.id] ??= []).push(t.clock.now() - t0);
        await t.clock.sleep(s.ms);
        stats.active--;
        (stats.ends[s.id] ??= []).push(t.clock.now() - t0);
        if (n <= (s.fail ?? 0)) throw new Error(`${s.id} failed attempt ${n}`);
        return `${s.id} done`;
      },
    };
  });
  return { jobs, stats };
}

// Runs processJobs on the virtual clock for `ms`; returns its result, or null if it had not resolved.
async function runPool(t: any, jobs: unknown[], options: object, ms = 60_000) {
  let out: any = null;
  t.exports.processJobs(jobs, { sleep: t.clock.sleep, ...options }).then(
    (value: any) => (out = value),
    (error: any) => (out = { rejected: error }),
  );
  await t.clock.advance(ms);
  t.assert.ok(out !== null, `processJobs resolves within ${ms} ms of virtual time`);
  t.assert.ok(!out.rejected, `processJobs resolves rather than rejects (${out.rejected?.message ?? ""})`);
  return out;
}

test("a free slot takes the next job at once", { category: "starts the next job as soon as a slot frees up" }, async (t) => {
  const { jobs, stats } = makeJobs(t, [{ id: "slow", ms: 300 }, { id: "b", ms: 100 }, { id: "c", ms: 100 }, { id: "d", ms: 50 }]);
  const result = await runPool(t, jobs, { concurrency: 2, maxAttempts: 1, backoffMs: () => 0 });
  t.assert.equal([stats.starts.c, stats.starts.d], [[100], [200]], "start times of c and d (ms)");
  t.assert.equal(result.completed.map((c: any) => c.id), ["b", "c", "d", "slow"], "completion order");
});

test("a poison job does not block the other jobs", { category: "poison jobs do not block other jobs" }, async (t) => {
  const specs = [{ id: "poison", ms: 50, fail: Infinity }, ...["j1", "j2", "j3", "j4"].map((id) => ({ id, ms: 100 }))];
  const { jobs, stats } = makeJobs(t, specs);
  const result = await runPool(t, jobs, { concurrency: 2, maxAttempts: 3, backoffMs: () => 1_000 });
  // One slot is held by the poison job (0–2,150 ms); j1–j4 run one after another in the other.
  const latest = [100, 200, 300, 400];
  ["j1", "j2", "j3", "j4"].forEach((id, i) => {
    t.assert.atMost(stats.ends[id]?.[0] ?? Infinity, latest[i]!, `completion time of ${id} (ms), while the poison job retries`);
  });
  t.assert.equal(result.completed.map((c: any) => c.id), ["j1", "j2", "j3", "j4"], "completed");
  t.assert.equal(result.deadLetters.map((d: any) => [d.id, d.attempts]), [["poison", 3]], "dead letters");
});

test("backoffMs is asked for each retry, not after the final attempt", { category: "waits backoffMs(n) after failed attempt n, and not after the last" }, async (t) => {
  const { jobs } = makeJobs(t, [{ id: "x", ms: 10, fail: Infinity }]);
  const asked: number[] = [];
  await runPool(t, jobs, { concurrency: 1, maxAttempts: 4, backoffMs: (n: number) => (asked.push(n), 10 * n) });
  t.assert.equal(asked, [1, 2, 3], "failedAttempt values passed to backoffMs");
});

test("no wait after the final attempt", { category: "waits backoffMs(n) after failed attempt n, and not after the last" }, async (t) => {
  const { jobs } = makeJobs(t, [{ id: "poison", ms: 10, fail: Infinity }]);
  const t0 = t.clock.now();
  let doneAt: number | null = null;
  let result: any = null;
  t.exports.processJobs(jobs, { concurrency: 1, maxAttempts: 2, backoffMs: () => 500, sleep: t.clock.sleep }).then(
    (value: any) => ((doneAt = t.clock.now() - t0), (result = value)),
    (error: any) => ((doneAt = t.clock.now() - t0), (result = { rejected: error })),
  );
  await t.clock.advance(60_000);
  // attempt 1: 0–10 ms, wait 500; attempt 2: 510–520 ms → dead-lettered at 520
  t.assert.equal(doneAt, 520, "ms until processJobs resolved");
  t.assert.equal(result?.deadLetters?.map((d: any) => [d.id, d.attempts]), [["poison", 2]], "dead letters");
});

test("a job keeps its slot while it waits to retry", { category: "keeps a job's slot during its backoff" }, async (t) => {
  const { jobs, stats } = makeJobs(t, [{ id: "flaky", ms: 10, fail: 1 }, { id: "a", ms: 100 }, { id: "b", ms: 100 }]);
  const result = await runPool(t, jobs, { concurrency: 2, maxAttempts: 2, backoffMs: () => 500 });
  // flaky holds one slot from 0 to 520, backoff included; a and b share the other
  t.assert.equal([stats.starts.flaky, stats.starts.a], [[0, 510], [0]], "attempt start times of flaky and a (ms)");
  t.assert.atLeast(stats.starts.b?.[0] ?? -1, 100, "start time of b (ms): no slot is free before a finishes");
  t.assert.equal(result.completed.map((c: any) => [c.id, c.attempts]).sort(), [["a", 1], ["b", 1], ["flaky", 2]], "completed (id, attempts)");
});

test("a synchronous throw counts as a failed attempt", { category: "treats a synchronous throw as a failed attempt" }, async (t) => {
  let calls = 0;
  const boom = new Error("bad input");
  const jobs = [
    {
      id: "sync",
      run: () => {
        calls++;
        if (calls < 3) throw boom;
        return Promise.resolve(calls);
      },
    },
    {
      id: "always-sync",
      run: () => {
        throw boom;
      },
    },
  ];
  const result = await runPool(t, jobs, { concurrency: 2, maxAttempts: 3, backoffMs: () => 10 });
  t.assert.equal(result.completed, [{ id: "sync", value: 3, attempts: 3 }], "completed");
  t.assert.equal(result.deadLetters.length, 1, "dead letters");
  t.assert.ok(result.deadLetters[0]?.error === boom && result.deadLetters[0]?.attempts === 3, "always-sync is dead-lettered with the thrown error after 3 attempts");
});

test("never more than `concurrency` jobs in progress, retries included", { category: "runs at most `concurrency` jobs at once" }, async (t) => {
  const specs = Array.from({ length: 12 }, (_, i) => ({ id: `j${i}`, ms: 20 + ((i * 37) % 50), fail: i % 4 === 0 ? 1 : 0 }));
  const { jobs, stats } = makeJobs(t, specs);
  const inProgress = new Set<string>();
  let most = 0;
  // Track "in progress" from a job's first start to its completion, backoff included.
  const tracked = jobs.map((j) => ({
    id: j.id,
    run: async () => {
      inProgress.add(j.id);
      most = Math.max(most, inProgress.size);
      const v = await j.run();
      inProgress.delete(j.id);
      return v;
    },
  }));
  const result = await runPool(t, tracked, { concurrency: 3, maxAttempts: 2, backoffMs: () => 35 });
  t.assert.equal(most, 3, "most jobs in progress at once");
  t.assert.atMost(stats.maxActive, 3, "most attempts running at once");
  t.assert.equal(result.completed.length, 12, "completed jobs");
});

test("concurrency larger than the job count, and no jobs at all", { category: "runs at most `concurrency` jobs at once" }, async (t) => {
  const { jobs, stats } = makeJobs(t, [{ id: "a", ms: 30 }, { id: "b", ms: 10 }]);
  const result = await runPool(t, jobs, { concurrency: 10, maxAttempts: 1, backoffMs: () => 0 });
  t.assert.equal([stats.starts.a, stats.starts.b], [[0], [0]], "both start at once");
  t.assert.equal(result.completed.map((c: any) => c.id), ["b", "a"], "completion order");
  const empty = await runPool(t, [], { concurrency: 2, maxAttempts: 1, backoffMs: () => 0 }, 0);
  t.assert.equal(empty, { completed: [], deadLetters: [] }, "result for an empty job list");
});

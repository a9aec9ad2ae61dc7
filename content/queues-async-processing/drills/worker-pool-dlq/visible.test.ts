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

test("runs every job with at most `concurrency` in progress", async (t) => {
  const { jobs, stats } = makeJobs(t, ["a", "b", "c", "d", "e"].map((id) => ({ id, ms: 100 })));
  const result = await runPool(t, jobs, { concurrency: 2, maxAttempts: 3, backoffMs: () => 50 });
  t.assert.equal(stats.maxActive, 2, "most jobs running at once");
  t.assert.equal(
    result.completed.map((c: any) => [c.id, c.value, c.attempts]).sort(),
    [["a", "a done", 1], ["b", "b done", 1], ["c", "c done", 1], ["d", "d done", 1], ["e", "e done", 1]],
    "completed jobs (id, value, attempts)",
  );
  t.assert.equal(result.deadLetters, [], "dead letters");
});

test("retries a failing job after backoffMs(attempt)", async (t) => {
  const { jobs, stats } = makeJobs(t, [{ id: "flaky", ms: 10, fail: 2 }]);
  const result = await runPool(t, jobs, { concurrency: 1, maxAttempts: 3, backoffMs: (n: number) => n * 100 });
  // attempt 1: 0–10 ms, wait 100; attempt 2: 110–120 ms, wait 200; attempt 3: 320–330 ms
  t.assert.equal(stats.starts.flaky, [0, 110, 320], "attempt start times (ms)");
  t.assert.equal(result.completed, [{ id: "flaky", value: "flaky done", attempts: 3 }], "completed");
});

test("dead-letters a job after maxAttempts with its last error", async (t) => {
  const { jobs, stats } = makeJobs(t, [{ id: "poison", ms: 10, fail: Infinity }]);
  const result = await runPool(t, jobs, { concurrency: 1, maxAttempts: 3, backoffMs: () => 100 });
  t.assert.equal((stats.starts.poison ?? []).length, 3, "attempts made");
  t.assert.equal(result.completed, [], "completed");
  t.assert.equal(result.deadLetters.map((d: any) => [d.id, d.attempts, d.error?.message]), [["poison", 3, "poison failed attempt 3"]], "dead letters (id, attempts, error message)");
});

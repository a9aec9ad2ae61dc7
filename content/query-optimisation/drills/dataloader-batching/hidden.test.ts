type User = { id: number; name: string; teamId: number };
const USERS: User[] = Array.from({ length: 20 }, (_, i) => ({ id: i + 1, name: `user ${i + 1}`, teamId: 100 + (i % 3) }));

/**
 * A fake `SELECT * FROM users WHERE id = ANY($1)`. It records every call, returns rows in table
 * order unless told otherwise, and leaves out ids it does not have.
 */
function fakeUsers(t: any, opts: { order?: "table" | "reverse" | "shuffle"; gate?: Promise<void>; failCalls?: number[]; throwSyncCalls?: number[] } = {}) {
  const calls: number[][] = [];
  const errors: Error[] = [];
  let active = 0;
  let maxActive = 0;
  const batchFn = (keys: number[]) => {
    calls.push([...keys]);
    const n = calls.length;
    if (opts.throwSyncCalls?.includes(n)) {
      const e = new Error(`pool exhausted (query ${n})`);
      errors.push(e);
      throw e;
    }
    return (async () => {
      active++;
      maxActive = Math.max(maxActive, active);
      try {
        await t.point("db.query");
        if (opts.gate) await opts.gate;
        if (opts.failCalls?.includes(n)) {
          const e = new Error(`connection reset (query ${n})`);
          errors.push(e);
          throw e;
        }
        const rows = USERS.filter((u) => keys.includes(u.id)).map((u) => ({ ...u }));
        if (opts.order === "reverse") rows.reverse();
        if (opts.order === "shuffle") rows.sort(() => t.random() - 0.5);
        return rows;
      } finally {
        active--;
      }
    })();
  };
  return { batchFn, keyOf: (u: User) => u.id, calls, errors, maxActive: () => maxActive };
}

/** Waits for `p` without hanging the run if it never settles. */
async function outcome(t: any, p: unknown, what: string): Promise<{ status: "fulfilled"; value: any } | { status: "rejected"; reason: any }> {
  let state: any = { status: "pending" };
  Promise.resolve(p).then(
    (value) => void (state = { status: "fulfilled", value }),
    (reason) => void (state = { status: "rejected", reason }),
  );
  for (let i = 0; i < 10 && state.status === "pending"; i++) await t.clock.advance(0);
  if (state.status === "pending") t.assert.ok(false, `${what} never settled`);
  return state;
}

async function value(t: any, p: unknown, what: string): Promise<any> {
  const o = await outcome(t, p, what);
  if (o.status === "rejected") t.assert.ok(false, `${what} rejected: ${o.reason?.message ?? String(o.reason)}`);
  return (o as { value: any }).value;
}

function names(users: Array<User | undefined>) {
  return users.map((u) => (u ? u.name : u));
}

test("rows come back in reverse order", { category: "matches rows to keys with keyOf, not by position" }, async (t) => {
  const db = fakeUsers(t, { order: "reverse" });
  const loader = t.exports.createLoader({ batchFn: db.batchFn, keyOf: db.keyOf });
  const got = await value(t, Promise.all([2, 5, 9, 11].map((id) => loader.load(id))), "four loads");
  t.assert.equal(names(got), ["user 2", "user 5", "user 9", "user 11"], "each key's own user");
});

test("missing keys in the middle of a shuffled batch", { category: "resolves undefined for keys the batch did not return" }, async (t) => {
  const db = fakeUsers(t, { order: "shuffle" });
  const loader = t.exports.createLoader({ batchFn: db.batchFn, keyOf: db.keyOf });
  const ids = [3, 404, 8, 500, 12, 1, 999, 20];
  const got = await value(t, Promise.all(ids.map((id) => loader.load(id))), "eight loads");
  t.assert.equal(names(got), ["user 3", undefined, "user 8", undefined, "user 12", "user 1", undefined, "user 20"], "users, undefined for missing ids");
  const again = await value(t, loader.load(404), "load(404) again");
  t.assert.equal(again, undefined, "missing key loaded again");
  t.assert.equal(db.calls.length, 1, "batchFn calls (a missing key is cached too)");
});

test("a failed batch rejects all its loads", { category: "rejects every load in a failed batch with the batch's error" }, async (t) => {
  const db = fakeUsers(t, { failCalls: [1] });
  const loader = t.exports.createLoader({ batchFn: db.batchFn, keyOf: db.keyOf });
  const loads = [4, 5, 4, 6].map((id) => loader.load(id));
  for (let i = 0; i < loads.length; i++) {
    const o = await outcome(t, loads[i], `load #${i + 1}`);
    t.assert.equal(o.status, "rejected", `load #${i + 1} of a failed batch`);
    t.assert.ok(o.status === "rejected" && o.reason === db.errors[0], `load #${i + 1} rejects with the error batchFn threw`);
  }
  t.assert.equal(db.calls, [[4, 5, 6]], "batchFn calls");
});

test("batchFn throws synchronously", { category: "rejects the loads when batchFn throws synchronously" }, async (t) => {
  const db = fakeUsers(t, { throwSyncCalls: [1] });
  const loader = t.exports.createLoader({ batchFn: db.batchFn, keyOf: db.keyOf });
  const a = await outcome(t, loader.load(1), "load(1)");
  const b = await outcome(t, loader.load(2), "load(2), in a later batch");
  t.assert.equal(a.status, "rejected", "load(1) when batchFn threw");
  t.assert.ok(a.status === "rejected" && a.reason === db.errors[0], "load(1) rejects with the thrown error");
  t.assert.equal(b.status, "fulfilled", "load(2): the loader still works after a throwing batch");
});

test("a key from a failed batch is fetched again", { category: "does not cache a failed batch" }, async (t) => {
  const db = fakeUsers(t, { failCalls: [1] });
  const loader = t.exports.createLoader({ batchFn: db.batchFn, keyOf: db.keyOf });
  const first = await outcome(t, Promise.all([loader.load(3), loader.load(4)]), "first loads of 3 and 4");
  t.assert.equal(first.status, "rejected", "loads in the failing batch");
  const retry = await value(t, Promise.all([loader.load(3), loader.load(4)]), "loads of 3 and 4 after the failure");
  t.assert.equal(names(retry), ["user 3", "user 4"], "the retried loads");
  t.assert.equal(db.calls, [[3, 4], [3, 4]], "batchFn calls: the retry queries again");
});

test("loading a key that is still in flight", { category: "shares an in-flight load of the same key" }, async (t) => {
  let open = () => {};
  const gate = new Promise<void>((resolve) => (open = resolve));
  const db = fakeUsers(t, { gate });
  const loader = t.exports.createLoader({ batchFn: db.batchFn, keyOf: db.keyOf });
  const early = loader.load(9);
  await t.clock.advance(0); // the batch is flushed; the query is waiting on the gate
  t.assert.equal(db.calls, [[9]], "batchFn calls once the first batch was flushed");
  const late = loader.load(9);
  await t.clock.advance(0);
  open();
  const got = await value(t, Promise.all([early, late]), "both loads of 9");
  t.assert.equal(names(got), ["user 9", "user 9"], "both loads");
  t.assert.equal(db.calls, [[9]], "batchFn calls: the second load waited for the first query");
});

test("two loaders, same key", { category: "keeps a separate cache per loader instance" }, async (t) => {
  const db = fakeUsers(t);
  const perRequestA = t.exports.createLoader({ batchFn: db.batchFn, keyOf: db.keyOf });
  const perRequestB = t.exports.createLoader({ batchFn: db.batchFn, keyOf: db.keyOf });
  await value(t, perRequestA.load(1), "loader A load(1)");
  const b = await value(t, perRequestB.load(1), "loader B load(1)");
  t.assert.equal(b?.name, "user 1", "loader B's user");
  t.assert.equal(db.calls, [[1], [1]], "each loader queried once");
});

test("each key once, in first-requested order", { category: "passes each key once, in the order first requested" }, async (t) => {
  const calls: string[][] = [];
  const loader = t.exports.createLoader({
    batchFn: async (keys: string[]) => {
      calls.push([...keys]);
      await t.point("db.query");
      return keys.map((sku) => ({ sku, price: sku.length }));
    },
    keyOf: (r: { sku: string }) => r.sku,
  });
  const skus = ["sku-9", "sku-2", "sku-9", "sku-10", "sku-2", "sku-1", "sku-10"];
  const got = await value(t, Promise.all(skus.map((s) => loader.load(s))), "seven loads");
  t.assert.equal(calls, [["sku-9", "sku-2", "sku-10", "sku-1"]], "keys passed to batchFn");
  t.assert.equal(got.map((r: any) => r?.sku), skus, "each load's row");
});

test("maxBatchSize splits one flush into parallel chunks", { category: "splits a flush into chunks of at most maxBatchSize keys" }, async (t) => {
  let open = () => {};
  const gate = new Promise<void>((resolve) => (open = resolve));
  const db = fakeUsers(t, { gate, order: "reverse" });
  const loader = t.exports.createLoader({ batchFn: db.batchFn, keyOf: db.keyOf, maxBatchSize: 3 });
  const loads = [1, 2, 3, 4, 5, 6, 7].map((id) => loader.load(id));
  await t.clock.advance(0);
  t.assert.equal(db.calls, [[1, 2, 3], [4, 5, 6], [7]], "batchFn calls, all started before any finished");
  open();
  const got = await value(t, Promise.all(loads), "seven loads");
  t.assert.equal(names(got), ["user 1", "user 2", "user 3", "user 4", "user 5", "user 6", "user 7"], "each key's user");
});

test("posts → authors → teams", { category: "batches each level of nested lookups into one call" }, async (t) => {
  const db = fakeUsers(t, { order: "shuffle" });
  const users = t.exports.createLoader({ batchFn: db.batchFn, keyOf: db.keyOf });
  const teamCalls: number[][] = [];
  const teams = t.exports.createLoader({
    batchFn: async (ids: number[]) => {
      teamCalls.push([...ids]);
      await t.point("db.teams");
      return ids.map((id) => ({ id, name: `team ${id}` }));
    },
    keyOf: (team: { id: number }) => team.id,
  });
  const authorIds = [4, 8, 15, 16, 4, 8, 13, 19];
  const resolveAuthor = async (id: number) => {
    const user = await users.load(id);
    const team = await teams.load(user.teamId);
    return `${user.name} / ${team.name}`;
  };
  const got = await value(t, Promise.all(authorIds.map(resolveAuthor)), "nested loads");
  t.assert.equal(got, ["user 4 / team 100", "user 8 / team 101", "user 15 / team 102", "user 16 / team 100", "user 4 / team 100", "user 8 / team 101", "user 13 / team 100", "user 19 / team 100"], "each author with their team");
  t.assert.equal(db.calls.length, 1, "user queries");
  t.assert.equal(teamCalls, [[100, 101, 102]], "team queries");
});

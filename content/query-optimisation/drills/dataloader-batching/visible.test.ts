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

test("ten posts' authors are fetched with one batchFn call", async (t) => {
  const db = fakeUsers(t);
  const loader = t.exports.createLoader({ batchFn: db.batchFn, keyOf: db.keyOf });
  const posts = [1, 2, 1, 3, 2, 4, 5, 3, 5, 1].map((authorId, i) => ({ id: i, authorId }));
  // Like a GraphQL resolver: each post asks for its own author.
  const resolved = posts.map(async (p) => ({ post: p.id, author: await loader.load(p.authorId) }));
  const out = await value(t, Promise.all(resolved), "all ten loads");
  t.assert.equal(db.calls, [[1, 2, 3, 4, 5]], "batchFn calls (each distinct id once)");
  t.assert.equal(out.map((o: any) => o.author?.name), ["user 1", "user 2", "user 1", "user 3", "user 2", "user 4", "user 5", "user 3", "user 5", "user 1"], "each post's author");
});

test("a load in a later tick starts a new batch", async (t) => {
  const db = fakeUsers(t);
  const loader = t.exports.createLoader({ batchFn: db.batchFn, keyOf: db.keyOf });
  const first = await value(t, loader.load(1), "load(1)");
  const second = await value(t, loader.load(2), "load(2), after load(1) finished");
  t.assert.equal(names([first, second]), ["user 1", "user 2"], "the loaded users");
  t.assert.equal(db.calls, [[1], [2]], "batchFn calls");
});

test("a key that was already loaded comes from the cache", async (t) => {
  const db = fakeUsers(t);
  const loader = t.exports.createLoader({ batchFn: db.batchFn, keyOf: db.keyOf });
  const a = await value(t, loader.load(7), "first load(7)");
  const b = await value(t, loader.load(7), "second load(7)");
  t.assert.equal(db.calls, [[7]], "batchFn calls");
  t.assert.equal(b, a, "the cached user");
});

test("a key with no row resolves to undefined", async (t) => {
  const db = fakeUsers(t);
  const loader = t.exports.createLoader({ batchFn: db.batchFn, keyOf: db.keyOf });
  const got = await value(t, Promise.all([loader.load(1), loader.load(2), loader.load(404)]), "loads of 1, 2 and 404");
  t.assert.equal(names(got), ["user 1", "user 2", undefined], "users 1, 2 and a missing 404");
  t.assert.equal(db.calls, [[1, 2, 404]], "batchFn calls");
});

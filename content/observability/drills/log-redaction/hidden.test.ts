test("nested objects", { category: "redacts sensitive keys at any depth" }, (t: any) => {
  const { exports, assert } = t;
  const out = exports.redact({
    req: { method: "POST", headers: { authorization: "Bearer x", cookie: "sid=1", accept: "*/*" }, body: { login: { user: "ada", password: "p" } } },
  });
  assert.equal(
    out,
    { req: { method: "POST", headers: { authorization: "[REDACTED]", cookie: "[REDACTED]", accept: "*/*" }, body: { login: { user: "ada", password: "[REDACTED]" } } } },
    "a request logged three levels deep",
  );
});

test("arrays", { category: "redacts inside arrays" }, (t: any) => {
  const { exports, assert } = t;
  const out = exports.redact({
    users: [{ name: "ada", apiKey: "k1" }, { name: "bob", apiKey: "k2" }],
    batches: [[{ secret: "s" }], ["Bearer t0k3n", 7]],
  });
  assert.equal(
    out,
    { users: [{ name: "ada", apiKey: "[REDACTED]" }, { name: "bob", apiKey: "[REDACTED]" }], batches: [[{ secret: "[REDACTED]" }], ["Bearer [REDACTED]", 7]] },
    "arrays of objects and nested arrays",
  );
  assert.equal(exports.redact([{ Password: 1 }, "x"]), [{ Password: "[REDACTED]" }, "x"], "a top-level array");
});

test("whole values under sensitive keys", { category: "replaces the whole value under a sensitive key, whatever its type" }, (t: any) => {
  const { exports, assert } = t;
  const out = exports.redact({ clientSecret: { value: "x", rotatedAt: "2024-01-01" }, apiKeys: ["a", "b"], sessionToken: 12345, password: null, "Set-Cookie": ["a=1", "b=2"], DB_PASSWD: "pw", privateKey: "-----BEGIN" });
  assert.equal(
    out,
    { clientSecret: "[REDACTED]", apiKeys: "[REDACTED]", sessionToken: "[REDACTED]", password: "[REDACTED]", "Set-Cookie": "[REDACTED]", DB_PASSWD: "[REDACTED]", privateKey: "[REDACTED]" },
    "objects, arrays, numbers and null under sensitive keys",
  );
});

test("card numbers", { category: "masks card numbers inside strings, leaving short numbers and number values" }, (t: any) => {
  const { exports, assert } = t;
  const out = exports.redact({
    a: "card 4111 1111 1111 1111 declined",
    b: "pan=4111-1111-1111-1111;",
    c: "4111111111111111",
    d: "amex 3782 822463 10005 ok",
    e: "order 12345 for 555-123-4567",
    amount: 4111111111111111,
    nested: { note: "retry with 5500000000000004 later" },
  });
  assert.equal(
    out,
    {
      a: "card [REDACTED] declined",
      b: "pan=[REDACTED];",
      c: "[REDACTED]",
      d: "amex [REDACTED] ok",
      e: "order 12345 for 555-123-4567",
      amount: 4111111111111111,
      nested: { note: "retry with [REDACTED] later" },
    },
    "card-like digit runs in strings",
  );
});

test("bearer variants", { category: "rewrites every bearer token in any string, any case" }, (t: any) => {
  const { exports, assert } = t;
  assert.equal(exports.redact("bearer abc.def and BEARER xyz=="), "bearer [REDACTED] and BEARER [REDACTED]", "a top-level string with two tokens");
  assert.equal(exports.redact({ ctx: { lines: ["got Bearer a+b/c=", "ok"] } }), { ctx: { lines: ["got Bearer [REDACTED]", "ok"] } }, "a token deep inside an array");
});

test("cycles", { category: "replaces cycles with [Circular] instead of recursing forever" }, (t: any) => {
  const { exports, assert } = t;
  const a: any = { name: "a", token: "t" };
  a.self = a;
  assert.equal(exports.redact(a), { name: "a", token: "[REDACTED]", self: "[Circular]" }, "an object that references itself");
  const root: any = { level: 0, child: { level: 1, child: { level: 2 } } };
  root.child.child.back = root;
  assert.equal(exports.redact(root), { level: 0, child: { level: 1, child: { level: 2, back: "[Circular]" } } }, "a cycle three levels deep");
  const list: any[] = ["x"];
  list.push(list);
  assert.equal(exports.redact(list), ["x", "[Circular]"], "an array that contains itself");
});

test("shared references", { category: "redacts a shared (non-cyclic) object in every place" }, (t: any) => {
  const { exports, assert } = t;
  const address = { street: "1 Main St", accessToken: "t" };
  const out = exports.redact({ billing: address, shipping: address, history: [address, address] });
  const clean = { street: "1 Main St", accessToken: "[REDACTED]" };
  assert.equal(out, { billing: clean, shipping: clean, history: [clean, clean] }, "the same object used four times");
});

test("other values", { category: "leaves non-sensitive keys, primitives and non-plain objects as they are" }, (t: any) => {
  const { exports, assert } = t;
  const when = new Date(1_700_000_000_000);
  const out = exports.redact({ author: "ada", keyboard: "us", n: 1, ok: true, nothing: null, missing: undefined, when });
  assert.equal(out, { author: "ada", keyboard: "us", n: 1, ok: true, nothing: null, missing: undefined, when }, "mixed values");
  assert.ok(out.when === when, "a Date is returned as it is");
  assert.equal([exports.redact(42), exports.redact(null), exports.redact(undefined), exports.redact(false)], [42, null, undefined, false], "top-level primitives");
});

test("deep input untouched", { category: "does not modify the input at any depth" }, (t: any) => {
  const { exports, assert } = t;
  const make = () => {
    const o: any = { req: { headers: { authorization: "Bearer x" }, items: [{ password: "p", note: "card 4111111111111111" }] } };
    o.req.parent = o;
    return o;
  };
  const input = make();
  exports.redact(input);
  assert.equal(input, make(), "the input after redact");
});

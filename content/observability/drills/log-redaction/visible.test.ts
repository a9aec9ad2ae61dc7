test("redacts sensitive top-level keys", (t: any) => {
  const { exports, assert } = t;
  const out = exports.redact({ user: "ada", password: "hunter2", token: "abc123", status: 200 });
  assert.equal(out, { user: "ada", password: "[REDACTED]", token: "[REDACTED]", status: 200 }, "redacted entry");
});

test("matches keys case-insensitively, ignoring - and _", (t: any) => {
  const { exports, assert } = t;
  const out = exports.redact({ Authorization: "Basic YWRhOmh1bnRlcjI=", "X-Api-Key": "k-123", refresh_token: "r-456", author: "ada" });
  assert.equal(out, { Authorization: "[REDACTED]", "X-Api-Key": "[REDACTED]", refresh_token: "[REDACTED]", author: "ada" }, "redacted entry");
});

test("rewrites bearer tokens inside strings", (t: any) => {
  const { exports, assert } = t;
  const out = exports.redact({ msg: "upstream 401 with Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig-_x for /orders" });
  assert.equal(out, { msg: "upstream 401 with Bearer [REDACTED] for /orders" }, "redacted message");
});

test("does not modify the input", (t: any) => {
  const { exports, assert } = t;
  const make = () => ({ user: "ada", password: "hunter2", msg: "Bearer abc" });
  const input = make();
  const out = exports.redact(input);
  assert.equal(input, make(), "the input after redact");
  assert.notEqual(out, input, "the result is a redacted copy");
});

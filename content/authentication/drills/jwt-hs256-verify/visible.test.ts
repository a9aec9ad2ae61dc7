// Tokens are built here with the same helpers the verifier is given.
const SECRET = "test-secret-please-rotate";
const AUD = "orders-api";
const NOW_S = 1_700_000_000; // the virtual clock starts at 1 700 000 000 000 ms

function sign(t: any, claims: unknown, header: unknown = { alg: "HS256", typ: "JWT" }, secret = SECRET): string {
  const h = t.crypto.base64urlEncode(JSON.stringify(header));
  const p = t.crypto.base64urlEncode(JSON.stringify(claims));
  return `${h}.${p}.${t.crypto.hmacSha256Base64url(secret, `${h}.${p}`)}`;
}

function opts(t: any) {
  return { secret: SECRET, audience: AUD, now: t.clock.now, hmac: t.crypto.hmacSha256Base64url, base64urlDecode: t.crypto.base64urlDecode };
}

test("returns the claims of a valid token", (t: any) => {
  const { exports, assert } = t;
  const claims = { sub: "user-42", aud: AUD, iat: NOW_S, exp: NOW_S + 900 };
  const token = sign(t, claims);
  assert.equal(exports.verifyJwt(token, opts(t)), claims, "claims of a token signed with the right secret");
});

test("rejects a token signed with another secret", (t: any) => {
  const { exports, assert } = t;
  const token = sign(t, { sub: "user-42", aud: AUD, exp: NOW_S + 900 }, undefined, "attacker-secret");
  assert.throws(() => exports.verifyJwt(token, opts(t)), "signature", "token signed with the wrong secret");
});

test("rejects an expired token", (t: any) => {
  const { exports, assert } = t;
  const token = sign(t, { sub: "user-42", aud: AUD, exp: NOW_S - 3600 });
  assert.throws(() => exports.verifyJwt(token, opts(t)), "expired", "exp one hour ago");
});

test("rejects a token for another audience", (t: any) => {
  const { exports, assert } = t;
  const token = sign(t, { sub: "user-42", aud: "billing-api", exp: NOW_S + 900 });
  assert.throws(() => exports.verifyJwt(token, opts(t)), "audience", "aud is billing-api");
});

test("accepts an audience array that contains this API", (t: any) => {
  const { exports, assert } = t;
  const claims = { sub: "user-42", aud: ["billing-api", AUD], exp: NOW_S + 900 };
  assert.equal(exports.verifyJwt(sign(t, claims), opts(t)), claims, "aud array including orders-api");
});

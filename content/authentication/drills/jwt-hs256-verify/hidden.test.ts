const SECRET = "test-secret-please-rotate";
const AUD = "orders-api";
const NOW_S = 1_700_000_000;

function enc(t: any, value: unknown): string {
  return t.crypto.base64urlEncode(typeof value === "string" ? value : JSON.stringify(value));
}
function signParts(t: any, h: string, p: string, secret = SECRET): string {
  return `${h}.${p}.${t.crypto.hmacSha256Base64url(secret, `${h}.${p}`)}`;
}
function sign(t: any, claims: unknown, header: unknown = { alg: "HS256", typ: "JWT" }, secret = SECRET): string {
  return signParts(t, enc(t, header), enc(t, claims), secret);
}
function opts(t: any, extra: Record<string, unknown> = {}) {
  return { secret: SECRET, audience: AUD, now: t.clock.now, hmac: t.crypto.hmacSha256Base64url, base64urlDecode: t.crypto.base64urlDecode, ...extra };
}
const good = { sub: "user-42", aud: AUD, exp: NOW_S + 900 };

test("alg none is rejected", { category: "rejects alg none (unsigned tokens)" }, (t: any) => {
  const { exports, assert } = t;
  const h = enc(t, { alg: "none", typ: "JWT" });
  const p = enc(t, good);
  assert.throws(() => exports.verifyJwt(`${h}.${p}.`, opts(t)), "algorithm", "alg none with an empty signature");
  assert.throws(() => exports.verifyJwt(signParts(t, h, p), opts(t)), "algorithm", "alg none even with a valid HMAC");
  const h2 = enc(t, { alg: "None" });
  assert.throws(() => exports.verifyJwt(`${h2}.${p}.`, opts(t)), "algorithm", "alg None");
});

test("only HS256 is accepted", { category: "accepts only alg HS256, exactly" }, (t: any) => {
  const { exports, assert } = t;
  for (const header of [{ alg: "HS512" }, { alg: "RS256" }, { alg: "hs256" }, { typ: "JWT" }, { alg: ["HS256"] }]) {
    assert.throws(() => exports.verifyJwt(sign(t, good, header), opts(t)), "algorithm", `header ${JSON.stringify(header)}`);
  }
});

test("signature must match exactly", { category: "rejects empty, truncated or altered signatures" }, (t: any) => {
  const { exports, assert } = t;
  const token = sign(t, good);
  const i = token.lastIndexOf(".");
  const head = token.slice(0, i + 1);
  const sig = token.slice(i + 1);
  const flip = (c: string) => (c === "A" ? "B" : "A");
  const variants: Array<[string, string]> = [
    ["empty signature", ""],
    ["first 10 characters", sig.slice(0, 10)],
    ["missing last character", sig.slice(0, -1)],
    ["one extra character", sig + "A"],
    ["last character changed", sig.slice(0, -1) + flip(sig[sig.length - 1]!)],
    ["first character changed", flip(sig[0]!) + sig.slice(1)],
  ];
  for (const [what, s] of variants) assert.throws(() => exports.verifyJwt(head + s, opts(t)), "signature", what);
});

test("timingSafeEqual", { category: "timingSafeEqual is true only for identical strings" }, (t: any) => {
  const { exports, assert } = t;
  const eq = exports.timingSafeEqual;
  assert.equal(eq("abc", "abc"), true, "abc vs abc");
  assert.equal(eq("", ""), true, "empty vs empty");
  assert.equal(eq("abc", "abd"), false, "abc vs abd");
  assert.equal(eq("xbc", "abc"), false, "xbc vs abc");
  assert.equal(eq("", "abc"), false, "empty vs abc");
  assert.equal(eq("abc", ""), false, "abc vs empty");
  assert.equal(eq("ab", "abc"), false, "ab vs abc");
  assert.equal(eq("abcd", "abc"), false, "abcd vs abc");
});

test("tampered payload or re-serialised header", { category: "verifies the signature over the parts exactly as received" }, (t: any) => {
  const { exports, assert } = t;
  const token = sign(t, { sub: "user-42", aud: AUD, exp: NOW_S + 60 });
  const [h, , s] = token.split(".");
  const forged = `${h}.${enc(t, { sub: "admin", aud: AUD, exp: NOW_S + 60 })}.${s}`;
  assert.throws(() => exports.verifyJwt(forged, opts(t)), "signature", "payload swapped, signature kept");

  // A header with its own spacing and key order: the signature covers these exact bytes.
  const oddHeader = enc(t, '{ "typ":"JWT",  "alg":"HS256" }');
  const claims = { sub: "user-7", aud: AUD, exp: NOW_S + 60 };
  assert.equal(exports.verifyJwt(signParts(t, oddHeader, enc(t, claims)), opts(t)), claims, "token whose header JSON has unusual spacing");
});

test("signature is checked before claims", { category: "checks the signature before any claim" }, (t: any) => {
  const { exports, assert } = t;
  const expiredForged = sign(t, { sub: "user-42", aud: AUD, exp: NOW_S - 3600 }, undefined, "wrong");
  assert.throws(() => exports.verifyJwt(expiredForged, opts(t)), "signature", "expired token with a bad signature");
  const wrongAudForged = sign(t, { sub: "user-42", aud: "other", exp: NOW_S + 60 }, undefined, "wrong");
  assert.throws(() => exports.verifyJwt(wrongAudForged, opts(t)), "signature", "wrong audience and a bad signature");
});

test("exp with the default leeway", { category: "applies the 30 s default leeway to exp (seconds vs ms)" }, async (t: any) => {
  const { exports, assert } = t;
  const ok = { sub: "u", aud: AUD, exp: NOW_S - 29 };
  assert.equal(exports.verifyJwt(sign(t, ok), opts(t)), ok, "expired 29 s ago, inside the leeway");
  assert.throws(() => exports.verifyJwt(sign(t, { sub: "u", aud: AUD, exp: NOW_S - 30 }), opts(t)), "expired", "expired exactly 30 s ago");
  const token = sign(t, { sub: "u", aud: AUD, exp: NOW_S + 60 });
  await t.clock.advance(89_000);
  assert.equal(exports.verifyJwt(token, opts(t)).sub, "u", "89 s later (exp + 29 s)");
  await t.clock.advance(1_000);
  assert.throws(() => exports.verifyJwt(token, opts(t)), "expired", "90 s later (exp + 30 s)");
});

test("nbf and a custom leeway", { category: "applies the leeway to nbf and honours leewaySeconds" }, (t: any) => {
  const { exports, assert } = t;
  const soon = { sub: "u", aud: AUD, nbf: NOW_S + 30, exp: NOW_S + 900 };
  assert.equal(exports.verifyJwt(sign(t, soon), opts(t)), soon, "nbf 30 s ahead, inside the default leeway");
  assert.throws(() => exports.verifyJwt(sign(t, { ...soon, nbf: NOW_S + 31 }), opts(t)), "not yet valid", "nbf 31 s ahead");
  assert.throws(() => exports.verifyJwt(sign(t, { ...soon, nbf: NOW_S + 1 }), opts(t, { leewaySeconds: 0 })), "not yet valid", "nbf 1 s ahead, leeway 0");
  assert.throws(() => exports.verifyJwt(sign(t, { sub: "u", aud: AUD, exp: NOW_S }), opts(t, { leewaySeconds: 0 })), "expired", "exp = now, leeway 0");
  const wide = { sub: "u", aud: AUD, exp: NOW_S - 100 };
  assert.equal(exports.verifyJwt(sign(t, wide), opts(t, { leewaySeconds: 120 })), wide, "expired 100 s ago, leeway 120");
});

test("audience matching", { category: "matches aud exactly, as a string or an array element" }, (t: any) => {
  const { exports, assert } = t;
  const bad: unknown[] = [undefined, "orders-api-admin", "orders", ["orders-api-admin"], [], 42, { aud: AUD }];
  for (const aud of bad) {
    assert.throws(() => exports.verifyJwt(sign(t, { sub: "u", exp: NOW_S + 60, aud }), opts(t)), "audience", `aud ${JSON.stringify(aud)}`);
  }
  const ok = { sub: "u", exp: NOW_S + 60, aud: [AUD] };
  assert.equal(exports.verifyJwt(sign(t, ok), opts(t)), ok, "aud [orders-api]");
});

test("malformed tokens", { category: "rejects malformed tokens and claims with 'malformed'" }, (t: any) => {
  const { exports, assert } = t;
  const h = enc(t, { alg: "HS256" });
  const p = enc(t, good);
  const shapes: Array<[string, unknown]> = [
    ["empty string", ""],
    ["one part", "abc"],
    ["two parts", `${h}.${p}`],
    ["four parts", `${signParts(t, h, p)}.x`],
    ["empty header", `.${p}.sig`],
    ["empty payload", `${h}..sig`],
    ["not a string", undefined],
    ["header not JSON", signParts(t, enc(t, "hello"), p)],
    ["header JSON null", signParts(t, enc(t, "null"), p)],
    ["header JSON array", signParts(t, enc(t, '["HS256"]'), p)],
    ["payload not JSON (valid signature)", signParts(t, h, enc(t, "not json"))],
    ["payload is an array (valid signature)", signParts(t, h, enc(t, [good]))],
    ["exp is a string (valid signature)", signParts(t, h, enc(t, { ...good, exp: String(NOW_S + 900) }))],
    ["nbf is null (valid signature)", signParts(t, h, enc(t, { ...good, nbf: null }))],
  ];
  for (const [what, token] of shapes) assert.throws(() => exports.verifyJwt(token, opts(t)), "malformed", what);
});

// Plausible but wrong: converts exp and nbf to milliseconds but adds the leeway unconverted, so
// the 30 s clock-skew allowance becomes 30 ms: a server whose clock runs a few seconds ahead of
// the issuer's rejects tokens that the leeway was meant to tolerate.
export type VerifyOptions = {
  secret: string;
  audience: string;
  now: () => number;
  hmac: (key: string, data: string) => string;
  base64urlDecode: (b64url: string) => string;
  leewaySeconds?: number;
};

export function timingSafeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

function decodeObject(part: string, decode: (s: string) => string): Record<string, unknown> | null {
  try {
    const v: unknown = JSON.parse(decode(part));
    return v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

const isTime = (v: unknown) => v === undefined || (typeof v === "number" && Number.isFinite(v));

export function verifyJwt(token: string, options: VerifyOptions): Record<string, unknown> {
  const { secret, audience, now, hmac, base64urlDecode, leewaySeconds = 30 } = options;
  const parts = typeof token === "string" ? token.split(".") : [];
  if (parts.length !== 3 || !parts[0] || !parts[1]) throw new Error("malformed token");
  const [h, p, sig] = parts as [string, string, string];
  const header = decodeObject(h, base64urlDecode);
  if (!header) throw new Error("malformed header");
  if (header.alg !== "HS256") throw new Error("unsupported algorithm");
  if (!timingSafeEqual(sig, hmac(secret, `${h}.${p}`))) throw new Error("invalid signature");
  const claims = decodeObject(p, base64urlDecode);
  if (!claims || !isTime(claims.exp) || !isTime(claims.nbf)) throw new Error("malformed payload");
  const nowMs = now();
  if (typeof claims.exp === "number" && nowMs >= claims.exp * 1000 + leewaySeconds) throw new Error("token expired");
  if (typeof claims.nbf === "number" && nowMs < claims.nbf * 1000 - leewaySeconds) throw new Error("token not yet valid");
  const aud = claims.aud;
  if (!(typeof aud === "string" ? aud === audience : Array.isArray(aud) && aud.includes(audience))) throw new Error("bad audience");
  return claims;
}

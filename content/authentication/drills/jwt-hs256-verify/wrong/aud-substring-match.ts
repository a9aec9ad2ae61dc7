// Plausible but wrong: checks the audience with `aud.includes(audience)`, which reads well for an
// array but on a string is a SUBSTRING test — a token minted for "orders-api-admin" (or any aud
// that merely contains "orders-api") is accepted by this API.
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
  const nowSec = now() / 1000;
  if (typeof claims.exp === "number" && nowSec >= claims.exp + leewaySeconds) throw new Error("token expired");
  if (typeof claims.nbf === "number" && nowSec < claims.nbf - leewaySeconds) throw new Error("token not yet valid");
  const aud = claims.aud as string | string[] | undefined;
  if (!(typeof aud === "string" || Array.isArray(aud)) || !aud.includes(audience)) throw new Error("bad audience");
  return claims;
}

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
    const value: unknown = JSON.parse(decode(part));
    return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

const isTime = (v: unknown) => v === undefined || (typeof v === "number" && Number.isFinite(v));

export function verifyJwt(token: string, options: VerifyOptions): Record<string, unknown> {
  const { secret, audience, now, hmac, base64urlDecode, leewaySeconds = 30 } = options;

  const parts = typeof token === "string" ? token.split(".") : [];
  if (parts.length !== 3 || !parts[0] || !parts[1]) throw new Error("malformed token: expected header.payload.signature");
  const [headerPart, payloadPart, signature] = parts as [string, string, string];

  const header = decodeObject(headerPart, base64urlDecode);
  if (!header) throw new Error("malformed token: header is not a JSON object");
  if (header.alg !== "HS256") throw new Error(`unsupported algorithm: ${String(header.alg)}`);

  const expected = hmac(secret, `${headerPart}.${payloadPart}`);
  if (!timingSafeEqual(signature, expected)) throw new Error("invalid signature");

  const claims = decodeObject(payloadPart, base64urlDecode);
  if (!claims) throw new Error("malformed token: payload is not a JSON object");
  if (!isTime(claims.exp) || !isTime(claims.nbf)) throw new Error("malformed token: exp and nbf must be numbers");

  const nowSec = now() / 1000;
  if (typeof claims.exp === "number" && nowSec >= claims.exp + leewaySeconds) throw new Error("token expired");
  if (typeof claims.nbf === "number" && nowSec < claims.nbf - leewaySeconds) throw new Error("token not yet valid");

  const aud = claims.aud;
  const audOk = typeof aud === "string" ? aud === audience : Array.isArray(aud) && aud.some((a) => a === audience);
  if (!audOk) throw new Error("token audience does not include this API");

  return claims;
}

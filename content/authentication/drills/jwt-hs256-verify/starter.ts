export type VerifyOptions = {
  /** The shared HMAC key. */
  secret: string;
  /** This API's identifier: `aud` must be (or contain) it. */
  audience: string;
  /** Current time in MILLISECONDS since the epoch. */
  now: () => number;
  /** HMAC-SHA-256 of `data` under `key`, encoded as base64url without padding. */
  hmac: (key: string, data: string) => string;
  /** Decodes base64url to UTF-8 text. */
  base64urlDecode: (b64url: string) => string;
  /** Clock-skew allowance for exp and nbf, in seconds. Default 30. */
  leewaySeconds?: number;
};

export function timingSafeEqual(a: string, b: string): boolean {
  // Your code here: look at every character, decide at the end.
  return false;
}

export function verifyJwt(token: string, options: VerifyOptions): Record<string, unknown> {
  // Your code here
  throw new Error("not implemented");
}

// Plausible but wrong: redacts only the top-level keys and strings. Nested objects and arrays are
// passed through untouched, so `req.headers.authorization` or `users[0].password` still reach
// the logs.
const SENSITIVE = ["password", "passwd", "secret", "token", "authorization", "cookie", "apikey", "privatekey"];

function clean(s: string): string {
  return s.replace(/(\bbearer\s+)[A-Za-z0-9\-._~+/]+=*/gi, "$1[REDACTED]").replace(/(?<!\d)\d(?:[ -]?\d){12,18}(?!\d)/g, "[REDACTED]");
}

export function redact(value: unknown): unknown {
  if (typeof value === "string") return clean(value);
  if (value === null || typeof value !== "object" || Array.isArray(value) || value instanceof Date) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    const k = key.toLowerCase().replace(/[-_]/g, "");
    out[key] = SENSITIVE.some((w) => k.includes(w)) ? "[REDACTED]" : typeof v === "string" ? clean(v) : v;
  }
  return out;
}

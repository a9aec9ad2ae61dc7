// Plausible but wrong: guards against cycles with one "seen" set for the whole walk and never
// removes anything from it. A real cycle is caught, but an object that is merely shared (the same
// address used for billing and shipping) is logged as "[Circular]" the second time.
const SENSITIVE = ["password", "passwd", "secret", "token", "authorization", "cookie", "apikey", "privatekey"];

function clean(s: string): string {
  return s.replace(/(\bbearer\s+)[A-Za-z0-9\-._~+/]+=*/gi, "$1[REDACTED]").replace(/(?<!\d)\d(?:[ -]?\d){12,18}(?!\d)/g, "[REDACTED]");
}

function isPlain(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== "object") return false;
  const p = Object.getPrototypeOf(v);
  return p === Object.prototype || p === null;
}

export function redact(value: unknown, seen: WeakSet<object> = new WeakSet()): unknown {
  if (typeof value === "string") return clean(value);
  if (!Array.isArray(value) && !isPlain(value)) return value;
  if (seen.has(value)) return "[Circular]";
  seen.add(value);
  if (Array.isArray(value)) return value.map((v) => redact(v, seen));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    const k = key.toLowerCase().replace(/[-_]/g, "");
    out[key] = SENSITIVE.some((w) => k.includes(w)) ? "[REDACTED]" : redact(v, seen);
  }
  return out;
}

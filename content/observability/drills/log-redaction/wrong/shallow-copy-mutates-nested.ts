// Plausible but wrong: "copies" with a spread (`{ ...value }`), which copies only the top level,
// then redacts the nested objects in place. The top-level input looks untouched, but the caller's
// nested objects (request headers, the user record) now hold "[REDACTED]" — the request that is
// still being served loses its Authorization header after the first log line.
const SENSITIVE = ["password", "passwd", "secret", "token", "authorization", "cookie", "apikey", "privatekey"];

function clean(s: string): string {
  return s.replace(/(\bbearer\s+)[A-Za-z0-9\-._~+/]+=*/gi, "$1[REDACTED]").replace(/(?<!\d)\d(?:[ -]?\d){12,18}(?!\d)/g, "[REDACTED]");
}

function isPlain(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== "object") return false;
  const p = Object.getPrototypeOf(v);
  return p === Object.prototype || p === null;
}

function redactInPlace(target: any, ancestors: Set<object>): unknown {
  if (typeof target === "string") return clean(target);
  if (!Array.isArray(target) && !isPlain(target)) return target;
  if (ancestors.has(target)) return "[Circular]";
  ancestors.add(target);
  for (const key of Object.keys(target)) {
    const k = key.toLowerCase().replace(/[-_]/g, "");
    target[key] = !Array.isArray(target) && SENSITIVE.some((w) => k.includes(w)) ? "[REDACTED]" : redactInPlace(target[key], ancestors);
  }
  ancestors.delete(target);
  return target;
}

export function redact(value: unknown): unknown {
  if (Array.isArray(value)) return redactInPlace([...value], new Set([value]));
  if (isPlain(value)) return redactInPlace({ ...value }, new Set([value]));
  return redactInPlace(value, new Set());
}

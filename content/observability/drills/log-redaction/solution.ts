const SENSITIVE = ["password", "passwd", "secret", "token", "authorization", "cookie", "apikey", "privatekey"];
const REDACTED = "[REDACTED]";

const BEARER = /(\bbearer\s+)[A-Za-z0-9\-._~+/]+=*/gi;
const CARD = /(?<!\d)\d(?:[ -]?\d){12,18}(?!\d)/g;

function isSensitiveKey(key: string): boolean {
  const k = key.toLowerCase().replace(/[-_]/g, "");
  return SENSITIVE.some((word) => k.includes(word));
}

function redactText(s: string): string {
  return s.replace(BEARER, `$1${REDACTED}`).replace(CARD, REDACTED);
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== "object") return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

function walk(value: unknown, ancestors: Set<object>): unknown {
  if (typeof value === "string") return redactText(value);
  if (!Array.isArray(value) && !isPlainObject(value)) return value;
  if (ancestors.has(value)) return "[Circular]";
  ancestors.add(value);
  let out: unknown;
  if (Array.isArray(value)) {
    out = value.map((item) => walk(item, ancestors));
  } else {
    // fromEntries defines own properties, so even a "__proto__" key is copied as data.
    out = Object.fromEntries(Object.keys(value).map((key) => [key, isSensitiveKey(key) ? REDACTED : walk(value[key], ancestors)]));
  }
  ancestors.delete(value); // only ancestors count: a shared, non-cyclic object is redacted again elsewhere
  return out;
}

export function redact(value: unknown): unknown {
  return walk(value, new Set());
}

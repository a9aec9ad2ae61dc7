/**
 * Compares assertion values on the host side (the sandbox child process), where nothing the
 * learner's code does inside the isolate can reach. Values arrive as the JSON of the harness's
 * `describe` tree. Pure.
 */

export type Described = unknown;

function canonical(v: Described): string {
  return JSON.stringify(v, (_k, value: unknown) => {
    if (value && typeof value === "object" && !Array.isArray(value)) {
      return Object.fromEntries(Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    }
    return value;
  });
}

/** A readable rendering of a described value, for failure messages (capped). */
export function show(v: Described, max = 300): string {
  const render = (x: Described): string => {
    if (x === null || typeof x !== "object") return JSON.stringify(x);
    if (Array.isArray(x)) return `[${x.map(render).join(", ")}]`;
    const o = x as Record<string, unknown>;
    switch (o.$) {
      case "undefined":
      case "NaN":
      case "Infinity":
      case "-Infinity":
      case "-0":
      case "circular":
      case "Promise":
      case "getter":
      case "…":
        return String(o.$);
      case "bigint":
        return `${String(o.v)}n`;
      case "symbol":
        return `Symbol(${String(o.v)})`;
      case "function":
        return `[Function ${String(o.v)}]`;
      case "Date":
        return `Date(${new Date(Number(o.v)).toISOString()})`;
      case "Error":
        return `${String(o.name)}: ${String(o.message)}`;
      case "Map":
        return `Map {${(o.v as Array<[Described, Described]>).map(([k, v]) => `${render(k)} => ${render(v)}`).join(", ")}}`;
      case "Set":
        return `Set {${(o.v as Described[]).map(render).join(", ")}}`;
      case "instance":
        return `${String(o.cls)} ${render(o.v)}`;
      default:
        if (typeof o.$ === "string" && Array.isArray(o.v)) return `${o.$} [${(o.v as Described[]).map(render).join(", ")}]`;
        return `{${Object.entries(o)
          .map(([k, v]) => `${k}: ${render(v)}`)
          .join(", ")}}`;
    }
  };
  const s = render(v);
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

function truthy(v: Described): boolean {
  if (v && typeof v === "object" && !Array.isArray(v)) {
    const tag = (v as { $?: string }).$;
    return !(tag === "undefined" || tag === "NaN" || tag === "-0" || (tag === "bigint" && (v as { v: string }).v === "0"));
  }
  return Boolean(v);
}

const num = (v: Described): number | null => (typeof v === "number" ? v : null);

/** Returns "ok" or the failure message. */
export function judge(kind: string, actualJson: string, expectedJson: string, extraJson: string, message: string): string {
  let actual: Described;
  let expected: Described;
  let extra: Described;
  try {
    actual = JSON.parse(actualJson);
    expected = JSON.parse(expectedJson);
    extra = JSON.parse(extraJson);
  } catch {
    return "the assertion could not be read";
  }
  const prefix = message ? `${message}: ` : "";
  switch (kind) {
    case "equal":
      return canonical(actual) === canonical(expected) ? "ok" : `${prefix}expected ${show(expected)}, got ${show(actual)}`;
    case "notEqual":
      return canonical(actual) !== canonical(expected) ? "ok" : `${prefix}expected a value other than ${show(expected)}`;
    case "ok":
      return truthy(actual) ? "ok" : `${prefix}expected a truthy value, got ${show(actual)}`;
    case "closeTo": {
      const a = num(actual);
      const e = num(expected);
      const eps = num(extra);
      if (a === null || e === null || eps === null) return `${prefix}expected a number near ${show(expected)}, got ${show(actual)}`;
      return Math.abs(a - e) <= eps ? "ok" : `${prefix}expected ${e} ± ${eps}, got ${a}`;
    }
    case "atMost": {
      const a = num(actual);
      const e = num(expected);
      return a !== null && e !== null && a <= e ? "ok" : `${prefix}expected at most ${show(expected)}, got ${show(actual)}`;
    }
    case "atLeast": {
      const a = num(actual);
      const e = num(expected);
      return a !== null && e !== null && a >= e ? "ok" : `${prefix}expected at least ${show(expected)}, got ${show(actual)}`;
    }
    case "throws": {
      const a = actual as { threw?: boolean; message?: string };
      if (!a || a.threw !== true) return `${prefix}expected an error, but none was thrown`;
      if (typeof expected === "string" && !String(a.message ?? "").includes(expected)) {
        return `${prefix}expected an error mentioning ${JSON.stringify(expected)}, got ${JSON.stringify(a.message)}`;
      }
      return "ok";
    }
    default:
      return `unknown assertion ${kind}`;
  }
}

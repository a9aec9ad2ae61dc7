/**
 * What both fuzzers share (ADR 0018): route discovery from Remix flat-route file names, a
 * vocabulary of field names and values harvested from route sources, odd values, and the check
 * that a response body leaks no stack trace or server path.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";

export const ROUTES_DIR = path.resolve("app/routes");

/** Every route module file under app/routes (tests excepted), sorted. */
export function listRouteFiles(): string[] {
  return readdirSync(ROUTES_DIR)
    .filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f))
    .sort();
}

export type Segment = { literal: string } | { param: string; optional: boolean };

/** Remix v2 flat-route file name → URL segments (`$id` params, `$` splat, `($x)` optional, `[.]` escapes, `_index`, `_layout`). */
export function segmentsOf(file: string): Segment[] {
  const base = file.replace(/\.(tsx?|jsx?)$/, "");
  const parts: string[] = [];
  let current = "";
  let escaped = false;
  for (const ch of base) {
    if (ch === "[") escaped = true;
    else if (ch === "]") escaped = false;
    else if (ch === "." && !escaped) {
      parts.push(current);
      current = "";
    } else current += ch;
  }
  parts.push(current);
  const out: Segment[] = [];
  for (let part of parts) {
    if (part === "_index" || part === "route" || (part.startsWith("_") && !part.startsWith("_$"))) continue;
    part = part.replace(/_$/, "");
    const optional = /^\(.*\)$/.test(part);
    if (optional) part = part.slice(1, -1);
    if (part === "$") out.push({ param: "*", optional });
    else if (part.startsWith("$")) out.push({ param: part.slice(1), optional });
    else out.push({ literal: part });
  }
  return out;
}

/** String literals of a module and the local modules it imports (components excepted), `depth` levels deep. */
export function vocabularyOf(file: string, depth: number, seen = new Set<string>()): Set<string> {
  const words = new Set<string>();
  if (seen.has(file) || !existsSync(file)) return words;
  seen.add(file);
  const source = readFileSync(file, "utf8");
  for (const m of source.matchAll(/(["'`])((?:(?!\1)[^\\\n$<>{}])*)\1/g)) {
    const w = m[2]!;
    if (w.length >= 1 && w.length <= 40 && !w.startsWith("~/") && !w.startsWith("./") && !w.startsWith("@")) words.add(w);
  }
  if (depth > 0) {
    for (const m of source.matchAll(/from\s+["']((?:~|\.{1,2})\/[^"']+)["']/g)) {
      const spec = m[1]!;
      if (spec.includes("/components/")) continue;
      const target = spec.startsWith("~/") ? path.resolve("app", spec.slice(2)) : path.resolve(path.dirname(file), spec);
      const resolved = [target, `${target}.ts`, `${target}.tsx`, path.join(target, "index.ts")].find((f) => existsSync(f) && f.match(/\.tsx?$/));
      if (resolved) for (const w of vocabularyOf(resolved, depth - 1, seen)) words.add(w);
    }
  }
  return words;
}

export const ODD_VALUES = [
  "", " ", "0", "1", "-1", "2", "10", "1.5", "1e309", "-1e309", "NaN", "Infinity", "-0", "9007199254740993", "0x10",
  "true", "false", "null", "undefined", "[]", "{}", "__proto__", "constructor", "../../etc/passwd", "%00", "\u0000",
  "<script>alert(1)</script>", "' or 1=1 --", "\r\n", "𝄞", "e\u0301", "\uFEFF", "\uD800", "a".repeat(300),
];

const STACK_FRAME = /\bat (?:async )?[\w.$<>[\] ]*\(?(?:file:\/\/|node:|\/)[^\s)]*:\d+:\d+\)?/;
const SERVER_PATH = new RegExp(`${process.cwd().replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}|node_modules/|app/(?:routes|models|utils)/[\\w.$-]+\\.tsx?`);

/** The first stack frame or server path found in a response body, or null. */
export function leakIn(text: string): string | null {
  return (STACK_FRAME.exec(text) ?? SERVER_PATH.exec(text))?.[0] ?? null;
}

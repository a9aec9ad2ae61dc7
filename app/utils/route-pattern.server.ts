/**
 * The route pattern of a request URL (`/topics/:slug`, never `/topics/idempotency`), found by
 * matching the path against the Remix build's own route manifest. Routes added later (pre-screens,
 * the API) are picked up from the manifest without a list to maintain. The result is a metric label
 * and a span name, so every value it can return comes from a bounded set: a manifest pattern or one
 * of the fixed labels below.
 *
 * React Router's `matchRoutes` would give the same answer but flattens and ranks the whole route
 * tree on every call (~100 µs here); this module does that once per build, with the same ranking
 * rules (a test checks both agree), and then tries one precompiled regular expression per route.
 */

export type RouteManifestEntry = { id: string; parentId?: string; path?: string; index?: boolean; caseSensitive?: boolean };
export type RouteManifest = Record<string, RouteManifestEntry | undefined>;

/** Fixed labels for what is not a Remix route. */
export const UNMATCHED = "unmatched";
export const STATIC = "static";

/** `pattern` is what the regex matches (optional segments exploded); `label` is the route as declared. */
type Branch = { pattern: string; label: string; regex: RegExp; score: number; order: number[] };

// React Router's ranking (computeScore in @remix-run/router): static segments beat dynamic ones,
// index routes get a bonus, splats a penalty.
const PARAM = /^:[\w-]+$/;
function score(pattern: string, index: boolean): number {
  const segments = pattern.split("/");
  let total = segments.length;
  if (segments.includes("*")) total -= 2;
  if (index) total += 2;
  for (const s of segments) if (s !== "*") total += PARAM.test(s) ? 3 : s === "" ? 1 : 10;
  return total;
}

/** `a/:b?/c` → `a/c` and `a/:b/c`, as React Router explodes optional segments. */
function explode(path: string): string[] {
  const [first, ...rest] = path.split("/") as [string, ...string[]];
  const optional = first.endsWith("?");
  const required = first.replace(/\?$/, "");
  if (rest.length === 0) return optional ? [required, ""] : [required];
  const tails = explode(rest.join("/"));
  const out = tails.map((t) => (t === "" ? required : `${required}/${t}`));
  if (optional) out.push(...tails);
  return out.map((p) => (path.startsWith("/") && p === "" ? "/" : p));
}

function compile(pattern: string, caseSensitive: boolean): RegExp {
  let source = "^" + pattern.replace(/\/*\*?$/, "").replace(/^\/*/, "/").replace(/[\\.*+^${}|()[\]]/g, "\\$&").replace(/\/:[\w-]+/g, "/([^\\/]+)");
  if (pattern.endsWith("*")) source += pattern === "*" || pattern === "/*" ? "(.*)$" : "(?:\\/(.+)|\\/*)$";
  else source += "\\/*$";
  return new RegExp(source, caseSensitive ? undefined : "i");
}

function join(parent: string, child: string): string {
  return `${parent}/${child}`.replace(/\/\/+/g, "/");
}

function flatten(manifest: RouteManifest, parentId: string | undefined, parent: { path: string; label: string }, order: number[], out: Branch[]): void {
  const children = Object.values(manifest).filter((r): r is RouteManifestEntry => r !== undefined && r.parentId === parentId);
  children.forEach((route, i) => {
    const relatives = route.path && route.path.includes("?") ? explode(route.path) : [route.path ?? ""];
    const label = join(parent.label, route.path ?? "");
    for (const relative of relatives) {
      const full = join(parent.path, relative);
      if (!route.index) flatten(manifest, route.id, { path: full, label }, [...order, i], out);
      if (route.path === undefined && !route.index) continue;
      out.push({ pattern: full, label, regex: compile(full, route.caseSensitive === true), score: score(full, route.index === true), order: [...order, i] });
    }
  });
}

function siblingsOrder(a: number[], b: number[]): number {
  const siblings = a.length === b.length && a.slice(0, -1).every((n, i) => n === b[i]);
  return siblings ? a[a.length - 1]! - b[b.length - 1]! : 0;
}

function decodePath(pathname: string): string {
  try {
    return pathname
      .split("/")
      .map((v) => decodeURIComponent(v).replace(/\//g, "%2F"))
      .join("/");
  } catch {
    return pathname;
  }
}

export type RouteMatcher = (pathname: string) => string | null;

/** A matcher for one build's manifest: pathname → pattern, or null when only the catch-all matches. */
export function createRouteMatcher(manifest: RouteManifest): RouteMatcher {
  const branches: Branch[] = [];
  flatten(manifest, undefined, { path: "", label: "" }, [], branches);
  branches.sort((a, b) => (a.score !== b.score ? b.score - a.score : siblingsOrder(a.order, b.order)));
  return (pathname) => {
    const decoded = decodePath(pathname);
    const branch = branches.find((b) => b.regex.test(decoded));
    if (!branch) return null;
    const pattern = branch.label === "" ? "/" : branch.label;
    // The root splat route (app/routes/$.tsx) is the 404 page: everything it answers is unmatched.
    return pattern === "/*" ? null : pattern;
  };
}

/** Single-fetch data requests (`/topics/x.data`, `/_root.data`) belong to the page route they load. */
function documentPath(pathname: string): string {
  if (pathname === "/_root.data") return "/";
  return pathname.endsWith(".data") ? pathname.slice(0, -".data".length) : pathname;
}

/**
 * The label for a finished request. `reachedRemix` is false when express answered on its own (a
 * static file, a refused body); `status` tells a served static file from a miss.
 */
export function routeLabel(matcher: RouteMatcher | null, pathname: string, reachedRemix: boolean, status: number): string {
  if (pathname.startsWith("/build/")) return "/build/*";
  if (pathname.startsWith("/monaco/")) return "/monaco/*";
  if (pathname === "/metrics") return "/metrics";
  if (pathname === "/__manifest") return "/__manifest";
  const pattern = matcher ? matcher(documentPath(pathname)) : null;
  if (pattern) return pattern;
  return !reachedRemix && status < 400 ? STATIC : UNMATCHED;
}

import { UNSAFE_flatRoutes } from "@remix-run/dev";
import { matchRoutes } from "@remix-run/react";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createRouteMatcher, routeLabel, type RouteManifest } from "./route-pattern.server";

/** The app's real route table, read the way `remix build` reads it (remix.config.js's ignore list). */
const appManifest: RouteManifest = { root: { id: "root", path: "" }, ...UNSAFE_flatRoutes("app", ["**/.*", "**/*.test.{ts,tsx}"]) };

/** React Router's own answer, for comparison: the joined paths of the matched routes. */
function reference(manifest: RouteManifest, pathname: string): string | null {
  type RouteObject = Parameters<typeof matchRoutes>[0][number];
  const tree = (parentId: string | undefined): RouteObject[] =>
    Object.values(manifest)
      .filter((r) => r !== undefined && r.parentId === parentId)
      .map((r) => (r!.index ? { id: r!.id, path: r!.path, index: true } : { id: r!.id, path: r!.path, children: tree(r!.id) }));
  const matches = matchRoutes(tree(undefined), pathname);
  if (!matches) return null;
  const pattern = ("/" + matches.map((m) => m.route.path ?? "").filter(Boolean).join("/")).replace(/\/+/g, "/");
  return pattern === "/*" ? null : pattern;
}

/** Routes with what the app does not use yet: nesting, pathless layouts, optional segments, splats. */
const synthetic: RouteManifest = {
  root: { id: "root", path: "" },
  "routes/_index": { id: "routes/_index", parentId: "root", index: true },
  "routes/ps": { id: "routes/ps", parentId: "root", path: "ps" },
  "routes/ps.$token": { id: "routes/ps.$token", parentId: "routes/ps", path: ":token" },
  "routes/ps.$token.q.$n": { id: "routes/ps.$token.q.$n", parentId: "routes/ps.$token", path: "q/:n" },
  "routes/ps.new": { id: "routes/ps.new", parentId: "routes/ps", path: "new" },
  "routes/_auth": { id: "routes/_auth", parentId: "root" },
  "routes/_auth.login": { id: "routes/_auth.login", parentId: "routes/_auth", path: "login" },
  "routes/($lang).about": { id: "routes/($lang).about", parentId: "root", path: ":lang?/about" },
  "routes/docs.$": { id: "routes/docs.$", parentId: "root", path: "docs/*" },
  "routes/api.v1.orgs.$org.candidates": { id: "routes/api.v1.orgs.$org.candidates", parentId: "root", path: "api/v1/orgs/:org/candidates" },
  "routes/api.v1.orgs.$org.candidates.export": { id: "routes/api.v1.orgs.$org.candidates.export", parentId: "root", path: "api/v1/orgs/:org/candidates/export" },
  "routes/$": { id: "routes/$", parentId: "root", path: "*" },
};

const segment = fc.oneof(
  fc.constantFrom("topics", "practice", "q", "summary", "review", "a", "drills", "me", "export", "delete", "ps", "new", "login", "about", "docs", "api", "v1", "orgs", "candidates", "en", "healthz", "Topics", "%41", "x.data"),
  fc.stringMatching(/^[A-Za-z0-9_.~-]{1,12}$/),
);
const pathArb = fc.tuple(fc.array(segment, { maxLength: 6 }), fc.boolean()).map(([segs, slash]) => "/" + segs.join("/") + (slash && segs.length ? "/" : ""));

describe("route patterns", () => {
  it("labels the app's pages by their route pattern, and anything else as unmatched", () => {
    const match = createRouteMatcher(appManifest);
    const label = (p: string) => routeLabel(match, p, true, 200);
    expect(label("/")).toBe("/");
    expect(label("/topics")).toBe("/topics");
    expect(label("/topics/idempotency")).toBe("/topics/:slug");
    expect(label("/topics/idempotency.data")).toBe("/topics/:slug");
    expect(label("/_root.data")).toBe("/");
    expect(label("/practice/8f1c/q/3")).toBe("/practice/:sessionId/q/:step");
    expect(label("/practice/8f1c")).toBe("/practice/:sessionId");
    expect(label("/practice/8f1c/summary")).toBe("/practice/:sessionId/summary");
    expect(label("/review/a/12")).toBe("/review/a/:attemptId");
    expect(label("/drills/token-bucket")).toBe("/drills/:id");
    expect(label("/me/export")).toBe("/me/export");
    expect(label("/wp-admin/setup.php")).toBe("unmatched");
    expect(label("/topics/a/b/c")).toBe("unmatched");
  });

  it("collapses static assets and tells a served file from a miss", () => {
    const match = createRouteMatcher(appManifest);
    expect(routeLabel(match, "/build/_shared/chunk-ABC123.js", false, 200)).toBe("/build/*");
    expect(routeLabel(match, "/monaco/vs/editor/editor.main.js", false, 200)).toBe("/monaco/*");
    expect(routeLabel(match, "/favicon.svg", false, 200)).toBe("static");
    expect(routeLabel(match, "/favicon.svg", false, 304)).toBe("static");
    expect(routeLabel(match, "/nothing-here.png", true, 404)).toBe("unmatched");
    expect(routeLabel(match, "/metrics", false, 401)).toBe("/metrics");
    expect(routeLabel(null, "/topics/x", true, 200)).toBe("unmatched");
  });

  it("agrees with React Router's matchRoutes on the app's routes and on nested, optional and splat routes", () => {
    for (const manifest of [appManifest, synthetic]) {
      const match = createRouteMatcher(manifest);
      fc.assert(
        fc.property(pathArb, (p) => {
          expect(match(p)).toBe(reference(manifest, p));
        }),
        { numRuns: 1000 },
      );
    }
    const match = createRouteMatcher(synthetic);
    expect(match("/ps/abc/q/2")).toBe("/ps/:token/q/:n");
    expect(match("/ps/new")).toBe("/ps/new");
    expect(match("/en/about")).toBe("/:lang?/about");
    expect(match("/about")).toBe("/:lang?/about");
    expect(match("/docs/a/b")).toBe("/docs/*");
    expect(match("/login")).toBe("/login");
  });

  it("can only return a pattern from the manifest or a fixed label, whatever the URL", () => {
    const match = createRouteMatcher(appManifest);
    const patterns = new Set(["/", "/build/*", "/monaco/*", "/metrics", "/__manifest", "static", "unmatched"]);
    for (const r of Object.values(appManifest)) patterns.add(("/" + (r!.path ?? "")).replace(/\/+/g, "/"));
    fc.assert(
      fc.property(fc.webPath(), fc.boolean(), fc.integer({ min: 100, max: 599 }), (p, reached, status) => {
        expect(patterns.has(routeLabel(match, p || "/", reached, status))).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});

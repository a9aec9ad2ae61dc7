/**
 * The real express app (server/index.ts createApp) over real HTTP, in the test process, serving a
 * Remix build made of the app's real route table (read the way `remix build` reads it) whose
 * modules are resource routes: each answers JSON from a real model call, or 404 for the catch-all.
 * Enough to test what wraps the routes (metrics, logging, tracing) without a production build;
 * tests/e2e covers the built app.
 */
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { UNSAFE_flatRoutes } from "@remix-run/dev";
import type { ServerBuild } from "@remix-run/node";
import { getTopic } from "../../app/models/topic.server";
import type { RouteManifest } from "../../app/utils/route-pattern.server";

type Loader = (args: { params: Record<string, string | undefined>; request: Request }) => Promise<Response> | Response;

const loaders: Record<string, Loader> = {
  "routes/topics.$slug": async ({ params }) => {
    const topic = await getTopic(params.slug ?? "");
    if (!topic) throw new Response("Not found", { status: 404 });
    return Response.json({ slug: topic.slug, title: topic.title });
  },
  "routes/$": () => {
    throw new Response("Not found", { status: 404 });
  },
};

export function routeTable(): RouteManifest {
  return { root: { id: "root", path: "" }, ...UNSAFE_flatRoutes("app", ["**/.*", "**/*.test.{ts,tsx}"]) };
}

export function stubBuild(): ServerBuild {
  const routes = Object.fromEntries(
    Object.values(routeTable()).map((r) => {
      const id = r!.id;
      const loader: Loader = loaders[id] ?? (({ params }) => Response.json({ route: id, params }));
      return [id, { id, parentId: r!.parentId, path: r!.path, index: r!.index, caseSensitive: r!.caseSensitive, module: id === "root" ? {} : { loader } }];
    }),
  );
  return {
    mode: "production",
    entry: { module: { default: () => new Response("documents are not rendered in this build", { status: 500 }) } },
    routes,
    assets: { url: "/build/manifest.js", version: "test", entry: { module: "/build/entry.client.js", imports: [] }, routes: {} },
    publicPath: "/build/",
    assetsBuildDirectory: "public/build",
    future: { v3_fetcherPersist: true, v3_relativeSplatPath: true, v3_throwAbortReason: true, v3_singleFetch: true, v3_lazyRouteDiscovery: true },
    isSpaMode: false,
    basename: undefined,
  } as unknown as ServerBuild;
}

export type Listening = { url: string; close: () => Promise<void> };

export function listen(server: Server): Promise<Listening> {
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

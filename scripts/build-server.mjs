// Bundles server/index.ts (and the app modules it imports) into build/server.js; npm packages stay external.
import { build } from "esbuild";

await build({
  entryPoints: ["server/index.ts"],
  outfile: "build/server.js",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  sourcemap: true,
  logLevel: "warning",
});

// The sandbox child process (run with --no-node-snapshot by the drill pool).
await build({
  entryPoints: ["app/drills/sandbox/worker.ts"],
  outfile: "build/sandbox-worker.js",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  sourcemap: true,
  logLevel: "warning",
});

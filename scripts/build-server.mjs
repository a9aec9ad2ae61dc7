// Bundles the server into build/server.js (entry server/boot.ts: tracing first, then server/index.ts
// and the app modules it imports, split into build/server/*.js so they load only after tracing has
// started), and the sandbox child process (run with --no-node-snapshot by the drill pool) into
// build/sandbox-worker.js. npm packages stay external.
import { build } from "esbuild";

const common = { bundle: true, platform: "node", format: "esm", target: "node20", packages: "external", sourcemap: true, logLevel: "warning" };

await build({ ...common, entryPoints: { server: "server/boot.ts" }, outdir: "build", splitting: true, chunkNames: "server/[name]-[hash]" });
await build({ ...common, entryPoints: ["app/drills/sandbox/worker.ts"], outfile: "build/sandbox-worker.js" });

// Bundles the server (server/index.ts and the app modules it imports) into build/server.js, and the
// sandbox child process (run with --no-node-snapshot by the drill pool) into build/sandbox-worker.js.
// npm packages stay external.
import { build } from "esbuild";

const common = { bundle: true, platform: "node", format: "esm", target: "node20", packages: "external", sourcemap: true, logLevel: "warning" };

await build({ ...common, entryPoints: ["server/index.ts"], outfile: "build/server.js" });
await build({ ...common, entryPoints: ["app/drills/sandbox/worker.ts"], outfile: "build/sandbox-worker.js" });

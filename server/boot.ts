/**
 * The process entry (bundled to build/server.js): tracing first, then the server. Static imports
 * are all loaded before any code runs, so the server — and with it express and http — is imported
 * dynamically, after OpenTelemetry has had the chance to hook module loading.
 */
import { getEnv, type Env } from "../app/utils/env.server";
import { startTracing } from "./tracing";

let env: Env;
try {
  env = getEnv();
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
await startTracing(env);
const { main } = await import("./index");
await main();

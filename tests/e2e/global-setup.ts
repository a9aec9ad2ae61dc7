/** Builds the app once (unless E2E_SKIP_BUILD=1) and starts one server for every browser test. */
import { execSync } from "node:child_process";
import type { TestProject } from "vitest/node";
import { startServer, type RunningServer } from "./server";

let server: RunningServer | undefined;

export async function setup(project: TestProject) {
  if (process.env.E2E_SKIP_BUILD !== "1") execSync("npm run -s build", { stdio: "inherit" });
  server = await startServer();
  project.provide("baseUrl", server.url);
}

export async function teardown() {
  await server?.stop();
}

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "~": path.resolve("app") } },
  test: {
    include: ["app/**/*.test.{ts,tsx}", "tests/integration/**/*.test.ts"],
    setupFiles: ["tests/setup/setup-db.ts"],
    pool: "forks",
    restoreMocks: true,
    // Sandbox tests start child processes that compile isolated-vm jobs; give a loaded CI machine room.
    testTimeout: 30_000,
  },
});

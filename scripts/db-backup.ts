/**
 * `npm run db:backup -- <file> [--force]`: an online, consistent copy of DATABASE_PATH through
 * SQLite's backup API, safe while the app runs. Prints size and duration.
 * Exit codes: 0 backed up and verified; 1 the backup was attempted and failed (nothing is left
 * under <file>); 2 nothing was attempted (bad arguments or configuration, <file> exists without
 * --force, no database at DATABASE_PATH).
 */
import { parseArgs } from "node:util";
import { BackupError, backupDatabase, formatBytes } from "../app/utils/backup.server";
import { getEnv } from "../app/utils/env.server";

const USAGE = "usage: npm run db:backup -- <file> [--force]";

let parsed;
try {
  parsed = parseArgs({ options: { force: { type: "boolean", default: false }, help: { type: "boolean", short: "h" } }, allowPositionals: true, strict: true });
} catch (error) {
  console.error(`${(error as Error).message}\n${USAGE}`);
  process.exit(2);
}
if (parsed.values.help) {
  console.log(USAGE);
  process.exit(0);
}
if (parsed.positionals.length !== 1 || !parsed.positionals[0]) {
  console.error(USAGE);
  process.exit(2);
}

let env;
try {
  env = getEnv();
} catch (error) {
  console.error((error as Error).message);
  process.exit(2);
}

try {
  const report = await backupDatabase({
    source: env.DATABASE_PATH,
    destination: parsed.positionals[0],
    force: parsed.values.force,
    busyTimeoutMs: env.DATABASE_BUSY_TIMEOUT_MS,
  });
  console.log(
    `Backed up ${report.source} to ${report.destination}: ${formatBytes(report.bytes)} (${report.bytes} bytes, ${report.pages} pages) in ${Math.round(report.ms)} ms; integrity check ok.`,
  );
} catch (error) {
  if (error instanceof BackupError && error.kind !== "check-failed") {
    console.error(error.message);
    process.exit(2);
  }
  console.error(`Backup failed: ${(error as Error).message}`);
  process.exit(1);
}

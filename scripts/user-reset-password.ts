/**
 * `npm run user:reset-password -- --email E`, new password on stdin. Sets the password of an existing
 * account and ends all of its sessions: the way to reset a password when the server sends no mail.
 */
import { parseArgs } from "node:util";
import { z } from "zod";
import { parseOptions, readPassword } from "./cli";
import { setPasswordByEmail } from "../app/models/user.server";
import { closeDb, migrateDatabase } from "../app/utils/db.server";

const { values } = parseArgs({ options: { email: { type: "string" } }, strict: true });

const options = parseOptions(
  z.object({ email: z.email({ message: "--email must be a valid email address" }) }),
  values,
);

const password = await readPassword("New password");
migrateDatabase();
try {
  const user = await setPasswordByEmail({ email: options.email, password });
  if (user) {
    console.log(JSON.stringify({ id: user.id, email: user.email, sessionsEnded: true }));
  } else {
    console.error(`email: no account with the email ${options.email}`);
    process.exitCode = 1;
  }
} finally {
  closeDb();
}

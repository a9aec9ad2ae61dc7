/**
 * `npm run user:create -- --email E [--role learner|interviewer|admin]`, password on stdin.
 * Creates the first admin, or users for automation, in DATABASE_PATH (migrating it if needed).
 */
import { parseArgs } from "node:util";
import { z } from "zod";
import { parseOptions, readPassword } from "./cli";
import { createUser, EmailTakenError } from "../app/models/user.server";
import { closeDb, migrateDatabase } from "../app/utils/db.server";

const { values } = parseArgs({
  options: { email: { type: "string" }, role: { type: "string", default: "learner" } },
  strict: true,
});

const options = parseOptions(
  z.object({
    email: z.email({ message: "--email must be a valid email address" }),
    role: z.enum(["learner", "interviewer", "admin"], { message: "--role must be learner, interviewer or admin" }),
  }),
  values,
);

const password = await readPassword("Password");
migrateDatabase();
try {
  const user = await createUser({ email: options.email, password, role: options.role });
  console.log(JSON.stringify({ id: user.id, email: user.email, role: user.role }));
} catch (error) {
  if (error instanceof EmailTakenError) {
    console.error(`email: ${error.message}`);
    process.exit(1);
  }
  throw error;
} finally {
  closeDb();
}

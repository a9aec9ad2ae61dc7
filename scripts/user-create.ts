/**
 * `npm run user:create -- --email E [--role learner|interviewer|admin]`, password on stdin.
 * Creates the first admin, or users for automation, in DATABASE_PATH (migrating it if needed).
 */
import { parseArgs } from "node:util";
import { z } from "zod";
import { passwordProblem } from "../app/forms/auth";
import { createUser, EmailTakenError } from "../app/models/user.server";
import { closeDb, migrateDatabase } from "../app/utils/db.server";

const { values } = parseArgs({
  options: { email: { type: "string" }, role: { type: "string", default: "learner" } },
  strict: true,
});

const input = z
  .object({
    email: z.email({ message: "--email must be a valid email address" }),
    role: z.enum(["learner", "interviewer", "admin"], { message: "--role must be learner, interviewer or admin" }),
  })
  .safeParse(values);
if (!input.success) {
  for (const issue of input.error.issues) console.error(`${issue.path.join(".")}: ${issue.message}`);
  process.exit(2);
}

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write("Password (input is visible; pipe it in for automation): ");
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8").replace(/\r?\n$/, "");
}

const password = await readStdin();
const problem = passwordProblem(password);
if (problem) {
  console.error(`password: ${problem}`);
  process.exit(2);
}
migrateDatabase();
try {
  const user = await createUser({ email: input.data.email, password, role: input.data.role });
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

/**
 * `npm run user:reset-password -- --email E`, new password on stdin. Sets the password of an existing
 * account and ends all of its sessions: the way to reset a password when the server sends no mail.
 */
import { parseArgs } from "node:util";
import { z } from "zod";
import { passwordProblem } from "../app/forms/auth";
import { setPasswordByEmail } from "../app/models/user.server";
import { closeDb, migrateDatabase } from "../app/utils/db.server";

const { values } = parseArgs({ options: { email: { type: "string" } }, strict: true });

const input = z.object({ email: z.email({ message: "--email must be a valid email address" }) }).safeParse(values);
if (!input.success) {
  for (const issue of input.error.issues) console.error(`${issue.path.join(".")}: ${issue.message}`);
  process.exit(2);
}

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write("New password (input is visible; pipe it in for automation): ");
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
  const user = await setPasswordByEmail({ email: input.data.email, password });
  if (user) {
    console.log(JSON.stringify({ id: user.id, email: user.email, sessionsEnded: true }));
  } else {
    console.error(`email: no account with the email ${input.data.email}`);
    process.exitCode = 1;
  }
} finally {
  closeDb();
}

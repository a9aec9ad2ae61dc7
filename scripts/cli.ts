/** Shared plumbing of the command-line scripts: argument checking and reading a password from stdin. */
import type { z } from "zod";
import { passwordProblem } from "../app/forms/auth";

/** Parses the options with a schema; prints one line per problem and exits 2 when they are bad. */
export function parseOptions<T extends z.ZodType>(schema: T, values: unknown): z.output<T> {
  const input = schema.safeParse(values);
  if (!input.success) {
    for (const issue of input.error.issues) console.error(`${issue.path.join(".")}: ${issue.message}`);
    process.exit(2);
  }
  return input.data;
}

/** Reads a password from stdin (piped, or typed at a prompt) and applies the password policy (exit 2). */
export async function readPassword(prompt: string): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write(`${prompt} (input is visible; pipe it in for automation): `);
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const password = Buffer.concat(chunks).toString("utf8").replace(/\r?\n$/, "");
  const problem = passwordProblem(password);
  if (problem) {
    console.error(`password: ${problem}`);
    process.exit(2);
  }
  return password;
}

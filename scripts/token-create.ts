/**
 * `npm run token:create -- --email E [--name N]`: creates an API token for the organisation the
 * user with that email belongs to, and prints it once (it is stored hashed).
 */
import { parseArgs } from "node:util";
import { createApiTokenForEmail } from "../app/models/api-token.server";
import { closeDb, getDb, migrateDatabase } from "../app/utils/db.server";

const { values } = parseArgs({ options: { email: { type: "string" }, name: { type: "string", default: "command line" } } });
if (!values.email) {
  console.error("Usage: npm run token:create -- --email you@example.com [--name Greenhouse]");
  process.exit(2);
}
migrateDatabase(getDb());
const result = await createApiTokenForEmail({ email: values.email, name: values.name!.slice(0, 60), now: new Date() });
closeDb();
if (!result) {
  console.error(`No member of an organisation has the email ${values.email}. Create the organisation in the app first (/org/new).`);
  process.exit(1);
}
console.log(result.token);

/** Beacon endpoint for integrity signals (focus loss, paste) from the candidate's page. */
import { data, type ActionFunctionArgs } from "@remix-run/node";
import { recordSignal } from "~/models/attempt.server";
import { tokenParams } from "~/utils/candidate-params";
import { requestNow } from "~/utils/clock.server";
import { readFormData } from "~/utils/forms";
import { parseParams } from "~/utils/params";

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { token } = parseParams(tokenParams, params);
  const form = await readFormData(request);
  const input = Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === "string"));
  const result = await recordSignal({ token, form: input, now: requestNow(request), ip: context.clientIp });
  if (!result.ok) return data({ fieldErrors: result.fieldErrors }, { status: result.status });
  return data({ stored: result.stored }, { status: result.stored ? 201 : 200 });
}

export function loader() {
  throw new Response(JSON.stringify({ fieldErrors: { form: ["Only POST is allowed here."] } }), { status: 405, headers: { Allow: "POST", "Content-Type": "application/json" } });
}

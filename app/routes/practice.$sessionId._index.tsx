/** /practice/:id goes to the first unanswered question, or to the summary when all are answered. */
import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { getPracticeState } from "~/models/practice.server";
import { parseParams, practiceParams } from "~/utils/params";
import { getSessionUser } from "~/utils/session.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { sessionId } = parseParams(practiceParams, params);
  const user = await getSessionUser(request);
  const state = user && (await getPracticeState({ sessionId, userId: user.id }));
  if (!state) throw new Response("Practice session not found", { status: 404 });
  return redirect(state.nextOpenStep === null ? `/practice/${sessionId}/summary` : `/practice/${sessionId}/q/${state.nextOpenStep + 1}`);
}

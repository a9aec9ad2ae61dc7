import { data, redirect, type ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { parseForm, readFormData, requirePost } from "~/utils/forms";
import { getLogger } from "~/utils/logger.server";
import { destroySession, endOtherSessions, getSessionUser } from "~/utils/session.server";

const logoutSchema = z.object({ intent: z.enum(["this", "everywhere-else"]).default("this") });

export async function loader() {
  return redirect("/");
}

/** Logs this browser out, or (intent=everywhere-else) ends every other session of the account. */
export async function action({ request, context }: ActionFunctionArgs) {
  requirePost(request);
  // A bare POST (no form body) logs out too.
  const form = request.headers.get("Content-Length") === "0" || !request.body ? new FormData() : await readFormData(request);
  const parsed = parseForm(logoutSchema, form);
  if (!parsed.ok) return data({ fieldErrors: parsed.fieldErrors }, { status: 400 });
  if (parsed.value.intent === "everywhere-else") {
    const user = await getSessionUser(request);
    if (user && !user.isGuest) {
      getLogger().info({ requestId: context.requestId, userId: user.id, event: "logout_everywhere_else" }, "ended every other session");
      return redirect("/me?sessions=ended", { headers: { "Set-Cookie": await endOtherSessions(user.id) } });
    }
  }
  return redirect("/", { headers: { "Set-Cookie": await destroySession(request) } });
}

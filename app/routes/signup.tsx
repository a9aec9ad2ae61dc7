import { data, redirect, type ActionFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useSearchParams } from "@remix-run/react";
import { AuthForm } from "~/components/auth-form";
import { signupSchema } from "~/forms/auth";
import { claimGuest, createUser, EmailTakenError } from "~/models/user.server";
import { parseForm, readFormData } from "~/utils/forms";
import { getLogger } from "~/utils/logger.server";
import { consumeLimit, limitMessage, passRetryAfter, rateLimitedForm } from "~/utils/rate-limit.server";
import { getSessionUser, rotateSession, redirectSignedIn } from "~/utils/session.server";
import { safeRedirect } from "~/utils/redirect";

export const meta: MetaFunction = () => [{ title: "Sign up — Groundwork" }];

export const loader = redirectSignedIn;

export async function action({ request, context }: ActionFunctionArgs) {
  const ipWait = await consumeLimit("auth-ip", context.clientIp);
  if (ipWait > 0) return rateLimitedForm(ipWait, limitMessage("auth-ip"));
  const parsed = parseForm(signupSchema, await readFormData(request));
  if (!parsed.ok) return data({ fieldErrors: parsed.fieldErrors, email: "" }, { status: 400 });
  const { email, password, redirectTo } = parsed.value;
  const current = await getSessionUser(request);
  if (current && !current.isGuest) throw redirect(safeRedirect(redirectTo, "/topics"));
  // Counts valid sign-up attempts, so one address cannot mint accounts in bulk.
  const signupWait = await consumeLimit("signup-ip", context.clientIp);
  if (signupWait > 0) return rateLimitedForm(signupWait, limitMessage("signup-ip"), email);
  try {
    const user = current?.isGuest
      ? await claimGuest({ guestId: current.id, email, password })
      : await createUser({ email, password });
    getLogger().info({ requestId: context.requestId, userId: user.id, claimedGuest: Boolean(current?.isGuest) }, "user signed up");
    return redirect(safeRedirect(redirectTo, "/topics"), { headers: { "Set-Cookie": await rotateSession(request, user.id) } });
  } catch (error) {
    if (error instanceof EmailTakenError) {
      return data({ fieldErrors: { email: ["An account with this email already exists. Log in instead?"] }, email }, { status: 400 });
    }
    throw error;
  }
}

export const headers = passRetryAfter;

export default function Signup() {
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  return <AuthForm mode="signup" redirectTo={safeRedirect(params.get("redirectTo"), "/topics")} email={actionData?.email} fieldErrors={actionData?.fieldErrors} />;
}

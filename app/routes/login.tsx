import { data, redirect, type ActionFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useSearchParams } from "@remix-run/react";
import { AuthForm } from "~/components/auth-form";
import { loginSchema } from "~/forms/auth";
import { mergeGuestInto, verifyLogin } from "~/models/user.server";
import { parseForm, readFormData } from "~/utils/forms";
import { getLogger } from "~/utils/logger.server";
import {
  accountKey,
  blockedFor,
  consumeLimit,
  limitMessage,
  loginKey,
  passRetryAfter,
  rateLimitedForm,
  recordFailure,
  resetLimit,
} from "~/utils/rate-limit.server";
import { getSessionUser, rotateSession, redirectSignedIn } from "~/utils/session.server";
import { safeRedirect } from "~/utils/redirect";

export const meta: MetaFunction = () => [{ title: "Log in — Groundwork" }];

export const loader = redirectSignedIn;

export async function action({ request, context }: ActionFunctionArgs) {
  const ipWait = await consumeLimit("auth-ip", context.clientIp);
  if (ipWait > 0) return rateLimitedForm(ipWait, limitMessage("auth-ip"));
  const parsed = parseForm(loginSchema, await readFormData(request));
  if (!parsed.ok) return data({ fieldErrors: parsed.fieldErrors, email: "" }, { status: 400 });
  const { email, password, redirectTo } = parsed.value;
  // Both locks are checked before the password, so a locked client gets 429 even with the right one.
  const lockedMs = await blockedFor("account-lock", accountKey(email));
  if (lockedMs > 0) return rateLimitedForm(lockedMs, limitMessage("account-lock"), email);
  const blockedMs = await blockedFor("login-failures", loginKey(email, context.clientIp));
  if (blockedMs > 0) return rateLimitedForm(blockedMs, limitMessage("login-failures"), email);
  const user = await verifyLogin(email, password);
  const log = getLogger().child({ requestId: context.requestId });
  if (!user) {
    await recordFailure("login-failures", loginKey(email, context.clientIp));
    await recordFailure("account-lock", accountKey(email));
    log.info({ event: "login_failed" }, "log-in failed");
    return data({ fieldErrors: { form: ["That email and password do not match an account."] }, email }, { status: 400 });
  }
  // The account-wide count is not cleared: it is a ceiling on guesses per window, whoever logs in.
  await resetLimit("login-failures", loginKey(email, context.clientIp));
  const current = await getSessionUser(request);
  if (current?.isGuest) await mergeGuestInto(current.id, user.id);
  log.info({ event: "login", userId: user.id, mergedGuest: Boolean(current?.isGuest) }, "logged in");
  // Rotation: whatever session this browser had (a guest's, someone else's) ends; a new token starts.
  return redirect(safeRedirect(redirectTo, "/topics"), { headers: { "Set-Cookie": await rotateSession(request, user.id) } });
}

export const headers = passRetryAfter;

export default function Login() {
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  return <AuthForm mode="login" redirectTo={safeRedirect(params.get("redirectTo"), "/topics")} email={actionData?.email} fieldErrors={actionData?.fieldErrors} />;
}

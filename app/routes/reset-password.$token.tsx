import { data, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { FormErrors, TextField } from "~/components/field";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { PASSWORD_MAX, PASSWORD_MIN, resetPasswordSchema } from "~/forms/auth";
import { findPasswordReset, resetPassword } from "~/models/password-reset.server";
import { mergeGuestInto } from "~/models/user.server";
import { parseForm, readFormData, type FieldErrors } from "~/utils/forms";
import { getLogger } from "~/utils/logger.server";
import { accountKey, consumeLimit, limitMessage, loginKey, rateLimitedForm, resetLimit } from "~/utils/rate-limit.server";
import { getSessionUser, rotateSession } from "~/utils/session.server";

export const meta: MetaFunction = () => [{ title: "Choose a new password — Groundwork" }];

const INVALID = "This reset link does not work any more: links work once, for 30 minutes. Ask for a new one.";

export async function loader({ params }: LoaderFunctionArgs) {
  // Opening the link does not use it (mail scanners open links too); only setting a password does.
  const reset = await findPasswordReset({ token: params.token ?? "", now: new Date() });
  if (!reset) return data({ email: null }, { status: 404 });
  return { email: reset.email };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const ipWait = await consumeLimit("auth-ip", context.clientIp);
  if (ipWait > 0) return rateLimitedForm(ipWait, limitMessage("auth-ip"));
  const parsed = parseForm(resetPasswordSchema, await readFormData(request));
  if (!parsed.ok) return data({ fieldErrors: parsed.fieldErrors, email: "" }, { status: 400 });
  const user = await resetPassword({ token: params.token ?? "", password: parsed.value.password, now: new Date() });
  if (!user?.email) return data({ fieldErrors: { form: [INVALID] } as FieldErrors, email: "" }, { status: 404 });
  // The owner proved control of the mailbox: earlier failed log-ins no longer lock the account.
  await resetLimit("account-lock", accountKey(user.email));
  await resetLimit("login-failures", loginKey(user.email, context.clientIp));
  const current = await getSessionUser(request);
  if (current?.isGuest) await mergeGuestInto(current.id, user.id);
  getLogger().info({ requestId: context.requestId, userId: user.id, event: "password_reset" }, "password reset; every session ended");
  return redirect("/me?password=changed", { headers: { "Set-Cookie": await rotateSession(request, user.id) } });
}

/** The page holds a secret in its URL: never cache it; pass a 429's Retry-After on. */
export const headers: HeadersFunction = ({ actionHeaders }) => {
  const headers = new Headers({ "Cache-Control": "no-store" });
  const retry = actionHeaders.get("Retry-After");
  if (retry) headers.set("Retry-After", retry);
  return headers;
};

export default function ResetPassword() {
  const { email } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const errors = result?.fieldErrors ?? {};
  return (
    <div className="container">
      <div className="card auth-card">
        <h1>Choose a new password</h1>
        {!email ? (
          <>
            <p className="alert alert-error" role="alert">
              {INVALID}
            </p>
            <p>
              <Link to="/forgot-password" className="btn btn-primary">
                Ask for a new link
              </Link>
            </p>
          </>
        ) : (
          <>
            <p className="muted small">
              For <strong>{email}</strong>. Setting it logs you in here and logs every other browser and device out.
            </p>
            <FormErrors errors={errors.form} />
            <Form method="post" noValidate>
              <input type="hidden" name="username" autoComplete="username" value={email} />
              <TextField
                name="password"
                type="password"
                label="New password"
                autoComplete="new-password"
                required
                minLength={PASSWORD_MIN}
                maxLength={PASSWORD_MAX}
                hint={<>At least {PASSWORD_MIN} characters. A passphrase works well.</>}
                errors={errors.password}
              />
              <TextField name="confirm" type="password" label="Type it again" autoComplete="new-password" required maxLength={PASSWORD_MAX} errors={errors.confirm} />
              <div className="form-actions">
                <button type="submit" className="btn btn-primary" disabled={busy}>
                  {busy ? "Please wait…" : "Set password and log in"}
                </button>
              </div>
            </Form>
          </>
        )}
      </div>
    </div>
  );
}

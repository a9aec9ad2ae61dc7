import { data, type ActionFunctionArgs, type MetaFunction } from "@remix-run/node";
import { FormErrors, TextField } from "~/components/field";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { forgotPasswordSchema, RESET_TTL_MINUTES } from "~/forms/auth";
import { createPasswordReset } from "~/models/password-reset.server";
import { parseForm, readFormData, type FieldErrors } from "~/utils/forms";
import { getLogger } from "~/utils/logger.server";
import { isMailConfigured, publicOrigin, sendMail } from "~/utils/mailer.server";
import { accountKey, consumeLimit, limitMessage, passRetryAfter, rateLimitedForm } from "~/utils/rate-limit.server";

export const meta: MetaFunction = () => [{ title: "Forgot password — Groundwork" }];

const NOT_CONFIGURED = "Password resets need outgoing mail, and this server has none configured. Ask your administrator to reset your password.";

export async function loader() {
  return { mailConfigured: isMailConfigured() };
}

type ActionData = { fieldErrors: FieldErrors; email: string; sent: boolean };

export async function action({ request, context }: ActionFunctionArgs) {
  const ipWait = await consumeLimit("auth-ip", context.clientIp);
  if (ipWait > 0) return rateLimitedForm(ipWait, limitMessage("auth-ip"));
  if (!isMailConfigured()) return data<ActionData>({ fieldErrors: { form: [NOT_CONFIGURED] }, email: "", sent: false }, { status: 409 });
  const parsed = parseForm(forgotPasswordSchema, await readFormData(request));
  if (!parsed.ok) return data<ActionData>({ fieldErrors: parsed.fieldErrors, email: "", sent: false }, { status: 400 });
  const { email } = parsed.value;
  // Counted for every address, known or not, so a 429 says nothing about whether an account exists.
  const emailWait = await consumeLimit("reset-email", accountKey(email));
  if (emailWait > 0) return rateLimitedForm(emailWait, limitMessage("reset-email"), email);
  const reset = await createPasswordReset({ email, now: new Date() });
  getLogger().info({ requestId: context.requestId, event: "password_reset_requested", account: Boolean(reset) }, "password reset requested");
  if (reset) {
    const link = `${publicOrigin(request)}/reset-password/${reset.token}`;
    // Not awaited: the answer must take as long whether or not the account exists (sendMail logs failures).
    void sendMail({
      to: reset.email,
      subject: "Reset your Groundwork password",
      text: [
        "Someone, hopefully you, asked to reset the password of your Groundwork account.",
        "",
        `Choose a new password here (the link works once, for ${RESET_TTL_MINUTES} minutes):`,
        link,
        "",
        "If you did not ask for this, ignore this mail: your password has not changed.",
      ].join("\n"),
    });
  }
  return data<ActionData>({ fieldErrors: {}, email, sent: true });
}

export const headers = passRetryAfter;

export default function ForgotPassword() {
  const { mailConfigured } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const errors = result?.fieldErrors ?? {};
  return (
    <div className="container">
      <div className="card auth-card">
        <h1>Forgot your password?</h1>
        {!mailConfigured ? (
          <>
            <p className="alert alert-info" role="status">
              {NOT_CONFIGURED}
            </p>
            <p className="small muted">
              Administrators: run <code>npm run user:reset-password -- --email you@example.com</code> on the server (the new password is read from
              standard input), or set <code>SMTP_URL</code> to send reset links by mail.
            </p>
          </>
        ) : result && "sent" in result && result.sent ? (
          <p className="alert alert-info" role="status">
            If an account exists for <strong>{result.email}</strong>, we have sent it a link to choose a new password. The link works once, for{" "}
            {RESET_TTL_MINUTES} minutes. Nothing arrived? Check your spam folder, or ask again in a few minutes.
          </p>
        ) : (
          <>
            <p className="muted small">Enter the email address of your account and we will send you a link to choose a new password.</p>
            <FormErrors errors={errors.form} />
            <Form method="post" noValidate>
              <TextField name="email" type="email" label="Email" autoComplete="email" required defaultValue={result?.email} errors={errors.email} />
              <div className="form-actions">
                <button type="submit" className="btn btn-primary" disabled={busy}>
                  {busy ? "Please wait…" : "Send me a link"}
                </button>
                <Link to="/login" className="small">
                  Back to log in
                </Link>
              </div>
            </Form>
          </>
        )}
      </div>
    </div>
  );
}

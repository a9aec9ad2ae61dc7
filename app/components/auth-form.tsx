/** The shared body of the log-in and sign-up pages. */
import { Form, Link, useNavigation } from "@remix-run/react";
import { PASSWORD_MAX, PASSWORD_MIN } from "~/forms/auth";
import type { FieldErrors } from "~/utils/forms";

type Props = {
  mode: "login" | "signup";
  redirectTo: string;
  email?: string;
  fieldErrors?: FieldErrors;
};

export function AuthForm({ mode, redirectTo, email, fieldErrors = {} }: Props) {
  const navigation = useNavigation();
  const busy = navigation.state !== "idle" && navigation.formMethod === "POST";
  const signup = mode === "signup";
  const err = (k: string) => fieldErrors[k]?.join(" ");
  return (
    <div className="container">
      <div className="card auth-card">
        <h1>{signup ? "Create your account" : "Log in"}</h1>
        <p className="muted small">
          {signup ? "Keep your progress across devices. Anything you practised as a guest comes with you." : "Welcome back."}
        </p>
        {err("form") ? (
          <div className="alert alert-error" role="alert">
            {err("form")}
          </div>
        ) : null}
        <Form method="post" noValidate>
          <input type="hidden" name="redirectTo" value={redirectTo} />
          <div className="field">
            <label htmlFor="email">Email</label>
            <input
              id="email"
              className="input"
              name="email"
              type="email"
              autoComplete="email"
              required
              defaultValue={email}
              aria-invalid={err("email") ? true : undefined}
              aria-describedby={err("email") ? "email-error" : undefined}
            />
            {err("email") ? <p id="email-error" className="field-error">{err("email")}</p> : null}
          </div>
          <div className="field">
            <label htmlFor="password">Password</label>
            <input
              id="password"
              className="input"
              name="password"
              type="password"
              autoComplete={signup ? "new-password" : "current-password"}
              required
              minLength={signup ? PASSWORD_MIN : undefined}
              maxLength={PASSWORD_MAX}
              aria-invalid={err("password") ? true : undefined}
              aria-describedby={[err("password") ? "password-error" : "", signup ? "password-hint" : ""].filter(Boolean).join(" ") || undefined}
            />
            {signup ? (
              <p id="password-hint" className="hint">
                At least {PASSWORD_MIN} characters. A passphrase works well.
              </p>
            ) : (
              <p className="hint">
                <Link to="/forgot-password">Forgot password?</Link>
              </p>
            )}
            {err("password") ? <p id="password-error" className="field-error">{err("password")}</p> : null}
          </div>
          <div className="form-actions">
            <button type="submit" className="btn btn-primary" disabled={busy}>
              {busy ? "Please wait…" : signup ? "Sign up" : "Log in"}
            </button>
            <span className="small muted">
              {signup ? "Already have an account? " : "New here? "}
              <Link to={`/${signup ? "login" : "signup"}?redirectTo=${encodeURIComponent(redirectTo)}`}>{signup ? "Log in" : "Sign up"}</Link>
            </span>
          </div>
        </Form>
      </div>
    </div>
  );
}

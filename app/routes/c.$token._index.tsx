import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { FormErrors, TextField } from "~/components/field";
import { getLanding, MAX_INTAKE_ANSWER, phaseMessage, startAttempt } from "~/models/attempt.server";
import { tokenParams } from "~/utils/candidate-params";
import { requestNow } from "~/utils/clock.server";
import { readFormData } from "~/utils/forms";
import { parseParams } from "~/utils/params";
import { enforceLimit, passRetryAfter } from "~/utils/rate-limit.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.prescreen.title} — Groundwork` : "Pre-screen — Groundwork" }, { name: "referrer", content: "no-referrer" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { token } = parseParams(tokenParams, params);
  await enforceLimit("invite-redeem", context.clientIp);
  const landing = await getLanding({ token, now: requestNow(request), ip: context.clientIp });
  if (!landing) throw new Response("This link is not valid. Check that you copied all of it, or ask for a new one.", { status: 404 });
  return {
    ...landing,
    message: phaseMessage(landing.phase),
    prescreen: { ...landing.prescreen, opensAt: landing.prescreen.opensAt?.toISOString() ?? null, closesAt: landing.prescreen.closesAt?.toISOString() ?? null },
    deadlineAt: landing.deadlineAt?.toISOString() ?? null,
    submittedAt: landing.submittedAt?.toISOString() ?? null,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { token } = parseParams(tokenParams, params);
  await enforceLimit("invite-redeem", context.clientIp);
  const form = await readFormData(request);
  const input = Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === "string"));
  const result = await startAttempt({ token, form: input, now: requestNow(request), ip: context.clientIp });
  if (!result.ok) {
    if (result.status === 404) throw new Response("This link is not valid.", { status: 404 });
    return data({ fieldErrors: result.fieldErrors }, { status: result.status });
  }
  return redirect(`/c/${token}/q/1`, 303);
}

export const headers = passRetryAfter;

export default function Landing() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const errors = actionData?.fieldErrors ?? {};
  const p = d.prescreen;
  return (
    <div className="container narrow page stack">
      <p className="eyebrow">Pre-screen</p>
      <h1>{p.title}</h1>
      {d.phase === "submitted" ? (
        <div className="card stack" role="status">
          <h2>Thank you — your answers are in</h2>
          <p>
            {d.submitReason === "deadline" ? "The time limit was reached, so your answers were submitted automatically" : "You submitted your answers"}
            {d.submittedAt ? ` at ${d.submittedAt.slice(11, 16)} UTC on ${d.submittedAt.slice(0, 10)}` : ""}. The team that invited you will be in touch. You can close this page.
          </p>
        </div>
      ) : d.phase === "in-progress" ? (
        <div className="card stack">
          <p>Your attempt is running. Everything you answered is saved; pick up where you left off.</p>
          <p>
            <Link to="q/1" className="btn btn-primary">Continue</Link>
          </p>
        </div>
      ) : d.phase !== "ready" ? (
        <div className="alert alert-info" role="status">{d.message}</div>
      ) : (
        <>
          {p.instructions ? <div className="card pre-wrap">{p.instructions}</div> : null}
          <section className="card stack" aria-labelledby="rules-heading">
            <h2 id="rules-heading">Before you start</h2>
            <ul className="stack">
              <li>
                <strong>{d.items} items</strong>, one per page. Move freely between them and change answers until you submit.
              </li>
              <li>
                <strong>{p.timeLimitMinutes} minutes</strong> from the moment you press Start{p.closesAt ? `, and no later than ${p.closesAt.slice(0, 16).replace("T", " ")} UTC` : ""}. A timer shows what is left. When time is up the server
                submits what you have saved; answers sent after that are not accepted.
              </li>
              <li>Every answer is saved as you go. If you reload, lose your connection or switch device, open this same link to continue.</li>
              <li>Code drills run in a sandbox; you can run the visible tests as often as you like. Hidden tests run when you submit.</li>
              <li>
                The team sees, as context and never as an automatic verdict: time per item, how often the page lost focus, pastes into answers, and changes of IP address.
              </li>
              <li>No account is needed. Keep this link to yourself: it works for you only.</li>
            </ul>
          </section>
          <Form method="post" className="card stack" noValidate>
            <FormErrors errors={errors.form} />
            {p.intake.map((q) => (
              <TextField key={q.id} id={`intake-${q.id}`} name={`intake.${q.id}`} label={q.label} maxLength={MAX_INTAKE_ANSWER} required errors={errors[`intake.${q.id}`]} />
            ))}
            <div className="field">
              <label className="row">
                <input type="checkbox" name="consent" value="yes" aria-describedby={errors.consent ? "consent-error" : undefined} />
                <span>I will answer on my own, and I agree that my answers and the signals above are shared with the team that invited me.</span>
              </label>
              {errors.consent ? <p id="consent-error" className="field-error" role="alert">{errors.consent.join(" ")}</p> : null}
            </div>
            <div className="form-actions">
              <button type="submit" className="btn btn-primary" disabled={navigation.state !== "idle"}>
                Start — the timer begins
              </button>
            </div>
          </Form>
        </>
      )}
    </div>
  );
}

import { randomUUID } from "node:crypto";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { QuestionForm } from "~/components/question-form";
import { settingsSchema, SETTINGS_LIMITS } from "~/forms/review";
import { getNextReviewItem, getReviewOverview, submitReviewAnswer, updateReviewSettings } from "~/models/review.server";
import { requestNow } from "~/utils/clock.server";
import { parseForm, readFormData, type FieldErrors } from "~/utils/forms";
import { getSessionUser } from "~/utils/session.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.overview ? `Review (${data.overview.dueToday} due) — Groundwork` : "Review — Groundwork" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getSessionUser(request);
  if (!user) return { overview: null, item: null, idempotencyKey: null };
  const now = requestNow(request);
  const idempotencyKey = randomUUID();
  const [overview, item] = await Promise.all([
    getReviewOverview({ userId: user.id, now }),
    getNextReviewItem({ userId: user.id, now, idempotencyKey }),
  ]);
  return { overview, item, idempotencyKey };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await getSessionUser(request);
  if (!user) throw new Response("Sign in or start practising first", { status: 404 });
  const form = await readFormData(request);
  const intent = form.get("intent");
  if (intent === "settings") {
    const parsed = parseForm(settingsSchema, form);
    if (!parsed.ok) return data({ fieldErrors: parsed.fieldErrors, saved: false }, { status: 400 });
    await updateReviewSettings(user.id, parsed.value);
    return { fieldErrors: {} as FieldErrors, saved: true };
  }
  if (intent !== "answer") return data({ fieldErrors: { intent: ["Unknown action"] } as FieldErrors, saved: false }, { status: 400 });
  const result = await submitReviewAnswer({ userId: user.id, form, now: requestNow(request) });
  if (!result.ok) return data({ fieldErrors: result.fieldErrors, saved: false }, { status: result.status });
  return redirect(`/review/a/${result.attemptId}`, 303);
}

function Settings({ settings, fieldErrors, saved }: { settings: { newPerDay: number; reviewsPerDay: number; desiredRetention: number }; fieldErrors: FieldErrors; saved: boolean }) {
  const navigation = useNavigation();
  const hasErrors = ["newPerDay", "reviewsPerDay", "desiredRetention"].some((k) => fieldErrors[k]?.length);
  const field = (name: "newPerDay" | "reviewsPerDay" | "desiredRetention", label: string, step: string, hint: string) => {
    const errors = fieldErrors[name];
    const limits = SETTINGS_LIMITS[name];
    return (
      <div className="field">
        <label htmlFor={`setting-${name}`}>{label}</label>
        <input
          id={`setting-${name}`}
          className="input"
          name={name}
          type="number"
          step={step}
          min={limits.min}
          max={limits.max}
          defaultValue={settings[name]}
          aria-invalid={errors?.length ? true : undefined}
          aria-describedby={`${name}-hint${errors?.length ? ` ${name}-error` : ""}`}
        />
        <p id={`${name}-hint`} className="hint">
          {hint}
        </p>
        {errors?.length ? (
          <p id={`${name}-error`} className="field-error" role="alert">
            {errors.join(" ")}
          </p>
        ) : null}
      </div>
    );
  };
  return (
    <details className="card settings" open={hasErrors || undefined}>
      <summary>Review settings</summary>
      <Form method="post" noValidate className="settings-form">
        <input type="hidden" name="intent" value="settings" />
        {field("newPerDay", "New questions per day", "1", "How many unseen questions from your started topics the queue adds each day.")}
        {field("reviewsPerDay", "Reviews per day", "1", "A cap on reviews of questions you have seen before.")}
        {field(
          "desiredRetention",
          "Desired retention",
          "0.01",
          "The chance of remembering a question when it comes due (0.80–0.97). Higher means more frequent reviews.",
        )}
        <div className="form-actions">
          <button type="submit" className="btn" disabled={navigation.state !== "idle"}>
            Save settings
          </button>
          {saved ? (
            <span className="hint" role="status">
              Saved.
            </span>
          ) : null}
        </div>
      </Form>
    </details>
  );
}

export default function Review() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  if (!d.overview) {
    return (
      <div className="container narrow page">
        <h1>Review</h1>
        <div className="card empty">
          <p>Questions you answer come back here just before you would forget them, on a spaced-repetition schedule.</p>
          <p>
            <Link to="/topics" className="btn btn-primary">
              Practise a topic
            </Link>
          </p>
        </div>
      </div>
    );
  }
  const o = d.overview;
  return (
    <div className="container narrow page">
      <div className="page-head">
        <h1>Review</h1>
        <p className="muted" aria-live="polite">
          <strong>{o.dueToday}</strong> due today · {o.newAvailable} new available · {o.reviewsDoneToday + o.newDoneToday} done today
        </p>
      </div>
      {d.item ? (
        <article className="card" aria-labelledby="question-heading">
          <div className="practice-head">
            <span className="small muted">
              {d.item.kind === "flagged" ? "From a drill you missed" : d.item.kind === "new" ? "New question" : "Due for review"} ·{" "}
              <Link to={`/topics/${d.item.topicSlug}`}>{d.item.topicTitle}</Link>
            </span>
            <span className={`badge badge-${d.item.question.difficulty}`}>{d.item.question.difficulty}</span>
          </div>
          <h2 id="question-heading" className="visually-hidden">
            Review question
          </h2>
          <div className="question-prompt prose" dangerouslySetInnerHTML={{ __html: d.item.question.promptHtml }} />
          <QuestionForm
            key={d.item.questionId + d.idempotencyKey}
            question={d.item.question}
            hidden={{ questionId: d.item.questionId }}
            idempotencyKey={d.idempotencyKey!}
            fieldErrors={actionData?.fieldErrors}
            submitting={navigation.state !== "idle" && navigation.formMethod === "POST"}
          />
        </article>
      ) : (
        <div className="card empty" role="status">
          {o.startedTopics === 0 ? (
            <>
              <p>Nothing to review yet. Answer a few questions in a topic and they will come back here on schedule.</p>
              <Link to="/topics" className="btn btn-primary">
                Practise a topic
              </Link>
            </>
          ) : (
            <>
              <p>
                <strong>All caught up.</strong>{" "}
                {o.nextDueAt ? (
                  <>
                    The next question is due <time dateTime={o.nextDueAt}>{new Date(o.nextDueAt).toUTCString().replace(" GMT", " UTC")}</time>.
                  </>
                ) : (
                  "Nothing else is scheduled."
                )}
              </p>
              <Link to="/me" className="btn">
                See your progress
              </Link>
            </>
          )}
        </div>
      )}
      <Settings settings={o.settings} fieldErrors={actionData?.fieldErrors ?? {}} saved={Boolean(actionData?.saved)} />
    </div>
  );
}

import { randomUUID } from "node:crypto";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigate, useNavigation } from "@remix-run/react";
import { useEffect } from "react";
import { z } from "zod";
import { QuestionFeedback } from "~/components/question-feedback";
import { isTypingTarget } from "~/components/html";
import { QuestionForm } from "~/components/question-form";
import { RatingControl } from "~/components/rating-control";
import { rateSchema } from "~/forms/review";
import { getPracticeState, getPracticeStep, selfAssess, submitAnswer } from "~/models/practice.server";
import { changeRating, getAttemptReview } from "~/models/review.server";
import { requestNow } from "~/utils/clock.server";
import { parseForm, readFormData, type FieldErrors } from "~/utils/forms";
import { parseParams, practiceParams } from "~/utils/params";
import { getSessionUser } from "~/utils/session.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Question ${data.step + 1} of ${data.total} — Groundwork` : "Practice — Groundwork" },
];

async function requireOwner(request: Request) {
  const user = await getSessionUser(request);
  if (!user) throw new Response("Practice session not found", { status: 404 });
  return user;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { sessionId, step = 1 } = parseParams(practiceParams, params);
  const user = await requireOwner(request);
  const found = await getPracticeStep({ sessionId, userId: user.id, step: step - 1 });
  if (!found) {
    // A step that is not open yet (or past the end) sends the learner to where they are.
    const state = await getPracticeState({ sessionId, userId: user.id });
    if (!state) throw new Response("Practice session not found", { status: 404 });
    throw redirect(`/practice/${sessionId}`);
  }
  const common = { sessionId, step: found.step, total: found.state.total, topicSlug: found.state.topicSlug, topicTitle: found.topicTitle };
  return found.status === "open"
    ? { ...common, status: "open" as const, question: found.question, idempotencyKey: randomUUID() }
    : {
        ...common,
        status: "answered" as const,
        revealed: found.revealed,
        attemptId: found.attemptId,
        isLast: found.step + 1 >= found.state.total,
        review: await getAttemptReview({ userId: user.id, attemptId: found.attemptId }),
      };
}

const selfAssessSchema = z.object({ attemptId: z.coerce.number().int().positive() });

export async function action({ request, params }: ActionFunctionArgs) {
  const { sessionId, step = 1 } = parseParams(practiceParams, params);
  const user = await requireOwner(request);
  const form = await readFormData(request);
  const intent = form.get("intent");
  if (intent === "self-assess") {
    const parsed = parseForm(selfAssessSchema, form);
    if (!parsed.ok) return data({ fieldErrors: parsed.fieldErrors }, { status: 400 });
    const checked = form.getAll("checked").map(Number).filter(Number.isInteger);
    const ok = await selfAssess({ userId: user.id, attemptId: parsed.value.attemptId, checked, now: requestNow(request) });
    if (!ok) throw new Response("Answer not found", { status: 404 });
    return redirect(`/practice/${sessionId}/q/${step}`, 303);
  }
  if (intent === "rate") {
    const parsed = parseForm(rateSchema, form);
    if (!parsed.ok) return data({ fieldErrors: parsed.fieldErrors }, { status: 400 });
    const result = await changeRating({ userId: user.id, ...parsed.value });
    if (!result.ok) return data({ fieldErrors: { rating: [result.message] } as FieldErrors }, { status: result.status });
    return redirect(`/practice/${sessionId}/q/${step}`, 303);
  }
  if (intent !== "answer") return data({ fieldErrors: { intent: ["Unknown action"] } as FieldErrors }, { status: 400 });
  const result = await submitAnswer({ sessionId, userId: user.id, form, now: requestNow(request) });
  if (!result.ok) {
    if (result.status === 404) throw new Response("Practice session not found", { status: 404 });
    return data({ fieldErrors: result.fieldErrors }, { status: result.status });
  }
  return redirect(`/practice/${sessionId}/q/${result.step + 1}`, 303);
}

export default function PracticeStep() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const navigate = useNavigate();
  const nextHref = d.status === "answered" ? (d.isLast ? `/practice/${d.sessionId}/summary` : `/practice/${d.sessionId}/q/${d.step + 2}`) : null;

  useEffect(() => {
    if (!nextHref) return;
    const onKey = (e: KeyboardEvent) => {
      if (isTypingTarget(e.target) || e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.key === "n" || e.key === "N") {
        e.preventDefault();
        navigate(nextHref);
      }
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [nextHref, navigate]);

  const question = d.status === "open" ? d.question : d.revealed;
  const progress = Math.round(((d.step + (d.status === "answered" ? 1 : 0)) / d.total) * 100);
  return (
    <div className="container narrow page">
      <div className="practice-head">
        <Link to={`/topics/${d.topicSlug}`} className="small">← {d.topicTitle}</Link>
        <div className="progress">
          <div className="small muted" id="progress-label">
            Question {d.step + 1} of {d.total}
          </div>
          <div className="meter" role="progressbar" aria-labelledby="progress-label" aria-valuemin={0} aria-valuemax={100} aria-valuenow={progress}>
            <span style={{ width: `${progress}%` }} />
          </div>
        </div>
        <span className={`badge badge-${question.difficulty}`}>{question.difficulty}</span>
      </div>
      <article className="card" aria-labelledby="question-heading">
        <h1 id="question-heading" className="visually-hidden">
          Question {d.step + 1}
        </h1>
        <div className="question-prompt prose" dangerouslySetInnerHTML={{ __html: question.promptHtml }} />
        {d.status === "open" ? (
          <QuestionForm
            key={d.step}
            question={d.question}
            step={d.step}
            idempotencyKey={d.idempotencyKey}
            fieldErrors={actionData?.fieldErrors}
            submitting={navigation.state !== "idle" && navigation.formMethod === "POST"}
          />
        ) : (
          <>
            <QuestionFeedback revealed={d.revealed} attemptId={d.attemptId} />
            {d.review ? <RatingControl review={d.review} error={actionData?.fieldErrors?.rating?.join(" ")} /> : null}
            <div className="form-actions">
              <Link to={nextHref!} className="btn btn-primary" autoFocus>
                {d.isLast ? "See summary" : "Next question"} <kbd aria-hidden="true">N</kbd>
              </Link>
            </div>
          </>
        )}
      </article>
    </div>
  );
}

import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigate } from "@remix-run/react";
import { useEffect } from "react";
import { z } from "zod";
import { isTypingTarget } from "~/components/html";
import { QuestionFeedback } from "~/components/question-feedback";
import { RatingControl } from "~/components/rating-control";
import { rateSchema } from "~/forms/review";
import type { Response } from "~/grading/grade";
import { revealQuestion } from "~/grading/present";
import { selfAssess } from "~/models/practice.server";
import { changeRating, getAttemptReview, getReviewAttempt } from "~/models/review.server";
import { requestNow } from "~/utils/clock.server";
import { parseForm, readFormData, type FieldErrors } from "~/utils/forms";
import { parseParams } from "~/utils/params";
import { getSessionUser } from "~/utils/session.server";

const params = z.object({ attemptId: z.coerce.number().int().positive() });

export const meta: MetaFunction = () => [{ title: "Review answer — Groundwork" }];

async function requireOwner(request: Request) {
  const user = await getSessionUser(request);
  if (!user) throw new Response("Answer not found", { status: 404 });
  return user;
}

export async function loader({ request, params: raw }: LoaderFunctionArgs) {
  const { attemptId } = parseParams(params, raw);
  const user = await requireOwner(request);
  const found = await getReviewAttempt({ userId: user.id, attemptId });
  if (!found) throw new Response("Answer not found", { status: 404 });
  const { attempt, question, seed } = found;
  const revealed = revealQuestion(question, attempt.questionVersion, seed, attempt.response as Response, {
    score: attempt.score,
    correct: attempt.correct,
  });
  return { attemptId, topicSlug: question.topic, revealed, review: await getAttemptReview({ userId: user.id, attemptId }) };
}

const selfAssessSchema = z.object({ attemptId: z.coerce.number().int().positive() });

export async function action({ request, params: raw }: ActionFunctionArgs) {
  const { attemptId } = parseParams(params, raw);
  const user = await requireOwner(request);
  const form = await readFormData(request);
  const intent = form.get("intent");
  if (intent === "self-assess") {
    const parsed = parseForm(selfAssessSchema, form);
    if (!parsed.ok || parsed.value.attemptId !== attemptId) return data({ fieldErrors: { form: ["Answer not found"] } as FieldErrors }, { status: 400 });
    const checked = form.getAll("checked").map(Number).filter(Number.isInteger);
    if (!(await selfAssess({ userId: user.id, attemptId, checked, now: requestNow(request) }))) throw new Response("Answer not found", { status: 404 });
    return redirect(`/review/a/${attemptId}`, 303);
  }
  if (intent === "rate") {
    const parsed = parseForm(rateSchema, form);
    if (!parsed.ok) return data({ fieldErrors: parsed.fieldErrors }, { status: 400 });
    const result = await changeRating({ userId: user.id, ...parsed.value });
    if (!result.ok) return data({ fieldErrors: { rating: [result.message] } as FieldErrors }, { status: result.status });
    return redirect(`/review/a/${attemptId}`, 303);
  }
  return data({ fieldErrors: { intent: ["Unknown action"] } as FieldErrors }, { status: 400 });
}

export default function ReviewAnswer() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigate = useNavigate();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (isTypingTarget(e.target) || e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.key === "n" || e.key === "N") {
        e.preventDefault();
        navigate("/review");
      }
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [navigate]);
  return (
    <div className="container narrow page">
      <div className="practice-head">
        <Link to="/review" className="small">
          ← Review
        </Link>
        <span className={`badge badge-${d.revealed.difficulty}`}>{d.revealed.difficulty}</span>
      </div>
      <article className="card" aria-labelledby="question-heading">
        <h1 id="question-heading" className="visually-hidden">
          Review answer
        </h1>
        <div className="question-prompt prose" dangerouslySetInnerHTML={{ __html: d.revealed.promptHtml }} />
        <QuestionFeedback revealed={d.revealed} attemptId={d.attemptId} />
        {d.review ? <RatingControl review={d.review} error={actionData?.fieldErrors?.rating?.join(" ")} /> : null}
        <div className="form-actions">
          <Link to="/review" className="btn btn-primary" autoFocus>
            Next <kbd aria-hidden="true">N</kbd>
          </Link>
        </div>
      </article>
    </div>
  );
}

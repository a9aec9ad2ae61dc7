/**
 * After an answer: the FSRS rating it earned and the other three, each with the interval it would
 * schedule. Choosing another one re-schedules the card (as Anki lets you after reading the back).
 */
import { Form } from "@remix-run/react";
import { useEffect, useRef } from "react";
import type { AttemptReview } from "~/models/review.server";
import { isTypingTarget } from "./html";

export function RatingControl({ review, error }: { review: AttemptReview; error?: string }) {
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (!review.canChange) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || isTypingTarget(e.target) || e.ctrlKey || e.metaKey || e.altKey) return;
      if (!/^[1-4]$/.test(e.key)) return;
      const button = formRef.current?.querySelector<HTMLButtonElement>(`button[value="${e.key}"]`);
      if (!button) return;
      e.preventDefault();
      button.click();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [review.canChange]);

  const current = review.options.find((o) => o.rating === review.rating)!;
  const derived = review.options.find((o) => o.rating === review.derivedRating)!;
  return (
    <section className="rating" aria-labelledby="rating-heading">
      <h2 id="rating-heading" className="small eyebrow">
        Review schedule
      </h2>
      <p className="small" id="rating-status" role="status">
        Rated <strong>{current.label}</strong>: you will see this again in {current.interval}.
        {review.rating !== review.derivedRating ? ` (Suggested from your answer: ${derived.label}.)` : null}
      </p>
      {review.canChange ? (
        <Form method="post" ref={formRef} className="rating-buttons" aria-describedby="rating-status">
          <input type="hidden" name="intent" value="rate" />
          <input type="hidden" name="attemptId" value={review.attemptId} />
          {review.options.map((o) => (
            <button
              key={o.rating}
              type="submit"
              name="rating"
              value={o.rating}
              className={`btn btn-sm rating-${o.rating}`}
              aria-pressed={o.rating === review.rating}
            >
              <kbd aria-hidden="true">{o.rating}</kbd> {o.label} <span className="muted">· {o.interval}</span>
            </button>
          ))}
        </Form>
      ) : (
        <p className="hint">You have reviewed this question again since, so this rating is final.</p>
      )}
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  );
}

/**
 * The answer form for one question. Works without JavaScript (plain radios, checkboxes, selects);
 * with it, ordering gets move buttons and the page gets keyboard shortcuts.
 */
import { Form } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { ANSWER_FIELDS, MAX_FREE_TEXT, type DisplayResponse } from "~/grading/answer-form";
import type { PublicQuestion } from "~/grading/present";
import type { FieldErrors } from "~/utils/forms";
import { CONFIDENCE_LABELS, CONFIDENCES } from "~/review/rating";
import { Html, isTypingTarget } from "./html";

type Props = {
  question: PublicQuestion;
  /** The practice-session step; the review queue sends `hidden` fields instead. */
  step?: number;
  hidden?: Record<string, string>;
  idempotencyKey: string;
  fieldErrors?: FieldErrors;
  submitting: boolean;
};

function ErrorText({ id, errors }: { id: string; errors?: string[] }) {
  if (!errors?.length) return null;
  return (
    <p id={id} className="field-error" role="alert">
      {errors.join(" ")}
    </p>
  );
}

function ChoiceList({ question, errors, initial }: { question: PublicQuestion; errors?: string[]; initial?: DisplayResponse | null }) {
  const multiple = question.type === "multiple";
  const chosen = new Set(initial?.type === "single" ? [initial.choice] : initial?.type === "multiple" ? initial.choices : []);
  return (
    <fieldset aria-describedby={errors?.length ? "choice-error" : undefined}>
      <legend>{multiple ? "Select all that apply" : "Choose one answer"}</legend>
      <div className="choices">
        {question.choices.map((c) => (
          <label key={c.position} className="choice">
            <input type={multiple ? "checkbox" : "radio"} name={ANSWER_FIELDS.choice} value={c.position} data-shortcut={c.position + 1} defaultChecked={chosen.has(c.position)} />
            <span className="key" aria-hidden="true">{c.position + 1}</span>
            <Html html={c.html} className="choice-text" />
          </label>
        ))}
      </div>
      <ErrorText id="choice-error" errors={errors} />
    </fieldset>
  );
}

function TrueFalse({ errors, initial }: { errors?: string[]; initial?: DisplayResponse | null }) {
  return (
    <fieldset aria-describedby={errors?.length ? "value-error" : undefined}>
      <legend>Is the statement true or false?</legend>
      <div className="choices">
        {(["true", "false"] as const).map((v, i) => (
          <label key={v} className="choice">
            <input type="radio" name={ANSWER_FIELDS.value} value={v} data-shortcut={i + 1} defaultChecked={initial?.type === "true-false" && initial.value === (v === "true")} />
            <span className="key" aria-hidden="true">{i + 1}</span>
            <span className="choice-text">{v === "true" ? "True" : "False"}</span>
          </label>
        ))}
      </div>
      <ErrorText id="value-error" errors={errors} />
    </fieldset>
  );
}

function Numeric({ unit, errors, initial }: { unit?: string; errors?: string[]; initial?: DisplayResponse | null }) {
  return (
    <div className="field">
      <label htmlFor="numeric-answer">Your answer{unit ? ` (${unit})` : ""}</label>
      <div className="input-with-unit">
        <input
          id="numeric-answer"
          className="input"
          name={ANSWER_FIELDS.value}
          inputMode="decimal"
          autoComplete="off"
          defaultValue={initial?.type === "numeric" ? String(initial.value) : undefined}
          aria-invalid={errors?.length ? true : undefined}
          aria-describedby={errors?.length ? "value-error" : undefined}
        />
        {unit ? <span className="muted" aria-hidden="true">{unit}</span> : null}
      </div>
      <ErrorText id="value-error" errors={errors} />
    </div>
  );
}

function FreeText({ errors, initial, hint }: { errors?: string[]; initial?: DisplayResponse | null; hint?: string }) {
  return (
    <div className="field">
      <label htmlFor="free-text-answer">Your answer</label>
      <textarea
        id="free-text-answer"
        className="input"
        name={ANSWER_FIELDS.text}
        maxLength={MAX_FREE_TEXT}
        defaultValue={initial?.type === "free-text" ? initial.text : undefined}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={errors?.length ? "text-error free-text-hint" : "free-text-hint"}
      />
      <p id="free-text-hint" className="hint">
        {hint ?? (
          <>
            Answer as you would in an interview. After submitting you will see the rubric and mark what you covered. <kbd>Ctrl</kbd>+<kbd>Enter</kbd> submits.
          </>
        )}
      </p>
      <ErrorText id="text-error" errors={errors} />
    </div>
  );
}

/** Items in the learner's current order; each carries a select so the form works without JS. */
function Ordering({ question, errors, initial, onReorder }: { question: PublicQuestion; errors?: string[]; initial?: DisplayResponse | null; onReorder?: () => void }) {
  const n = question.choices.length;
  const [order, setOrder] = useState(() => (initial?.type === "ordering" && initial.order.length === n ? initial.order : question.choices.map((c) => c.position)));
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    onReorder?.();
  }, [order, onReorder]);
  const move = (index: number, delta: number) => {
    const target = index + delta;
    if (target < 0 || target >= n) return;
    setOrder((o) => {
      const next = [...o];
      [next[index], next[target]] = [next[target]!, next[index]!];
      return next;
    });
  };
  const setRank = (position: number, rank: number) => {
    setOrder((o) => {
      const next = o.filter((p) => p !== position);
      next.splice(rank - 1, 0, position);
      return next;
    });
  };
  const byPosition = new Map(question.choices.map((c) => [c.position, c]));
  return (
    <fieldset aria-describedby={errors?.length ? "order-error" : "order-hint"}>
      <legend>Put the items in order, first at the top</legend>
      <p id="order-hint" className="hint">Use the position menus or the move buttons.</p>
      <ol className="ordering-list">
        {order.map((position, index) => {
          const c = byPosition.get(position)!;
          return (
            <li key={position} className="ordering-item">
              <label className="visually-hidden" htmlFor={`rank-${position}`}>
                Position of item
              </label>
              <select id={`rank-${position}`} name={`${ANSWER_FIELDS.positionPrefix}${position}`} value={index + 1} onChange={(e) => setRank(position, Number(e.target.value))} aria-describedby={`item-${position}`}>
                {Array.from({ length: n }, (_, i) => (
                  <option key={i} value={i + 1}>
                    {i + 1}
                  </option>
                ))}
              </select>
              <Html html={c.html} className="choice-text" />
              <span id={`item-${position}`} className="visually-hidden" dangerouslySetInnerHTML={{ __html: c.html }} />
              <span className="ordering-controls">
                <button type="button" className="btn btn-sm" onClick={() => move(index, -1)} disabled={index === 0} aria-label="Move up">
                  ↑
                </button>
                <button type="button" className="btn btn-sm" onClick={() => move(index, 1)} disabled={index === n - 1} aria-label="Move down">
                  ↓
                </button>
              </span>
            </li>
          );
        })}
      </ol>
      <ErrorText id="order-error" errors={errors} />
    </fieldset>
  );
}

/** Certainty-based marking: optional, asked before the answer is submitted. */
function ConfidenceChoice({ errors }: { errors?: string[] }) {
  return (
    <fieldset className="confidence" aria-describedby={errors?.length ? "confidence-error confidence-hint" : "confidence-hint"}>
      <legend>How sure are you? <span className="muted">(optional)</span></legend>
      <div className="segmented">
        {CONFIDENCES.map((c) => (
          <label key={c} className="segment">
            <input type="radio" name={ANSWER_FIELDS.confidence} value={c} />
            <span>{CONFIDENCE_LABELS[c]}</span>
          </label>
        ))}
      </div>
      <p id="confidence-hint" className="hint">
        Certainty-based marking: right earns 1 / 2 / 3, wrong costs 0 / 2 / 6. Being sure helps your review schedule.
      </p>
      <ErrorText id="confidence-error" errors={errors} />
    </fieldset>
  );
}

export function QuestionForm({ question, step, hidden, idempotencyKey, fieldErrors, submitting }: Props) {
  const formRef = useRef<HTMLFormElement>(null);
  const shownAt = useRef(Date.now());
  const msTaken = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const form = formRef.current;
    if (!form) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.altKey || e.metaKey) return;
      const target = e.target as HTMLElement;
      const typing = isTypingTarget(target);
      if (e.key === "Enter" && e.ctrlKey) {
        e.preventDefault();
        form.requestSubmit();
        return;
      }
      if (typing || e.ctrlKey) return;
      if (/^[1-9]$/.test(e.key)) {
        const input = form.querySelector<HTMLInputElement>(`input[data-shortcut="${e.key}"]`);
        if (!input) return;
        e.preventDefault();
        input.click();
        input.focus();
      } else if (e.key === "Enter" && target.tagName !== "BUTTON" && target.tagName !== "A") {
        e.preventDefault();
        form.requestSubmit();
      }
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);

  const errors = fieldErrors ?? {};
  const formErrors = [...(errors.form ?? []), ...(errors.idempotencyKey ?? []), ...(errors.step ?? []), ...(errors.version ?? [])];
  return (
    <Form
      method="post"
      ref={formRef}
      noValidate
      onSubmit={() => {
        if (msTaken.current) msTaken.current.value = String(Date.now() - shownAt.current);
      }}
    >
      <input type="hidden" name="intent" value="answer" />
      <input type="hidden" name={ANSWER_FIELDS.idempotencyKey} value={idempotencyKey} />
      {step !== undefined ? <input type="hidden" name={ANSWER_FIELDS.step} value={step} /> : null}
      {Object.entries(hidden ?? {}).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <input type="hidden" name="version" value={question.version} />
      <input type="hidden" name={ANSWER_FIELDS.msTaken} ref={msTaken} defaultValue="" />
      {formErrors.length > 0 && (
        <div className="alert alert-error" role="alert">
          {formErrors.join(" ")}
        </div>
      )}
      <AnswerInputs question={question} errors={errors} />
      <ConfidenceChoice errors={errors.confidence} />
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={submitting} aria-disabled={submitting}>
          {submitting ? "Checking…" : "Submit answer"} <kbd aria-hidden="true">Enter</kbd>
        </button>
        {question.type === "single" || question.type === "multiple" || question.type === "true-false" ? (
          <span className="hint">
            Press <kbd>1</kbd>–<kbd>{question.type === "true-false" ? 2 : Math.min(question.choices.length, 9)}</kbd> to pick
          </span>
        ) : null}
      </div>
    </Form>
  );
}

/** The inputs for one question type, optionally pre-filled (pre-screens reload saved answers). */
export function AnswerInputs({
  question,
  errors,
  initial,
  freeTextHint,
  onReorder,
}: {
  question: PublicQuestion;
  errors: FieldErrors;
  initial?: DisplayResponse | null;
  freeTextHint?: string;
  onReorder?: () => void;
}) {
  switch (question.type) {
    case "single":
    case "multiple":
      return <ChoiceList question={question} errors={errors.choice} initial={initial} />;
    case "true-false":
      return <TrueFalse errors={errors.value} initial={initial} />;
    case "numeric":
      return <Numeric unit={question.unit} errors={errors.value} initial={initial} />;
    case "ordering":
      return <Ordering question={question} errors={errors.order ?? errors.ranks} initial={initial} onReorder={onReorder} />;
    default:
      return <FreeText errors={errors.text} initial={initial} hint={freeTextHint} />;
  }
}

/** What a learner sees after answering: the verdict, every option's feedback, the explanation. */
import { Form } from "@remix-run/react";
import type { Revealed } from "~/grading/present";
import { Html, SourceList } from "./html";

export function Verdict({ revealed }: { revealed: Revealed }) {
  const { score, correct } = revealed.grade;
  if (score === null) {
    return (
      <div className="verdict verdict-pending" role="status">
        Answer saved. Compare it with the rubric below and tick what you covered.
      </div>
    );
  }
  const pct = Math.round(score * 100);
  if (correct) {
    return (
      <div className="verdict verdict-ok" role="status">
        ✓ Correct{pct < 100 ? ` · ${pct}%` : ""}
      </div>
    );
  }
  return score > 0 ? (
    <div className="verdict verdict-partial" role="status">
      ◐ Partly right · {pct}% credit
    </div>
  ) : (
    <div className="verdict verdict-bad" role="status">
      ✗ Not quite
    </div>
  );
}

export function Options({ revealed, you = "Your choice" }: { revealed: Revealed; you?: string }) {
  return (
    <ul className="feedback-list" aria-label="Every option, explained">
      {revealed.options!.map((o, i) => (
        <li key={i} className={`feedback-item ${o.correct ? "is-correct" : o.selected ? "is-wrong" : ""}`}>
          <div className="label">
            {o.correct ? <span className="tag tag-ok">Correct</span> : <span className="tag tag-bad">Wrong</span>}
            {o.selected ? <span className="tag tag-you">{you}</span> : null}
            <Html html={o.html} className="choice-text" />
          </div>
          <Html html={o.feedbackHtml} className="why" />
        </li>
      ))}
    </ul>
  );
}

export function Ordering({ revealed, you = "You put it" }: { revealed: Revealed; you?: string }) {
  return (
    <>
      <h2 className="small eyebrow">The right order</h2>
      <ol className="feedback-list">
        {revealed.ordering!.map((it, i) => (
          <li key={i} className={`feedback-item ${it.learnerPosition === i + 1 ? "is-correct" : "is-wrong"}`}>
            <div className="label">
              <strong>{i + 1}.</strong>
              <Html html={it.html} className="choice-text" />
              <span className={`tag ${it.learnerPosition === i + 1 ? "tag-ok" : "tag-you"}`}>{it.learnerPosition ? `${you} ${it.learnerPosition}` : "Not placed"}</span>
            </div>
            <Html html={it.feedbackHtml} className="why" />
          </li>
        ))}
      </ol>
    </>
  );
}

export function TrueFalse({ revealed, you = "Your choice" }: { revealed: Revealed; you?: string }) {
  const tf = revealed.trueFalse!;
  return (
    <ul className="feedback-list">
      {([true, false] as const).map((v) => (
        <li key={String(v)} className={`feedback-item ${tf.answer === v ? "is-correct" : tf.given === v ? "is-wrong" : ""}`}>
          <div className="label">
            {tf.answer === v ? <span className="tag tag-ok">Correct</span> : <span className="tag tag-bad">Wrong</span>}
            {tf.given === v ? <span className="tag tag-you">{you}</span> : null}
            <strong>{v ? "True" : "False"}</strong>
          </div>
          <Html html={v ? tf.feedbackTrueHtml : tf.feedbackFalseHtml} className="why" />
        </li>
      ))}
    </ul>
  );
}

export function Numeric({ revealed, you = "You answered" }: { revealed: Revealed; you?: string }) {
  const n = revealed.numeric!;
  const unit = n.unit ? ` ${n.unit}` : "";
  return (
    <div className="stack">
      <p>
        {you} <strong>{Number.isFinite(n.given) && n.given !== null ? `${n.given}${unit}` : "nothing"}</strong>. The answer is <strong>{n.answer}{unit}</strong>
        {n.tolerance > 0 ? ` (±${n.tolerance} accepted)` : ""}.
      </p>
      {n.mistakeHtml ? <Html html={n.mistakeHtml} className="alert alert-info" /> : null}
      <Html html={n.feedbackHtml} />
    </div>
  );
}

function FreeText({ revealed, attemptId }: { revealed: Revealed; attemptId: number }) {
  const ft = revealed.freeText!;
  const checked = new Set(ft.checked ?? []);
  return (
    <div className="stack">
      <div>
        <h2 className="small eyebrow">Your answer</h2>
        <div className="card pre-wrap">{ft.text}</div>
      </div>
      <Form method="post">
        <input type="hidden" name="intent" value="self-assess" />
        <input type="hidden" name="attemptId" value={attemptId} />
        <fieldset>
          <legend>Which of these points did your answer cover?</legend>
          <div className="choices">
            {ft.rubricHtml.map((r, i) => (
              <label key={i} className="choice">
                <input type="checkbox" name="checked" value={i} defaultChecked={checked.has(i)} />
                <span className="key" aria-hidden="true">{i + 1}</span>
                <Html html={r} className="choice-text" />
              </label>
            ))}
          </div>
        </fieldset>
        <div className="form-actions">
          <button type="submit" className="btn btn-primary">
            {ft.checked === null ? "Save self-assessment" : "Update self-assessment"}
          </button>
          {ft.checked !== null ? <span className="hint">Covered {ft.checked.length} of {ft.rubricHtml.length} points.</span> : null}
        </div>
      </Form>
      <div>
        <h2 className="small eyebrow">A strong answer</h2>
        <Html html={ft.modelAnswerHtml} className="prose card" />
      </div>
    </div>
  );
}

export function QuestionFeedback({ revealed, attemptId }: { revealed: Revealed; attemptId: number }) {
  return (
    <section aria-label="Feedback">
      <Verdict revealed={revealed} />
      {revealed.options ? <Options revealed={revealed} /> : null}
      {revealed.ordering ? <Ordering revealed={revealed} /> : null}
      {revealed.trueFalse ? <TrueFalse revealed={revealed} /> : null}
      {revealed.numeric ? <Numeric revealed={revealed} /> : null}
      {revealed.freeText ? <FreeText revealed={revealed} attemptId={attemptId} /> : null}
      <div className="explanation prose">
        <h2>Explanation</h2>
        <Html html={revealed.explanationHtml} />
        <div className="references">
          <strong>Sources</strong>
          <SourceList references={revealed.references} />
        </div>
      </div>
    </section>
  );
}

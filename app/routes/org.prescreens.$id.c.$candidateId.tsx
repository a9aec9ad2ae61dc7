import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { DrillResultsPanel } from "~/components/drill-results";
import { FormErrors, TextArea } from "~/components/field";
import { Html } from "~/components/html";
import { Numeric, Options, Ordering, TrueFalse } from "~/components/question-feedback";
import { getScorecard, gradeAnswer, markReviewed } from "~/models/candidate.server";
import { DIMENSION_LABELS } from "~/prescreens/score";
import { parseForm, readFormData, type FieldErrors } from "~/utils/forms";
import { requireMember } from "~/utils/org.server";
import { parseParams } from "~/utils/params";

const params = z.object({ id: z.uuid(), candidateId: z.uuid() });

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.card.candidate.email} — Scorecard — Groundwork` : "Scorecard — Groundwork" }];

export async function loader({ request, params: raw }: LoaderFunctionArgs) {
  const { id, candidateId } = parseParams(params, raw);
  const { orgId } = await requireMember(request);
  const card = await getScorecard({ orgId, candidateId, prescreenId: id });
  if (!card) throw new Response("Candidate not found", { status: 404 });
  const c = card.candidate;
  return {
    prescreenId: id,
    card: {
      ...card,
      candidate: {
        id: c.id,
        email: c.email,
        status: c.status,
        startedAt: c.startedAt?.toISOString() ?? null,
        submittedAt: c.submittedAt?.toISOString() ?? null,
        deadlineAt: c.deadlineAt?.toISOString() ?? null,
        submitReason: c.submitReason,
        scored: Boolean(c.scoredAt),
        intakeAnswers: c.intakeAnswers ?? {},
        note: c.interviewerNote,
      },
      signals: { ...card.signals, events: card.signals.events.map((e) => ({ ...e, at: e.at.toISOString() })) },
      items: card.items.map((i) => ({ ...i, grading: i.grading && { ...i.grading, gradedAt: i.grading.gradedAt?.toISOString() ?? null } })),
    },
  };
}

export const gradeSchema = z.object({
  intent: z.literal("grade"),
  position: z.coerce.number({ message: "Unknown item" }).int().min(0).max(1000),
  comment: z.string().trim().max(2000, "Keep the comment under 2,000 characters").default(""),
});
export const reviewSchema = z.object({ intent: z.literal("review"), note: z.string().trim().max(4000, "Keep the note under 4,000 characters").default("") });

export async function action({ request, params: raw }: ActionFunctionArgs) {
  const { id, candidateId } = parseParams(params, raw);
  const { orgId, actor } = await requireMember(request);
  const form = await readFormData(request);
  const now = new Date();
  if ((await getScorecard({ orgId, candidateId, prescreenId: id })) === null) throw new Response("Candidate not found", { status: 404 });
  if (form.get("intent") === "grade") {
    const parsed = parseForm(gradeSchema, form);
    if (!parsed.ok) return data({ fieldErrors: parsed.fieldErrors, saved: null }, { status: 400 });
    const checked = form.getAll("checked").map((v) => Number(v)).filter((n) => Number.isInteger(n));
    const result = await gradeAnswer({ orgId, candidateId, position: parsed.value.position, checked, comment: parsed.value.comment, actor, now });
    if (!result.ok) return data({ fieldErrors: { form: [result.message] } as FieldErrors, saved: null }, { status: result.status });
    return data({ fieldErrors: {} as FieldErrors, saved: `Grade saved for item ${parsed.value.position + 1}.` });
  }
  const parsed = parseForm(reviewSchema, form);
  if (!parsed.ok) return data({ fieldErrors: parsed.fieldErrors, saved: null }, { status: 400 });
  const result = await markReviewed({ orgId, candidateId, note: parsed.value.note, actor, now });
  if (!result.ok) return data({ fieldErrors: { form: [result.message] } as FieldErrors, saved: null }, { status: result.status });
  return data({ fieldErrors: {} as FieldErrors, saved: "Marked as reviewed." });
}

type Card = Awaited<ReturnType<typeof loader>>["card"];
type Item = Card["items"][number];

function pct(p: number | null) {
  return p === null ? "–" : `${p}%`;
}

function Bar({ value, label }: { value: number | null; label: string }) {
  return (
    <div className="meter" role="img" aria-label={`${label}: ${pct(value)}`}>
      <span style={{ width: `${value ?? 0}%` }} />
    </div>
  );
}

function minutes(ms: number) {
  return ms < 60_000 ? `${Math.round(ms / 1000)} s` : `${Math.round(ms / 6000) / 10} min`;
}

function ItemCard({ item }: { item: Item }) {
  const q = item.question;
  const verdict = item.pending ? "to grade" : item.score === null ? "–" : `${Math.round(item.score * 100)}%`;
  return (
    <article className="card stack" aria-labelledby={`item-${item.position}`}>
      <header className="row wrap">
        <h3 id={`item-${item.position}`}>Item {item.position + 1}</h3>
        <span className={`badge badge-${item.difficulty}`}>{item.difficulty}</span>
        <span className="tag">{item.kind === "drill" ? `drill (${item.type})` : item.type}</span>
        <span className="muted small">{item.topicTitle}</span>
        <span className="spacer" />
        <span className="small">
          {verdict} · {minutes(item.msSpent)} · {item.saves} saves{item.pastes ? ` · ${item.pastes} paste${item.pastes > 1 ? "s" : ""}` : ""}
          {item.focusLosses ? ` · left the tab ${item.focusLosses}×` : ""}
        </span>
      </header>
      {!item.answered ? <p className="alert alert-info">Not answered: scores 0.</p> : null}
      {q ? (
        <>
          <Html html={q.promptHtml} className="question-prompt prose" />
          {q.options ? <Options revealed={q} you="Candidate's choice" /> : null}
          {q.ordering ? <Ordering revealed={q} you="Candidate put it" /> : null}
          {q.trueFalse && item.answered ? <TrueFalse revealed={q} you="Candidate's choice" /> : null}
          {q.numeric && item.answered ? <Numeric revealed={q} you="The candidate answered" /> : null}
          {q.freeText && item.answered ? <FreeTextGrading item={item} /> : null}
        </>
      ) : null}
      {item.drill ? (
        <>
          <h4>{item.drill.title}</h4>
          <details>
            <summary>Prompt</summary>
            <Html html={item.drill.promptHtml} className="prose" />
          </details>
          <h4>Submitted code ({item.drill.language || "none"})</h4>
          <pre className="code" tabIndex={0}><code>{item.drill.code || "(empty)"}</code></pre>
          {item.drill.results ? <DrillResultsPanel results={item.drill.results} /> : <p className="muted small">{item.pending ? "Being graded in the sandbox…" : "Not run: no code."}</p>}
        </>
      ) : null}
    </article>
  );
}

function FreeTextGrading({ item }: { item: Item }) {
  const ft = item.question!.freeText!;
  const checked = new Set(item.grading?.checked ?? []);
  return (
    <div className="stack">
      <div>
        <h4 className="small eyebrow">Candidate's answer</h4>
        <div className="card pre-wrap">{ft.text}</div>
      </div>
      <Form method="post" className="stack">
        <input type="hidden" name="intent" value="grade" />
        <input type="hidden" name="position" value={item.position} />
        <fieldset>
          <legend>Rubric: tick every point the answer covers</legend>
          <div className="choices">
            {ft.rubricHtml.map((r, i) => (
              <label key={i} className="choice">
                <input type="checkbox" name="checked" value={i} defaultChecked={checked.has(i)} />
                <Html html={r} className="choice-text" />
              </label>
            ))}
          </div>
        </fieldset>
        <TextArea id={`comment-${item.position}`} name="comment" label="Comment (optional)" rows={2} defaultValue={item.grading?.comment ?? ""} />
        <div className="form-actions">
          <button type="submit" className="btn btn-primary">{item.grading?.gradedAt ? "Update grade" : "Save grade"}</button>
          {item.grading?.gradedAt ? <span className="hint">Graded: {item.grading.checked.length} of {ft.rubricHtml.length} points.</span> : null}
        </div>
      </Form>
      <details>
        <summary>Model answer</summary>
        <Html html={ft.modelAnswerHtml} className="prose" />
      </details>
    </div>
  );
}

export default function ScorecardPage() {
  const { prescreenId, card } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const c = card.candidate;
  const s = card.score;
  return (
    <div className="stack">
      <p className="small">
        <Link to={`/org/prescreens/${prescreenId}`}>← {card.prescreen.title}</Link>
      </p>
      <div className="row wrap">
        <h1>{c.email}</h1>
        <span className={`tag status-${c.status}`}>{c.status}</span>
      </div>
      <p className="muted small">
        Started {c.startedAt?.slice(0, 16).replace("T", " ")} UTC · submitted {c.submittedAt?.slice(0, 16).replace("T", " ")} UTC {c.submitReason === "deadline" ? "(automatically, at the deadline)" : "by the candidate"}
      </p>
      <FormErrors errors={actionData?.fieldErrors.form} />
      {actionData?.saved ? <div className="alert alert-info" role="status">{actionData.saved}</div> : null}

      <section className="grid grid-2" aria-label="Summary">
        <div className="card stack">
          <h2>Score</h2>
          <p className="summary-score">{pct(s.overall.pct)}</p>
          <p className="small muted">
            {s.overall.points} of {s.overall.max} points{s.overall.pending ? `; ${s.overall.pending} free-text answer${s.overall.pending > 1 ? "s" : ""} still to grade` : ""}
            {!c.scored ? "; drills are being graded" : ""}.
          </p>
          <h3>By evaluation focus</h3>
          <table className="table">
            <caption className="visually-hidden">Score by evaluation focus</caption>
            <tbody>
              {s.byDimension.map((d) => (
                <tr key={d.dimension}>
                  <th scope="row">{DIMENSION_LABELS[d.dimension]}</th>
                  <td className="bar-cell"><Bar value={d.pct} label={DIMENSION_LABELS[d.dimension]} /></td>
                  <td>{pct(d.pct)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3>By topic</h3>
          <table className="table">
            <caption className="visually-hidden">Score by topic</caption>
            <tbody>
              {s.byTopic.map((t) => (
                <tr key={t.topic}>
                  <th scope="row">{card.items.find((i) => i.topic === t.topic)?.topicTitle ?? t.topic}</th>
                  <td>{pct(t.pct)}</td>
                  <td className="small muted">{t.items} item{t.items > 1 ? "s" : ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div className="card stack">
          <h2>Integrity signals</h2>
          <p className="small muted">Signals to read in context, not verdicts: nothing here rejects anyone.</p>
          <ul>
            <li>Left the tab or window {card.signals.focusLosses} time{card.signals.focusLosses === 1 ? "" : "s"}</li>
            <li>Pasted into answers {card.signals.pastes} time{card.signals.pastes === 1 ? "" : "s"}</li>
            <li>IP address changed {card.signals.ipChanges} time{card.signals.ipChanges === 1 ? "" : "s"}</li>
          </ul>
          {card.signals.events.length ? (
            <details>
              <summary>Timeline ({card.signals.events.length})</summary>
              <ul className="small">
                {card.signals.events.map((e, i) => (
                  <li key={i}>
                    {e.at.slice(11, 19)} — {e.kind}
                    {e.position !== null ? ` on item ${e.position + 1}` : ""}
                    {e.detail ? ` (${e.detail})` : ""}
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
          {card.prescreen.intakeQuestions.length ? (
            <>
              <h3>Intake answers</h3>
              <dl>
                {card.prescreen.intakeQuestions.map((q) => (
                  <div key={q.id}>
                    <dt className="small muted">{q.label}</dt>
                    <dd>{c.intakeAnswers[q.id] ?? "–"}</dd>
                  </div>
                ))}
              </dl>
            </>
          ) : null}
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="review" />
            <TextArea name="note" label="Reviewer's note" rows={3} defaultValue={c.note ?? ""} errors={actionData?.fieldErrors.note} />
            <div className="form-actions">
              <button type="submit" className="btn btn-primary">{c.status === "reviewed" ? "Update note" : "Mark as reviewed"}</button>
            </div>
          </Form>
        </div>
      </section>

      <h2>Answers</h2>
      {card.items.map((item) => (
        <ItemCard key={item.position} item={item} />
      ))}
    </div>
  );
}

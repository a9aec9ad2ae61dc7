import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import type { ShouldRevalidateFunction } from "@remix-run/react";
import { Form, useActionData, useFetcher, useLoaderData, useNavigate } from "@remix-run/react";
import { useCallback, useEffect, useRef, useState } from "react";
import { z } from "zod";
import { CodeEditor } from "~/components/code-editor";
import { DrillResultsPanel } from "~/components/drill-results";
import { FormErrors } from "~/components/field";
import { Html, isTypingTarget } from "~/components/html";
import { AnswerInputs } from "~/components/question-form";
import { SchemaBrowser } from "~/components/sql-views";
import { CountdownTimer } from "~/components/countdown";
import { SUBMISSION_LANGUAGES, MAX_SUBMISSION_BYTES } from "~/drills/schema";
import { candidateIdFor, getCandidateItem, runCandidateDrill, saveAnswer } from "~/models/attempt.server";
import { itemParams } from "~/utils/candidate-params";
import { requestNow } from "~/utils/clock.server";
import { fieldErrorsOf, readFormData, type FieldErrors } from "~/utils/forms";
import { parseParams } from "~/utils/params";
import { consumeLimit, passRetryAfter, retryAfterSeconds } from "~/utils/rate-limit.server";
import { sendSignal } from "~/utils/signals";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Item ${data.item.position + 1} of ${data.item.total} — Pre-screen` : "Pre-screen" }, { name: "referrer", content: "no-referrer" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { token, n } = parseParams(itemParams, params);
  const now = requestNow(request);
  const result = await getCandidateItem({ token, position: n - 1, now, ip: context.clientIp });
  if (!result) throw new Response("This link is not valid.", { status: 404 });
  if (!result.ok) {
    if ("notFound" in result) throw new Response("There is no such item in your pre-screen.", { status: 404 });
    throw redirect(`/c/${token}`);
  }
  const item = result.item;
  return { token, serverNow: now.toISOString(), rev: now.getTime() * 1000, item: { ...item, deadlineAt: item.deadlineAt.toISOString() } };
}

const goSchema = z.union([z.literal("submit"), z.coerce.number().int().min(1).max(1000)]);
const runSchema = z.object({
  code: z.string({ message: "Missing code" }).max(MAX_SUBMISSION_BYTES, `Keep the code under ${MAX_SUBMISSION_BYTES / 1024} KB`),
  language: z.enum(SUBMISSION_LANGUAGES, { message: "Choose a language" }),
});

type ActionData = { fieldErrors: FieldErrors; saved?: boolean; rev?: number; savedAt?: string; timeUp?: boolean; results?: Awaited<ReturnType<typeof runCandidateDrill>> extends infer R ? (R extends { ok: true; results: infer X } ? X : never) : never };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { token, n } = parseParams(itemParams, params);
  const form = await readFormData(request);
  const now = requestNow(request);
  const ip = context.clientIp;
  const intent = form.get("intent") ?? "save";
  const saved = await saveAnswer({ token, position: n - 1, form, now, ip });
  if (!saved.ok) {
    if (saved.status === 404) throw new Response("There is no such item in your pre-screen.", { status: 404 });
    if (saved.status === 409) {
      if (form.get("go") !== null) throw redirect(`/c/${token}`, 303);
      return data<ActionData>({ fieldErrors: saved.fieldErrors, timeUp: true }, { status: 409 });
    }
    return data<ActionData>({ fieldErrors: saved.fieldErrors }, { status: saved.status });
  }
  const savedFields = { saved: true, rev: saved.rev, savedAt: saved.savedAt.toISOString() };
  if (intent === "run") {
    const parsed = runSchema.safeParse({ code: form.get("code") ?? undefined, language: form.get("language") ?? undefined });
    if (!parsed.success) return data<ActionData>({ fieldErrors: fieldErrorsOf(parsed.error), ...savedFields }, { status: 400 });
    const wait = await consumeLimit("drill-runs", `candidate:${candidateIdFor(token) ?? token}`);
    if (wait > 0) {
      const seconds = retryAfterSeconds(wait);
      return data<ActionData>({ fieldErrors: { form: [`Running too often: try again in ${seconds} seconds. Your code is saved.`] }, ...savedFields }, { status: 429, headers: { "Retry-After": String(seconds) } });
    }
    const run = await runCandidateDrill({ token, position: n - 1, code: parsed.data.code, language: parsed.data.language, now, ip });
    if (!run.ok) return data<ActionData>({ fieldErrors: run.fieldErrors, timeUp: run.status === 409, ...savedFields }, { status: run.status });
    return data<ActionData>({ fieldErrors: {}, results: run.results, ...savedFields });
  }
  const go = form.get("go");
  if (go !== null) {
    const target = goSchema.safeParse(go);
    if (!target.success) return data<ActionData>({ fieldErrors: { go: ["Unknown destination."] }, ...savedFields }, { status: 400 });
    return redirect(target.data === "submit" ? `/c/${token}/submit` : `/c/${token}/q/${target.data}`, 303);
  }
  return data<ActionData>({ fieldErrors: {}, ...savedFields });
}

export const headers = passRetryAfter;

/**
 * An autosave or a test run changes nothing this page shows but the status line, which the fetcher's
 * own result drives: skip reloading the item after them (half the requests a typing candidate makes).
 */
export const shouldRevalidate: ShouldRevalidateFunction = ({ formData, defaultShouldRevalidate }) => {
  const intent = formData?.get("intent");
  return intent === "save" || intent === "run" ? false : defaultShouldRevalidate;
};

/** Numbers saves so the server keeps only the newest: microsecond-ish clock plus a counter. */
function useRevisions(initial: number) {
  const counter = useRef(0);
  return useCallback(() => Math.max(initial + 1, Date.now() * 1000) + (counter.current++ % 1000), [initial]);
}

/** Visible time on this item since the last save, for "time per item". */
function useVisibleTime() {
  const since = useRef(Date.now());
  const banked = useRef(0);
  useEffect(() => {
    const onVis = () => {
      if (document.visibilityState === "hidden") {
        banked.current += Date.now() - since.current;
      } else {
        since.current = Date.now();
      }
    };
    document.addEventListener("visibilitychange", onVis);
    return () => document.removeEventListener("visibilitychange", onVis);
  }, []);
  return useCallback(() => {
    const visible = document.visibilityState === "hidden" ? 0 : Date.now() - since.current;
    const total = banked.current + visible;
    banked.current = 0;
    since.current = Date.now();
    return total;
  }, []);
}

export default function CandidateItem() {
  const { token, item, rev, serverNow } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const saver = useFetcher<typeof action>();
  const runner = useFetcher<typeof action>();
  const navigate = useNavigate();
  const formRef = useRef<HTMLFormElement>(null);
  const nextRev = useRevisions(rev);
  const takeTime = useVisibleTime();
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const [dirty, setDirty] = useState(false);
  const position = item.position;
  const isLast = position + 1 >= item.total;

  const save = useCallback(() => {
    const form = formRef.current;
    if (!form) return;
    clearTimeout(timer.current);
    const fd = new FormData(form);
    fd.set("intent", "save");
    fd.set("rev", String(nextRev()));
    fd.set("msDelta", String(takeTime()));
    saver.submit(fd, { method: "post" });
    setDirty(false);
  }, [nextRev, takeTime, saver]);

  const schedule = useCallback(() => {
    setDirty(true);
    clearTimeout(timer.current);
    timer.current = setTimeout(save, 700);
  }, [save]);

  useEffect(() => () => clearTimeout(timer.current), []);

  const timeUp = saver.data?.timeUp || runner.data?.timeUp || actionData?.timeUp;
  useEffect(() => {
    if (timeUp) navigate(`/c/${token}`);
  }, [timeUp, navigate, token]);

  // Integrity signals: focus loss and paste, sent as beacons (recorded, never acted on).
  useEffect(() => {
    let lastLoss = 0;
    const lost = () => {
      if (Date.now() - lastLoss < 1000) return;
      lastLoss = Date.now();
      sendSignal(token, "focus-loss", position);
    };
    const onVis = () => document.visibilityState === "hidden" && lost();
    const onPaste = () => sendSignal(token, "paste", position);
    const form = formRef.current;
    document.addEventListener("visibilitychange", onVis);
    window.addEventListener("blur", lost);
    form?.addEventListener("paste", onPaste, true);
    return () => {
      document.removeEventListener("visibilitychange", onVis);
      window.removeEventListener("blur", lost);
      form?.removeEventListener("paste", onPaste, true);
    };
  }, [token, position]);

  // Keyboard: 1–9 pick an option, Enter or N next, P previous; Ctrl+Enter next from anywhere.
  useEffect(() => {
    const form = formRef.current;
    if (!form) return;
    const click = (selector: string) => form.querySelector<HTMLElement>(selector)?.click();
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.altKey || e.metaKey) return;
      const target = e.target as HTMLElement;
      if (e.key === "Enter" && e.ctrlKey && item.kind === "question") {
        e.preventDefault();
        click("[data-go=next]");
        return;
      }
      if (isTypingTarget(target) || e.ctrlKey) return;
      if (/^[1-9]$/.test(e.key)) {
        const input = form.querySelector<HTMLInputElement>(`input[data-shortcut="${e.key}"]`);
        if (!input) return;
        e.preventDefault();
        input.click();
        input.focus();
      } else if ((e.key === "Enter" && target.tagName !== "BUTTON" && target.tagName !== "A" && target.tagName !== "SELECT") || e.key === "n" || e.key === "N") {
        e.preventDefault();
        click("[data-go=next]");
      } else if (e.key === "p" || e.key === "P") {
        e.preventDefault();
        click("[data-go=prev]");
      }
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [item.kind]);

  const errors = { ...(actionData?.fieldErrors ?? {}), ...(saver.data?.fieldErrors ?? {}) };
  const status =
    saver.state !== "idle" ? "Saving…" : dirty ? "Unsaved changes" : saver.data?.saved ? `Saved at ${new Date(saver.data.savedAt!).toLocaleTimeString()}` : saver.data?.fieldErrors && Object.keys(saver.data.fieldErrors).length ? "Not saved: fix the answer" : "All changes saved";
  const results = runner.data?.results;
  const isSql = item.kind === "drill" && item.drill.kind !== "code";
  const [language, setLanguage] = useState(item.kind === "drill" ? (item.saved?.language ?? (isSql ? "sql" : "typescript")) : "typescript");

  return (
    <div className="container page candidate-layout">
      <aside className="candidate-nav" aria-label="Items">
        <CountdownTimer deadlineAt={item.deadlineAt} serverNow={serverNow} onExpired={() => setTimeout(() => navigate(`/c/${token}`), 2500)} />
        <p className="small muted" id="nav-hint">
          {item.nav.filter((x) => x.answered).length} of {item.total} answered
        </p>
        <ol className="item-nav">
          {item.nav.map((entry) => (
            <li key={entry.position}>
              <button
                type="submit"
                form="answer-form"
                name="go"
                value={entry.position + 1}
                className={`item-dot${entry.position === position ? " is-current" : ""}${entry.answered ? " is-answered" : ""}`}
                aria-current={entry.position === position ? "step" : undefined}
                aria-label={`Item ${entry.position + 1}${entry.kind === "drill" ? ", drill" : ""}${entry.answered ? ", answered" : ", not answered"}`}
              >
                {entry.position + 1}
              </button>
            </li>
          ))}
        </ol>
      </aside>
      <article className="card stack candidate-item" aria-labelledby="item-heading">
        <header className="row wrap">
          <h1 id="item-heading" className="h3">
            Item {position + 1} of {item.total}
          </h1>
          <span className="spacer" />
          <span className="small muted" role="status" aria-live="polite">
            {status}
          </span>
        </header>
        <Form method="post" id="answer-form" ref={formRef} noValidate onChange={schedule} onSubmit={(e) => {
          const form = e.currentTarget;
          clearTimeout(timer.current);
          (form.elements.namedItem("rev") as HTMLInputElement).value = String(nextRev());
          (form.elements.namedItem("msDelta") as HTMLInputElement).value = String(takeTime());
        }}>
          <input type="hidden" name="rev" defaultValue={rev} />
          <input type="hidden" name="msDelta" defaultValue="0" />
          <FormErrors errors={[...(errors.form ?? []), ...(errors.rev ?? []), ...(errors.go ?? [])]} />
          {item.kind === "question" ? (
            <>
              <Html html={item.question.promptHtml} className="question-prompt prose" />
              <AnswerInputs question={item.question} errors={errors} initial={item.saved} onReorder={schedule} freeTextHint="Answer as you would in an interview. It is saved as you type; the team grades it against a rubric." />
            </>
          ) : (
            <div className="stack">
              <h2>{item.drill.title}</h2>
              <Html html={item.drill.promptHtml} className="prose" />
              {item.drill.schema.length ? <SchemaBrowser tables={item.drill.schema} /> : null}
              <details>
                <summary>Visible tests</summary>
                <pre className="code" tabIndex={0}><code>{item.drill.visibleTests}</code></pre>
              </details>
              {!isSql ? (
                <div className="field">
                  <label htmlFor="language">Language</label>
                  <select id="language" name="language" className="input input-sm" value={language} onChange={(e) => setLanguage(e.target.value as typeof language)}>
                    <option value="typescript">TypeScript</option>
                    <option value="javascript">JavaScript</option>
                  </select>
                </div>
              ) : (
                <input type="hidden" name="language" value="sql" />
              )}
              <CodeEditor id="code" name="code" label="Your solution" defaultValue={item.saved?.code ?? item.drill.starter} language={language} describedBy="editor-hint" onChange={schedule} onRunShortcut={() => document.getElementById("run-tests")?.click()} />
              <p id="editor-hint" className="hint">
                Saved as you type. <kbd>Ctrl</kbd>+<kbd>Enter</kbd> runs the visible tests; in the editor, <kbd>Ctrl</kbd>+<kbd>M</kbd> lets <kbd>Tab</kbd> move focus.
              </p>
              {errors.code || errors.language ? <p className="field-error" role="alert">{[...(errors.code ?? []), ...(errors.language ?? [])].join(" ")}</p> : null}
              <div className="row">
                <button
                  id="run-tests"
                  type="button"
                  className="btn"
                  disabled={runner.state !== "idle"}
                  onClick={() => {
                    const form = formRef.current;
                    if (!form) return;
                    clearTimeout(timer.current);
                    const fd = new FormData(form);
                    fd.set("intent", "run");
                    fd.set("rev", String(nextRev()));
                    fd.set("msDelta", String(takeTime()));
                    runner.submit(fd, { method: "post" });
                    setDirty(false);
                  }}
                >
                  {runner.state !== "idle" ? "Running…" : "Run visible tests"}
                </button>
              </div>
              <div aria-live="polite">{results ? <DrillResultsPanel results={results} /> : runner.data?.fieldErrors?.form ? <p className="field-error">{runner.data.fieldErrors.form.join(" ")}</p> : null}</div>
            </div>
          )}
          <div className="form-actions">
            {position > 0 ? (
              <button type="submit" name="go" value={position} className="btn" data-go="prev">
                ← Previous <kbd aria-hidden="true">P</kbd>
              </button>
            ) : null}
            <button type="submit" name="go" value={isLast ? "submit" : position + 2} className="btn btn-primary" data-go="next">
              {isLast ? "Review and submit" : "Save and next"} <kbd aria-hidden="true">N</kbd>
            </button>
            <button type="submit" name="go" value="submit" className="btn btn-ghost">
              Finish…
            </button>
            {item.kind === "question" && (item.question.type === "single" || item.question.type === "multiple" || item.question.type === "true-false") ? (
              <span className="hint">
                <kbd>1</kbd>–<kbd>{item.question.type === "true-false" ? 2 : Math.min(item.question.choices.length, 9)}</kbd> pick
              </span>
            ) : null}
          </div>
        </Form>
      </article>
    </div>
  );
}

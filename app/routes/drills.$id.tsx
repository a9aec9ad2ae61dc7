import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useFetcher, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { z } from "zod";
import { CodeEditor } from "~/components/code-editor";
import { DrillResultsPanel } from "~/components/drill-results";
import { SchemaBrowser } from "~/components/sql-views";
import { Html, SourceList } from "~/components/html";
import { runDrill } from "~/drills/runner.server";
import { drillFormSchema, SUBMISSION_LANGUAGES, type SubmissionLanguage } from "~/drills/schema";
import { getDraft, getPublicDrill, getRunnableDrill, recentRuns, recordRun, saveDraft } from "~/models/drill.server";
import { flagConceptsForReview } from "~/models/review.server";
import { requestNow } from "~/utils/clock.server";
import { fieldErrorsOf, readFormData, type FieldErrors } from "~/utils/forms";
import { getLogger } from "~/utils/logger.server";
import { parseParams } from "~/utils/params";
import { consumeLimit, passRetryAfter, retryAfterSeconds } from "~/utils/rate-limit.server";
import { getSessionUser, requireLearner } from "~/utils/session.server";

const params = z.object({ id: z.string().regex(/^[a-z0-9-]{1,80}$/) });

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.drill.title} — Drills — Groundwork` : "Drill — Groundwork" }];

export async function loader({ request, params: raw }: LoaderFunctionArgs) {
  const { id } = parseParams(params, raw);
  const drill = await getPublicDrill(id);
  if (!drill) throw new Response("Drill not found", { status: 404 });
  const user = await getSessionUser(request);
  const draft = user ? await getDraft({ userId: user.id, drillId: id }) : null;
  const runs = user ? await recentRuns({ userId: user.id, drillId: id }) : [];
  return { drill, draft, runs: runs.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })) };
}

export async function action({ request, params: raw, context }: ActionFunctionArgs) {
  const { id } = parseParams(params, raw);
  const form = await readFormData(request);
  const parsed = drillFormSchema.safeParse(Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === "string")));
  if (!parsed.success) return data({ fieldErrors: fieldErrorsOf(parsed.error), results: null, saved: false }, { status: 400 });
  const drill = await getRunnableDrill(id);
  if (!drill) throw new Response("Drill not found", { status: 404 });
  const isSql = drill.kind !== undefined && drill.kind !== "code";
  if (isSql !== (parsed.data.language === "sql")) {
    const message = isSql ? "This drill takes SQL." : "This drill takes TypeScript or JavaScript.";
    return data({ fieldErrors: { language: [message] } as FieldErrors, results: null, saved: false }, { status: 400 });
  }
  const { user, setCookie } = await requireLearner(request);
  const headers = new Headers();
  if (setCookie) headers.append("Set-Cookie", setCookie);
  const { intent, code, language } = parsed.data;
  const now = requestNow(request);
  if (intent === "save-draft") {
    await saveDraft({ userId: user.id, drillId: id, code, language, now });
    return data({ fieldErrors: {} as FieldErrors, results: null, saved: true }, { headers });
  }
  const wait = await consumeLimit("drill-runs", user.id);
  if (wait > 0) {
    const seconds = retryAfterSeconds(wait);
    headers.set("Retry-After", String(seconds));
    return data({ fieldErrors: { form: [`You are running code too often. Try again in ${seconds} seconds.`] } as FieldErrors, results: null, saved: false }, { status: 429, headers });
  }
  const results = await runDrill(drill, { code, language, mode: intent });
  await recordRun({ userId: user.id, drillId: id, kind: intent, language, code, results, now });
  if (intent === "submit" && results.failedCategories.length > 0 && drill.concepts.length > 0) {
    await flagConceptsForReview({ userId: user.id, questionIds: drill.concepts, now });
  }
  getLogger().info(
    { requestId: context.requestId, userId: user.id, drillId: id, intent, status: results.status, tests: results.tests.length, durationMs: Math.round(results.durationMs) },
    "drill run",
  );
  return data({ fieldErrors: {} as FieldErrors, results, saved: false }, { headers });
}

export const headers = passRetryAfter;

export default function DrillPage() {
  const { drill, draft, runs } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const saver = useFetcher<typeof action>();
  const isSql = drill.kind !== "code";
  const [language, setLanguage] = useState<SubmissionLanguage>(isSql ? "sql" : ((draft?.language as SubmissionLanguage) ?? "typescript"));
  const runButton = useRef<HTMLButtonElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const busy = navigation.state !== "idle" && navigation.formMethod === "POST";
  const pendingIntent = busy ? navigation.formData?.get("intent") : null;
  const errors = actionData?.fieldErrors ?? {};

  useEffect(() => () => clearTimeout(timer.current), []);
  const scheduleSave = (code: string) => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      saver.submit({ intent: "save-draft", code, language }, { method: "post" });
    }, 1200);
  };

  return (
    <div className="container page drill-page">
      <nav aria-label="Breadcrumb" className="small muted">
        <Link to="/drills">Drills</Link> / <Link to={`/topics/${drill.topicSlug}`}>{drill.topicTitle}</Link> / <span aria-current="page">{drill.title}</span>
      </nav>
      <div className="drill-layout">
        <article className="card drill-prompt" aria-labelledby="drill-title">
          <div className="row">
            <h1 id="drill-title">{drill.title}</h1>
            <span className={`badge badge-${drill.difficulty}`}>{drill.difficulty}</span>
          </div>
          <Html html={drill.promptHtml} className="prose" />
          <p className="hint">
            {isSql
              ? `Runs on a fresh copy of the dataset in SQLite; a run stops after ${drill.timeLimitMs} ms.`
              : `Limits: ${drill.timeLimitMs} ms of CPU, ${drill.memoryLimitMb} MB of memory. No imports, no real clock: use what the tests pass in.`}
          </p>
          {isSql ? (
            <SchemaBrowser tables={drill.schema} />
          ) : (
            <details className="visible-tests">
              <summary>Visible tests</summary>
              <pre>
                <code>{drill.visibleTests}</code>
              </pre>
            </details>
          )}
          <SourceList references={drill.references} />
        </article>
        <div className="drill-work">
          <Form method="post" className="card">
            <div className="row drill-toolbar">
              {isSql ? (
                <>
                  <input type="hidden" name="language" value="sql" />
                  <span className="small">SQL · SQLite {drill.kind.replace("sql-", "")} drill</span>
                </>
              ) : (
                <>
                  <label htmlFor="language" className="small">
                    Language
                  </label>
                  <select id="language" name="language" className="input input-sm" value={language} onChange={(e) => setLanguage(e.target.value as SubmissionLanguage)}>
                    {SUBMISSION_LANGUAGES.filter((l) => l !== "sql").map((l) => (
                      <option key={l} value={l}>
                        {l === "typescript" ? "TypeScript" : "JavaScript"}
                      </option>
                    ))}
                  </select>
                </>
              )}
              <span className="spacer" />
              <span className="hint" aria-live="polite">
                {saver.state !== "idle" ? "Saving…" : saver.data?.saved ? "Draft saved" : draft ? "Draft restored" : ""}
              </span>
            </div>
            <CodeEditor
              id="code"
              name="code"
              label="Your solution"
              defaultValue={draft?.code ?? drill.starter}
              language={language}
              describedBy="editor-hint"
              onChange={scheduleSave}
              onRunShortcut={() => runButton.current?.click()}
            />
            <p id="editor-hint" className="hint">
              <kbd>Ctrl</kbd>+<kbd>Enter</kbd> runs the visible {isSql ? "cases" : "tests"}. In the editor, <kbd>Ctrl</kbd>+<kbd>M</kbd> lets <kbd>Tab</kbd> move focus.
            </p>
            {[...(errors.form ?? []), ...(errors.code ?? []), ...(errors.language ?? []), ...(errors.intent ?? [])].length > 0 ? (
              <div className="alert alert-error" role="alert">
                {[...(errors.form ?? []), ...(errors.code ?? []), ...(errors.language ?? []), ...(errors.intent ?? [])].join(" ")}
              </div>
            ) : null}
            <div className="form-actions">
              <button ref={runButton} type="submit" name="intent" value="run" className="btn" disabled={busy}>
                {pendingIntent === "run" ? "Running…" : "Run visible tests"}
              </button>
              <button type="submit" name="intent" value="submit" className="btn btn-primary" disabled={busy}>
                {pendingIntent === "submit" ? "Submitting…" : "Submit (all tests)"}
              </button>
            </div>
          </Form>
          <div aria-live="polite">{actionData?.results ? <DrillResultsPanel results={actionData.results} /> : null}</div>
          {runs.length > 0 ? (
            <section className="card" aria-labelledby="runs-heading">
              <h2 id="runs-heading" className="small eyebrow">
                Your recent runs
              </h2>
              <ul className="run-list">
                {runs.map((r) => (
                  <li key={r.id}>
                    <span className={`status-dot ${r.status === "pass" ? "ok" : r.status === "fail" ? "pending" : "bad"}`} aria-hidden="true" />
                    {r.kind === "submit" ? "Submission" : "Run"}: {r.status} · {r.durationMs} ms · <time dateTime={r.createdAt}>{r.createdAt.slice(0, 16).replace("T", " ")} UTC</time>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
        </div>
      </div>
    </div>
  );
}

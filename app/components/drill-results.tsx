/** The results panel of a drill run: overall status, then every test (hidden ones by category). */
import type { ReactNode } from "react";
import type { DrillResults } from "~/drills/runner.server";
import { PlanTree, ResultsGrid } from "./sql-views";

function TestRow({ status, name, children }: { status: string; name: string; children?: ReactNode }) {
  return (
    <li className={`test-item is-${status}`}>
      <span className="test-status" aria-hidden="true">
        {status === "pass" ? "✓" : "✗"}
      </span>
      <span className="visually-hidden">{status === "pass" ? "Passed:" : "Failed:"}</span>
      <span className="test-name">{name}</span>
      {children}
    </li>
  );
}

export function DrillResultsPanel({ results }: { results: DrillResults }) {
  const passed = results.tests.filter((t) => t.status === "pass").length;
  const hidden = results.tests.filter((t) => t.visibility === "hidden");
  const visible = results.tests.filter((t) => t.visibility === "visible");
  const headline =
    results.status === "pass"
      ? results.mode === "submit"
        ? `All ${results.tests.length} tests pass, hidden ones included.`
        : `All ${results.tests.length} visible tests pass. Submit to run the hidden tests too.`
      : results.status === "error" && results.tests.length === 0
        ? "Your code could not be run."
        : `${passed} of ${results.tests.length} tests pass.`;
  return (
    <section className="card results" aria-labelledby="results-heading">
      <h2 id="results-heading" className="small eyebrow">
        {results.mode === "submit" ? "Submission" : "Run"} results · {Math.round(results.durationMs)} ms
      </h2>
      <div className={`verdict ${results.status === "pass" ? "verdict-ok" : results.status === "fail" ? "verdict-partial" : "verdict-bad"}`}>{headline}</div>
      {results.message ? <pre className="result-message">{results.message}</pre> : null}
      {results.sql?.columns && results.sql.rows ? <ResultsGrid columns={results.sql.columns} rows={results.sql.rows} truncated={Boolean(results.sql.rowsTruncated)} /> : null}
      {results.sql?.plan ? <PlanTree plan={results.sql.plan} ms={results.sql.ms} /> : null}
      {visible.length > 0 ? (
        <>
          <h3 className="small">Visible tests</h3>
          <ul className="test-list">
            {visible.map((t, i) => (
              <TestRow key={i} status={t.status} name={t.name}>
                {t.message ? <pre className="result-message">{t.message}</pre> : null}
                {t.output ? (
                  <details>
                    <summary>Output</summary>
                    <pre className="result-output">{t.output}</pre>
                  </details>
                ) : null}
              </TestRow>
            ))}
          </ul>
        </>
      ) : null}
      {hidden.length > 0 ? (
        <>
          <h3 className="small">Hidden tests</h3>
          <p className="hint">Hidden tests show which behaviour failed, not their inputs.</p>
          <ul className="test-list">
            {hidden.map((t, i) => (
              <TestRow key={i} status={t.status} name={t.category ?? t.name} />
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

/**
 * Server-rendered SVG charts for the dashboard. Each chart is a figure with a caption, an SVG
 * labelled by a one-line summary, and the same numbers as a table for screen readers and anyone
 * who prefers them.
 */
import type { ReactNode } from "react";
import type { CalibrationRow } from "~/review/rating";
import { CALIBRATION_IDEAL, CONFIDENCE_LABELS } from "~/review/rating";

const pct = (x: number | null) => (x === null ? "—" : `${Math.round(x * 100)}%`);
const shortDate = (iso: string) => new Date(`${iso}T00:00:00Z`).toLocaleDateString("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });

function Chart({ id, title, summary, children, table }: { id: string; title: string; summary: string; children: ReactNode; table: ReactNode }) {
  return (
    <figure className="chart card" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`} className="chart-title">
        {title}
      </figcaption>
      <p id={`${id}-summary`} className="small muted">
        {summary}
      </p>
      <div className="chart-canvas">{children}</div>
      <details className="chart-data">
        <summary>Show the numbers</summary>
        {table}
      </details>
    </figure>
  );
}

export function Heatmap({ days }: { days: Array<{ date: string; count: number }> }) {
  const max = Math.max(1, ...days.map((d) => d.count));
  const level = (n: number) => (n === 0 ? 0 : Math.min(4, Math.ceil((n / max) * 4)));
  const cell = 13;
  const gap = 3;
  const weeks = Math.ceil(days.length / 7);
  const activeDays = days.filter((d) => d.count > 0).length;
  const total = days.reduce((a, d) => a + d.count, 0);
  const summary = `${total} answers on ${activeDays} of the last ${days.length} days.`;
  return (
    <Chart
      id="heatmap"
      title="Activity, last 12 weeks"
      summary={summary}
      table={
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Day</th>
              <th scope="col">Answers</th>
            </tr>
          </thead>
          <tbody>
            {days
              .filter((d) => d.count > 0)
              .map((d) => (
                <tr key={d.date}>
                  <td>{d.date}</td>
                  <td>{d.count}</td>
                </tr>
              ))}
          </tbody>
        </table>
      }
    >
      <svg viewBox={`0 0 ${weeks * (cell + gap)} ${7 * (cell + gap)}`} className="heatmap" role="img" aria-labelledby="heatmap-title heatmap-summary">
        {days.map((d, i) => (
          <rect key={d.date} x={Math.floor(i / 7) * (cell + gap)} y={(i % 7) * (cell + gap)} width={cell} height={cell} rx={2} className={`heat heat-${level(d.count)}`}>
            <title>{`${d.date}: ${d.count} ${d.count === 1 ? "answer" : "answers"}`}</title>
          </rect>
        ))}
      </svg>
    </Chart>
  );
}

export function AccuracyChart({ weeks }: { weeks: Array<{ weekStart: string; answers: number; accuracy: number | null }> }) {
  const w = 480;
  const h = 160;
  const pad = { l: 36, r: 8, t: 10, b: 24 };
  const x = (i: number) => pad.l + (i * (w - pad.l - pad.r)) / Math.max(1, weeks.length - 1);
  const y = (v: number) => pad.t + (1 - v) * (h - pad.t - pad.b);
  const points = weeks.map((wk, i) => (wk.accuracy === null ? null : { x: x(i), y: y(wk.accuracy), wk })).filter((p) => p !== null);
  const withData = weeks.filter((wk) => wk.accuracy !== null);
  const last = withData.at(-1);
  const summary = last ? `Most recent week with answers: ${pct(last.accuracy)} right over ${last.answers} answers.` : "No graded answers in the last 12 weeks.";
  return (
    <Chart
      id="accuracy"
      title="Accuracy by week"
      summary={summary}
      table={
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Week from</th>
              <th scope="col">Answers</th>
              <th scope="col">Right</th>
            </tr>
          </thead>
          <tbody>
            {weeks.map((wk) => (
              <tr key={wk.weekStart}>
                <td>{wk.weekStart}</td>
                <td>{wk.answers}</td>
                <td>{pct(wk.accuracy)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    >
      <svg viewBox={`0 0 ${w} ${h}`} className="line-chart" role="img" aria-labelledby="accuracy-title accuracy-summary">
        {[0, 0.5, 1].map((v) => (
          <g key={v}>
            <line x1={pad.l} x2={w - pad.r} y1={y(v)} y2={y(v)} className="grid-line" />
            <text x={pad.l - 6} y={y(v) + 4} textAnchor="end" className="axis-label">
              {v * 100}%
            </text>
          </g>
        ))}
        {[0, weeks.length - 1].map((i) => (
          <text key={i} x={x(i)} y={h - 6} textAnchor={i === 0 ? "start" : "end"} className="axis-label">
            {weeks[i] ? shortDate(weeks[i]!.weekStart) : ""}
          </text>
        ))}
        {points.length > 1 ? <polyline points={points.map((p) => `${p.x},${p.y}`).join(" ")} className="series-line" /> : null}
        {points.map((p) => (
          <circle key={p.wk.weekStart} cx={p.x} cy={p.y} r={3.5} className="series-dot">
            <title>{`Week from ${p.wk.weekStart}: ${pct(p.wk.accuracy)} of ${p.wk.answers}`}</title>
          </circle>
        ))}
      </svg>
    </Chart>
  );
}

export function CalibrationChart({ rows }: { rows: CalibrationRow[] }) {
  const w = 480;
  const h = 170;
  const pad = { l: 36, r: 8, t: 10, b: 28 };
  const band = (w - pad.l - pad.r) / rows.length;
  const y = (v: number) => pad.t + (1 - v) * (h - pad.t - pad.b);
  const said = rows.filter((r) => r.answers > 0);
  const verdictText: Record<CalibrationRow["verdict"], string> = {
    "no-data": "no answers yet",
    "well-calibrated": "well calibrated",
    overconfident: "overconfident",
    underconfident: "underconfident",
  };
  const summary = said.length
    ? said.map((r) => `${CONFIDENCE_LABELS[r.confidence]}: ${pct(r.accuracy)} right (${verdictText[r.verdict]})`).join("; ") + "."
    : "Say how sure you are before submitting to see your calibration.";
  return (
    <Chart
      id="calibration"
      title="Calibration: accuracy at each certainty"
      summary={summary}
      table={
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Certainty</th>
              <th scope="col">Answers</th>
              <th scope="col">Right</th>
              <th scope="col">Ideal range</th>
              <th scope="col">Verdict</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.confidence}>
                <td>{CONFIDENCE_LABELS[r.confidence]}</td>
                <td>{r.answers}</td>
                <td>{pct(r.accuracy)}</td>
                <td>
                  {pct(CALIBRATION_IDEAL[r.confidence].from)}–{pct(CALIBRATION_IDEAL[r.confidence].to)}
                </td>
                <td>{verdictText[r.verdict]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    >
      <svg viewBox={`0 0 ${w} ${h}`} className="bar-chart" role="img" aria-labelledby="calibration-title calibration-summary">
        {[0, 0.5, 1].map((v) => (
          <g key={v}>
            <line x1={pad.l} x2={w - pad.r} y1={y(v)} y2={y(v)} className="grid-line" />
            <text x={pad.l - 6} y={y(v) + 4} textAnchor="end" className="axis-label">
              {v * 100}%
            </text>
          </g>
        ))}
        {rows.map((r, i) => {
          const ideal = CALIBRATION_IDEAL[r.confidence];
          const x0 = pad.l + i * band;
          return (
            <g key={r.confidence}>
              <rect x={x0 + band * 0.15} width={band * 0.7} y={y(ideal.to)} height={y(ideal.from) - y(ideal.to)} className="ideal-band">
                <title>{`Ideal for ${CONFIDENCE_LABELS[r.confidence]}: ${pct(ideal.from)}–${pct(ideal.to)}`}</title>
              </rect>
              {r.accuracy !== null ? (
                <rect x={x0 + band * 0.32} width={band * 0.36} y={y(r.accuracy)} height={y(0) - y(r.accuracy)} className={`bar bar-${r.verdict}`}>
                  <title>{`${CONFIDENCE_LABELS[r.confidence]}: ${pct(r.accuracy)} of ${r.answers}`}</title>
                </rect>
              ) : null}
              <text x={x0 + band / 2} y={h - 8} textAnchor="middle" className="axis-label">
                {CONFIDENCE_LABELS[r.confidence]}
              </text>
            </g>
          );
        })}
      </svg>
    </Chart>
  );
}

export function ForecastChart({ days }: { days: Array<{ date: string; due: number }> }) {
  const w = 480;
  const h = 150;
  const pad = { l: 28, r: 8, t: 10, b: 24 };
  const max = Math.max(1, ...days.map((d) => d.due));
  const band = (w - pad.l - pad.r) / days.length;
  const y = (v: number) => pad.t + (1 - v / max) * (h - pad.t - pad.b);
  const total = days.reduce((a, d) => a + d.due, 0);
  const summary = `${days[0]?.due ?? 0} due today, ${total} over the next ${days.length} days.`;
  return (
    <Chart
      id="forecast"
      title="Reviews due, next 14 days"
      summary={summary}
      table={
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Day</th>
              <th scope="col">Due</th>
            </tr>
          </thead>
          <tbody>
            {days.map((d) => (
              <tr key={d.date}>
                <td>{d.date}</td>
                <td>{d.due}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    >
      <svg viewBox={`0 0 ${w} ${h}`} className="bar-chart" role="img" aria-labelledby="forecast-title forecast-summary">
        <line x1={pad.l} x2={w - pad.r} y1={y(0)} y2={y(0)} className="grid-line" />
        <text x={pad.l - 6} y={y(max) + 4} textAnchor="end" className="axis-label">
          {max}
        </text>
        {days.map((d, i) => (
          <g key={d.date}>
            {d.due > 0 ? (
              <rect x={pad.l + i * band + band * 0.15} width={band * 0.7} y={y(d.due)} height={y(0) - y(d.due)} className="bar">
                <title>{`${d.date}: ${d.due} due`}</title>
              </rect>
            ) : null}
            {i % 7 === 0 ? (
              <text x={pad.l + i * band + band / 2} y={h - 6} textAnchor="middle" className="axis-label">
                {i === 0 ? "Today" : shortDate(d.date)}
              </text>
            ) : null}
          </g>
        ))}
      </svg>
    </Chart>
  );
}

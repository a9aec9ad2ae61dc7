/** SQL drill views: the schema browser, the results grid and the query plan tree. */
import { useState } from "react";
import type { SchemaTable } from "~/drills/types";

type PlanNode = { id: number; detail: string; kind: "scan" | "search" | "temp-btree" | "other"; children: PlanNode[] };

export function SchemaBrowser({ tables }: { tables: SchemaTable[] }) {
  if (tables.length === 0) return null;
  return (
    <section className="schema-browser" aria-labelledby="schema-heading">
      <h2 id="schema-heading" className="small eyebrow">
        Tables
      </h2>
      {tables.map((t) => (
        <details key={t.table}>
          <summary>
            <code>{t.table}</code> <span className="muted small">· {t.rows.toLocaleString("en-GB")} rows</span>
          </summary>
          <ul className="schema-columns">
            {t.columns.map((c) => (
              <li key={c.name}>
                <code>{c.name}</code> <span className="muted small">{c.type}</span>
              </li>
            ))}
          </ul>
        </details>
      ))}
    </section>
  );
}

const PAGE = 25;

export function ResultsGrid({ columns, rows, truncated }: { columns: string[]; rows: unknown[][]; truncated: boolean }) {
  const [page, setPage] = useState(0);
  const pages = Math.max(1, Math.ceil(rows.length / PAGE));
  const shown = rows.slice(page * PAGE, page * PAGE + PAGE);
  const cell = (v: unknown) => (v === null ? "NULL" : typeof v === "object" ? JSON.stringify(v) : String(v));
  return (
    <div className="results-grid">
      <div className="table-scroll">
        <table className="table">
          <caption className="visually-hidden">Rows your query returned</caption>
          <thead>
            <tr>
              {columns.map((c, i) => (
                <th key={i} scope="col">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {shown.map((r, i) => (
              <tr key={i}>
                {r.map((v, j) => (
                  <td key={j} className={v === null ? "muted" : undefined}>
                    {cell(v)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="row small">
        <span className="muted">
          {rows.length === 0 ? "No rows." : `Rows ${page * PAGE + 1}–${page * PAGE + shown.length} of ${rows.length}${truncated ? "+ (the grid shows the first rows only)" : ""}`}
        </span>
        <span className="spacer" />
        <button type="button" className="btn btn-sm" disabled={page === 0} onClick={() => setPage((p) => p - 1)}>
          Previous
        </button>
        <button type="button" className="btn btn-sm" disabled={page >= pages - 1} onClick={() => setPage((p) => p + 1)}>
          Next
        </button>
      </div>
    </div>
  );
}

const KIND_LABEL: Record<PlanNode["kind"], string | null> = { scan: "full scan", search: "index search", "temp-btree": "sort in a temp B-tree", other: null };

function PlanItems({ nodes }: { nodes: PlanNode[] }) {
  return (
    <ul className="plan-tree">
      {nodes.map((n) => (
        <li key={n.id} className={`plan-node plan-${n.kind}`}>
          <code>{n.detail}</code>
          {KIND_LABEL[n.kind] ? <span className={`tag plan-tag-${n.kind}`}>{KIND_LABEL[n.kind]}</span> : null}
          {n.children.length ? <PlanItems nodes={n.children} /> : null}
        </li>
      ))}
    </ul>
  );
}

export function PlanTree({ plan, ms }: { plan: PlanNode[]; ms?: number }) {
  return (
    <section aria-labelledby="plan-heading" className="plan">
      <h3 id="plan-heading" className="small">
        Query plan{ms !== undefined ? ` · ran in ${ms.toFixed(1)} ms` : ""}
      </h3>
      <PlanItems nodes={plan} />
    </section>
  );
}

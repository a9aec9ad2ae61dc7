import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { listAudit } from "~/models/audit.server";
import { requireMember } from "~/utils/org.server";

export const meta: MetaFunction = () => [{ title: "Audit log — Groundwork" }];

const query = z.object({ before: z.coerce.number().int().positive().optional().catch(undefined) });

export async function loader({ request }: LoaderFunctionArgs) {
  const { orgId } = await requireMember(request);
  const { before } = query.parse(Object.fromEntries(new URL(request.url).searchParams));
  const { entries, nextBefore } = await listAudit({ orgId, before });
  return { entries: entries.map((e) => ({ id: e.id, at: e.at.toISOString(), actor: e.actorLabel, action: e.action, target: `${e.targetType}${e.targetId ? ` ${e.targetId.slice(0, 8)}` : ""}`, detail: e.detail ? JSON.stringify(e.detail) : "" })), nextBefore };
}

export default function Audit() {
  const { entries, nextBefore } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <h1>Audit log</h1>
      <p className="muted">Every interviewer action in the organisation, newest first. Times are UTC.</p>
      <div className="table-wrap" tabIndex={0} role="region" aria-label="Audit log">
        <table className="table">
          <caption className="visually-hidden">Audit log</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">Action</th>
              <th scope="col">Target</th>
              <th scope="col">Detail</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id}>
                <td>{e.at.slice(0, 19).replace("T", " ")}</td>
                <td>{e.actor}</td>
                <th scope="row">{e.action}</th>
                <td>{e.target}</td>
                <td className="small mono">{e.detail}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {nextBefore ? <Link to={`?before=${nextBefore}`}>Older entries</Link> : null}
    </div>
  );
}

import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { listPrescreens } from "~/models/prescreen.server";
import { requireMember } from "~/utils/org.server";

export const meta: MetaFunction = () => [{ title: "Pre-screens — Groundwork" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { orgId } = await requireMember(request);
  const list = await listPrescreens({ orgId });
  return { prescreens: list.map((p) => ({ ...p, createdAt: p.createdAt.toISOString() })) };
}

export default function Prescreens() {
  const { prescreens } = useLoaderData<typeof loader>();
  return (
    <>
      <div className="page-head row">
        <h1>Pre-screens</h1>
        <span className="spacer" />
        <Link to="/org/prescreens/new" className="btn btn-primary">New pre-screen</Link>
      </div>
      {prescreens.length === 0 ? (
        <div className="card empty">
          <p>No pre-screens yet. Build one from a blueprint, or paste a job description and Groundwork proposes one.</p>
        </div>
      ) : (
        <div className="table-wrap" tabIndex={0} role="region" aria-label="Your organisation's pre-screens">
          <table className="table">
            <caption className="visually-hidden">Your organisation's pre-screens</caption>
            <thead>
              <tr>
                <th scope="col">Title</th>
                <th scope="col">Status</th>
                <th scope="col">Time limit</th>
                <th scope="col">Invited</th>
                <th scope="col">Started</th>
                <th scope="col">Submitted</th>
                <th scope="col">Reviewed</th>
              </tr>
            </thead>
            <tbody>
              {prescreens.map((p) => (
                <tr key={p.id}>
                  <th scope="row">
                    <Link to={`/org/prescreens/${p.id}`}>{p.title}</Link>
                  </th>
                  <td>
                    <span className={`tag status-${p.status}`}>{p.status}</span>
                  </td>
                  <td>{p.timeLimitMinutes} min</td>
                  <td>{p.counts.invited}</td>
                  <td>{p.counts.started}</td>
                  <td>{p.counts.submitted}</td>
                  <td>{p.counts.reviewed}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { getPracticeSummary } from "~/models/practice.server";
import { parseParams, practiceParams } from "~/utils/params";
import { getSessionUser } from "~/utils/session.server";

export const meta: MetaFunction = () => [{ title: "Session summary — Groundwork" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { sessionId } = parseParams(practiceParams, params);
  const user = await getSessionUser(request);
  const summary = user && (await getPracticeSummary({ sessionId, userId: user.id }));
  if (!summary) throw new Response("Practice session not found", { status: 404 });
  return { summary, isGuest: user.isGuest };
}

export default function Summary() {
  const { summary, isGuest } = useLoaderData<typeof loader>();
  const pct = summary.meanScore === null ? null : Math.round(summary.meanScore * 100);
  return (
    <div className="container narrow page">
      <p className="eyebrow">{summary.topicTitle}</p>
      <h1>Session summary</h1>
      <div className="card row">
        <div>
          <div className="summary-score">{pct === null ? "—" : `${pct}%`}</div>
          <div className="muted small">average score</div>
        </div>
        <div className="spacer" />
        <div className="muted">
          {summary.correct} of {summary.answered} correct
          {summary.answered < summary.total ? ` · ${summary.total - summary.answered} not answered` : ""}
        </div>
      </div>
      {isGuest && (
        <div className="alert alert-info mt">
          You are practising as a guest. <Link to="/signup">Sign up</Link> to keep this progress on any device.
        </div>
      )}
      <h2>Questions</h2>
      <table>
        <caption className="visually-hidden">Your answers in this session</caption>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">Question</th>
            <th scope="col">Result</th>
          </tr>
        </thead>
        <tbody>
          {summary.steps.map((s) => (
            <tr key={s.step}>
              <td>{s.step + 1}</td>
              <td>
                <Link to={`/practice/${summary.sessionId}/q/${s.step + 1}`}>{s.excerpt}</Link>{" "}
                <span className={`badge badge-${s.difficulty}`}>{s.difficulty}</span>
              </td>
              <td>
                {s.score === null ? (
                  <><span className="status-dot pending" aria-hidden="true" />Self-assess</>
                ) : s.correct ? (
                  <><span className="status-dot ok" aria-hidden="true" />Correct</>
                ) : (
                  <><span className="status-dot bad" aria-hidden="true" />{Math.round(s.score * 100)}%</>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="form-actions">
        <Form method="post" action={`/topics/${summary.topicSlug}`}>
          <button type="submit" className="btn btn-primary">Practise again</button>
        </Form>
        <Link to="/topics" className="btn">All topics</Link>
      </div>
    </div>
  );
}

import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigate, useNavigation } from "@remix-run/react";
import { CountdownTimer } from "~/components/countdown";
import { getOverview, submitByToken } from "~/models/attempt.server";
import { tokenParams } from "~/utils/candidate-params";
import { requestNow } from "~/utils/clock.server";
import { readFormData } from "~/utils/forms";
import { parseParams } from "~/utils/params";

export const meta: MetaFunction = () => [{ title: "Review and submit — Pre-screen" }, { name: "referrer", content: "no-referrer" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { token } = parseParams(tokenParams, params);
  const now = requestNow(request);
  const overview = await getOverview({ token, now, ip: context.clientIp });
  if (!overview) throw new Response("This link is not valid.", { status: 404 });
  if (overview.phase !== "in-progress") throw redirect(`/c/${token}`);
  return { token, title: overview.title, nav: overview.nav, deadlineAt: overview.deadlineAt!.toISOString(), serverNow: now.toISOString() };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { token } = parseParams(tokenParams, params);
  await readFormData(request);
  const result = await submitByToken({ token, now: requestNow(request), ip: context.clientIp });
  if (!result.ok) {
    if (result.status === 404) throw new Response(result.message, { status: 404 });
  }
  return redirect(`/c/${token}`, 303);
}

export default function Submit() {
  const d = useLoaderData<typeof loader>();
  const navigation = useNavigation();
  const navigate = useNavigate();
  const unanswered = d.nav.filter((n) => !n.answered);
  return (
    <div className="container narrow page stack">
      <p className="eyebrow">{d.title}</p>
      <h1>Review and submit</h1>
      <CountdownTimer deadlineAt={d.deadlineAt} serverNow={d.serverNow} onExpired={() => setTimeout(() => navigate(`/c/${d.token}`), 2500)} />
      <div className="card stack">
        <p>
          You answered <strong>{d.nav.length - unanswered.length} of {d.nav.length}</strong> items.
        </p>
        {unanswered.length ? (
          <p>
            Not answered yet:{" "}
            {unanswered.map((n, i) => (
              <span key={n.position}>
                {i > 0 ? ", " : ""}
                <Link to={`/c/${d.token}/q/${n.position + 1}`}>item {n.position + 1}</Link>
              </span>
            ))}
            . They score 0 if you submit now.
          </p>
        ) : null}
        <p className="small muted">After you submit you cannot change your answers.</p>
        <Form method="post" className="form-actions">
          <Link to={`/c/${d.token}/q/1`} className="btn">Back to the items</Link>
          <button type="submit" className="btn btn-primary" disabled={navigation.state !== "idle"}>
            Submit my answers
          </button>
        </Form>
      </div>
    </div>
  );
}

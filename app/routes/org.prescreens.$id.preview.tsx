import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { previewDraw } from "~/models/prescreen.server";
import { requireMember } from "~/utils/org.server";
import { parseParams } from "~/utils/params";
import { prescreenParams } from "./org.prescreens.$id._index";

export const meta: MetaFunction = () => [{ title: "Preview a draw — Groundwork" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { id } = parseParams(prescreenParams, params);
  const { orgId } = await requireMember(request);
  const items = await previewDraw({ orgId, id });
  if (!items) throw new Response("Pre-screen not found", { status: 404 });
  return { id, items };
}

export default function Preview() {
  const { id, items } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <p className="small">
        <Link to={`/org/prescreens/${id}`}>← Back to the pre-screen</Link>
      </p>
      <h1>A sample draw</h1>
      <p className="muted">One random paper, as a candidate could get it. Reload for another draw. Answer keys are not shown here.</p>
      {items.length === 0 ? <p className="empty">The blueprint draws nothing yet.</p> : null}
      <ol className="stack">
        {items.map((it) => (
          <li key={it.itemKey} className="card">
            <p className="row small">
              <span className={`badge badge-${it.difficulty}`}>{it.difficulty}</span>
              <span className="tag">{it.kind === "drill" ? `drill (${it.type})` : it.type}</span>
              <span className="muted">{it.topicSlug}</span>
            </p>
            <p>{it.excerpt}</p>
          </li>
        ))}
      </ol>
    </div>
  );
}

import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { listDrills } from "~/models/drill.server";
import { getSessionUser } from "~/utils/session.server";

export const meta: MetaFunction = () => [{ title: "Code drills — Groundwork" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getSessionUser(request);
  return { drills: await listDrills({ userId: user?.id ?? null }) };
}

const PROGRESS_LABEL = { passed: "Passed", attempted: "Attempted", new: "Not started" } as const;

export default function Drills() {
  const { drills } = useLoaderData<typeof loader>();
  const groups = new Map<string, typeof drills>();
  for (const d of drills) groups.set(d.group, [...(groups.get(d.group) ?? []), d]);
  return (
    <div className="container page">
      <h1>Code drills</h1>
      <p className="muted">
        {drills.length} small exercises on backend mechanics, in TypeScript or JavaScript. Run the visible tests while you work; submit to run the hidden ones too.
      </p>
      {[...groups].map(([group, list]) => {
        const id = `drills-${group.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;
        return (
          <section key={group} aria-labelledby={id} className="topic-group">
            <h2 id={id}>{group}</h2>
            <div className="grid">
              {list.map((d) => (
                <Link key={d.id} to={`/drills/${d.id}`} className="card topic-card">
                  <h3>{d.title}</h3>
                  <p>{d.summary}</p>
                  <div className="topic-meta">
                    <span>
                      <span className={`badge badge-${d.difficulty}`}>{d.difficulty}</span> {d.topicTitle}
                    </span>
                    <span>{PROGRESS_LABEL[d.progress]}</span>
                  </div>
                </Link>
              ))}
            </div>
          </section>
        );
      })}
    </div>
  );
}

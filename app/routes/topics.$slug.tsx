import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { Html, SourceList } from "~/components/html";
import { listDrills } from "~/models/drill.server";
import { startPractice } from "~/models/practice.server";
import { getTopic, getTopicProgress } from "~/models/topic.server";
import { requirePost } from "~/utils/forms";
import { getSessionUser, requireLearner } from "~/utils/session.server";

const params = z.object({ slug: z.string().regex(/^[a-z0-9-]{1,80}$/) });

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.topic.title} — Groundwork` : "Topic — Groundwork" }];

async function loadTopic(raw: unknown) {
  const p = params.safeParse(raw);
  const topic = p.success ? await getTopic(p.data.slug) : null;
  if (!topic) throw new Response("Topic not found", { status: 404 });
  return topic;
}

export async function loader({ request, params: raw }: LoaderFunctionArgs) {
  const topic = await loadTopic(raw);
  const user = await getSessionUser(request);
  const progress = user ? await getTopicProgress({ slug: topic.slug, userId: user.id }) : null;
  const drills = await listDrills({ userId: user?.id ?? null, topicSlug: topic.slug });
  return { topic, progress, drills };
}

export async function action({ request, params: raw }: ActionFunctionArgs) {
  requirePost(request);
  const topic = await loadTopic(raw);
  const { user, setCookie } = await requireLearner(request);
  const sessionId = await startPractice({ userId: user.id, topicSlug: topic.slug });
  if (!sessionId) throw new Response("This topic has no questions yet", { status: 404 });
  return redirect(`/practice/${sessionId}`, setCookie ? { headers: { "Set-Cookie": setCookie } } : undefined);
}

export default function TopicPage() {
  const { topic, progress, drills } = useLoaderData<typeof loader>();
  const navigation = useNavigation();
  const starting = navigation.state !== "idle" && navigation.formMethod === "POST";
  return (
    <div className="container page">
      <nav aria-label="Breadcrumb" className="small muted">
        <Link to="/topics">Topics</Link> / <span aria-current="page">{topic.title}</span>
      </nav>
      <div className="row topic-head">
        <div className="spacer">
          <p className="eyebrow">{topic.group}</p>
          <h1>{topic.title}</h1>
          <p className="muted">{topic.summary}</p>
        </div>
        <div className="card start-card">
          <p className="small muted">
            {topic.questionCount} questions · {topic.byDifficulty.junior ?? 0} junior · {topic.byDifficulty.mid ?? 0} mid ·{" "}
            {topic.byDifficulty.senior ?? 0} senior
          </p>
          {progress && progress.answered > 0 ? (
            <p className="small">
              You have answered {progress.answered} of {topic.questionCount}
              {progress.accuracy !== null ? `, ${Math.round(progress.accuracy * 100)}% of attempts right` : ""}.
            </p>
          ) : null}
          <Form method="post">
            <button type="submit" className="btn btn-primary" disabled={starting}>
              {starting ? "Starting…" : progress && progress.answered > 0 ? "Practise again" : "Start practice"}
            </button>
          </Form>
          <p className="hint">Up to 10 questions, unseen ones first.</p>
          {drills.length > 0 ? (
            <div className="topic-drills">
              <h2 className="small eyebrow">Code drills</h2>
              <ul>
                {drills.map((d) => (
                  <li key={d.id}>
                    <Link to={`/drills/${d.id}`}>{d.title}</Link> <span className="small muted">· {d.difficulty}{d.progress === "passed" ? " · passed" : ""}</span>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
        </div>
      </div>
      <article className="prose" aria-label="Primer">
        <Html html={topic.primerHtml} />
        {topic.references.length > 0 && (
          <section className="references">
            <h2>Further reading</h2>
            <SourceList references={topic.references} />
          </section>
        )}
      </article>
    </div>
  );
}

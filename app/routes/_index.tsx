import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { TopicGroups } from "~/components/topic-card";
import { listTopicMastery } from "~/models/progress.server";
import { requestNow } from "~/utils/clock.server";
import { getSessionUser } from "~/utils/session.server";

export const meta: MetaFunction = () => [{ title: "Groundwork — practise backend fundamentals" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getSessionUser(request);
  const topics = await listTopicMastery({ userId: user?.id ?? null, now: requestNow(request) });
  return { topics, totalQuestions: topics.reduce((a, t) => a + t.questionCount, 0) };
}

export default function Home() {
  const { topics, totalQuestions } = useLoaderData<typeof loader>();
  return (
    <div className="container">
      <section className="hero">
        <p className="eyebrow">Backend fundamentals, practised properly</p>
        <h1>Know why, not just what.</h1>
        <p className="lead">
          {totalQuestions} carefully explained questions on idempotency, indexing, rate limiting and more — graded on the
          server, with feedback on every option and a source for every claim.
        </p>
        <div className="row">
          <Link to="/topics" className="btn btn-primary">Start practising</Link>
          <span className="muted small">No account needed — sign up later and keep your progress.</span>
        </div>
      </section>
      <section className="features" aria-label="What you get">
        <div className="card feature">
          <h2>Every option explained</h2>
          <p className="muted small">Right or wrong, each choice says why, and each question cites official docs or RFCs.</p>
        </div>
        <div className="card feature">
          <h2>Keyboard first</h2>
          <p className="muted small">
            <kbd>1</kbd>–<kbd>9</kbd> pick an option, <kbd>Enter</kbd> submits, <kbd>N</kbd> moves on.
          </p>
        </div>
        <div className="card feature">
          <h2>Self-hosted</h2>
          <p className="muted small">One process, one SQLite file. Your data stays on your machine.</p>
        </div>
      </section>
      <TopicGroups topics={topics} />
    </div>
  );
}

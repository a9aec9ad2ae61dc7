import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { TopicGroups } from "~/components/topic-card";
import { listTopicMastery } from "~/models/progress.server";
import { requestNow } from "~/utils/clock.server";
import { getSessionUser } from "~/utils/session.server";

export const meta: MetaFunction = () => [{ title: "Topics — Groundwork" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getSessionUser(request);
  return { topics: await listTopicMastery({ userId: user?.id ?? null, now: requestNow(request) }) };
}

export default function Topics() {
  const { topics } = useLoaderData<typeof loader>();
  const answered = topics.reduce((a, t) => a + t.answered, 0);
  const total = topics.reduce((a, t) => a + t.questionCount, 0);
  return (
    <div className="container page">
      <h1>Topics</h1>
      <p className="muted">
        {answered > 0 ? `You have answered ${answered} of ${total} questions.` : `${topics.length} topics, ${total} questions. Pick one to start.`}
      </p>
      <TopicGroups topics={topics} />
    </div>
  );
}

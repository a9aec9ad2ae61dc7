import { Link } from "@remix-run/react";

export type TopicCardData = {
  slug: string;
  title: string;
  summary: string;
  questionCount: number;
  answered: number;
  accuracy: number | null;
};

export function TopicCard({ topic }: { topic: TopicCardData }) {
  const pct = topic.questionCount ? Math.round((topic.answered / topic.questionCount) * 100) : 0;
  return (
    <Link to={`/topics/${topic.slug}`} className="card topic-card">
      <h3>{topic.title}</h3>
      <p>{topic.summary}</p>
      <div className="meter" role="img" aria-label={`${topic.answered} of ${topic.questionCount} questions answered`}>
        <span style={{ width: `${pct}%` }} />
      </div>
      <div className="topic-meta">
        <span>{topic.questionCount} questions</span>
        <span>
          {topic.answered > 0
            ? `${topic.answered} seen${topic.accuracy !== null ? ` · ${Math.round(topic.accuracy * 100)}% right` : ""}`
            : "Not started"}
        </span>
      </div>
    </Link>
  );
}

/** Topics grouped by syllabus group, keeping the order they arrive in. */
export function groupTopics<T extends { group: string }>(topics: T[]): Array<[string, T[]]> {
  const groups = new Map<string, T[]>();
  for (const t of topics) {
    const list = groups.get(t.group) ?? [];
    list.push(t);
    groups.set(t.group, list);
  }
  return [...groups.entries()];
}

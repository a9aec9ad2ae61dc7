import { Link } from "@remix-run/react";

export type TopicCardData = {
  slug: string;
  title: string;
  summary: string;
  questionCount: number;
  answered: number;
  accuracy: number | null;
  /** Σ recall probability over the topic's questions / their number (0..1). */
  mastery: number;
};

export function TopicCard({ topic }: { topic: TopicCardData }) {
  const pct = Math.round(topic.mastery * 100);
  return (
    <Link to={`/topics/${topic.slug}`} className="card topic-card">
      <h3>{topic.title}</h3>
      <p>{topic.summary}</p>
      <div className="meter" role="img" aria-label={`Mastery ${pct}%; ${topic.answered} of ${topic.questionCount} questions answered`}>
        <span style={{ width: `${pct}%` }} />
      </div>
      <div className="topic-meta">
        <span>{topic.questionCount} questions</span>
        <span>
          {topic.answered > 0
            ? `${pct}% mastery · ${topic.answered} seen${topic.accuracy !== null ? ` · ${Math.round(topic.accuracy * 100)}% right` : ""}`
            : "Not started"}
        </span>
      </div>
    </Link>
  );
}

/** Topics grouped by syllabus group, in the order they arrive, each group a labelled section. */
export function TopicGroups({ topics }: { topics: Array<TopicCardData & { group: string }> }) {
  const groups = new Map<string, TopicCardData[]>();
  for (const t of topics) groups.set(t.group, [...(groups.get(t.group) ?? []), t]);
  return (
    <>
      {[...groups].map(([group, list]) => {
        const id = `group-${group.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;
        return (
          <section key={group} aria-labelledby={id} className="topic-group">
            <h2 id={id}>{group}</h2>
            <div className="grid">
              {list.map((t) => (
                <TopicCard key={t.slug} topic={t} />
              ))}
            </div>
          </section>
        );
      })}
    </>
  );
}

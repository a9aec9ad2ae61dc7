/** Renders HTML that the content pipeline produced at sync time (trusted, reviewed content). */
export function Html({ html, className }: { html: string; className?: string }) {
  return <div className={className} dangerouslySetInnerHTML={{ __html: html }} />;
}

/** True when a key press belongs to a text field, so page shortcuts must leave it alone. */
export function isTypingTarget(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  return el.tagName === "TEXTAREA" || el.tagName === "SELECT" || (el.tagName === "INPUT" && (el as HTMLInputElement).type === "text");
}

/** The sources a question or primer cites, opened in a new tab. */
export function SourceList({ references }: { references: Array<{ title: string; url: string }> }) {
  return (
    <ul>
      {references.map((r) => (
        <li key={r.url}>
          <a href={r.url} target="_blank" rel="noreferrer noopener">
            {r.title}
          </a>
        </li>
      ))}
    </ul>
  );
}

// Plausible but wrong: checks "seen?" before the handler and records the id only after it
// finishes. A copy that arrives while the first delivery is still running passes the check too,
// so the effect happens twice.
type Message = { id: string; body: string };

export function createDedupeConsumer({ handler, now, retentionMs }: { handler: (m: Message) => Promise<void>; now: () => number; retentionMs: number }) {
  const processed = new Map<string, number>();
  const prune = () => {
    for (const [id, at] of processed) if (now() >= at + retentionMs) processed.delete(id);
  };
  return {
    async handle(message: Message): Promise<"processed" | "duplicate"> {
      prune();
      if (processed.has(message.id)) return "duplicate";
      await handler(message);
      processed.set(message.id, now());
      return "processed";
    },
    size(): number {
      prune();
      return processed.size;
    },
  };
}

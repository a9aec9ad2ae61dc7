// Plausible but wrong: records the id as processed *before* running the handler ("so a duplicate
// can never slip in"). When the handler throws, the id stays marked and every redelivery is
// acknowledged as a duplicate: the message is lost.
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
      processed.set(message.id, now());
      await handler(message);
      return "processed";
    },
    size(): number {
      prune();
      return processed.size;
    },
  };
}

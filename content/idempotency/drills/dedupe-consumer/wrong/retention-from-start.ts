// Plausible but wrong: takes the timestamp when the delivery *arrives* and records the id with it
// once the handler has finished. For a slow handler part of the retention window has already
// passed by the time the id is remembered, so a redelivery shortly before the window should end
// is treated as new and the effect happens twice.
type Message = { id: string; body: string };

export function createDedupeConsumer({ handler, now, retentionMs }: { handler: (m: Message) => Promise<void>; now: () => number; retentionMs: number }) {
  const processed = new Map<string, number>();
  const inFlight = new Map<string, Promise<void>>();
  const prune = () => {
    for (const [id, at] of processed) if (now() >= at + retentionMs) processed.delete(id);
  };
  return {
    async handle(message: Message): Promise<"processed" | "duplicate"> {
      prune();
      if (processed.has(message.id)) return "duplicate";
      const running = inFlight.get(message.id);
      if (running) {
        await running;
        return "duplicate";
      }
      const receivedAt = now();
      const work = Promise.resolve()
        .then(() => handler(message))
        .then(() => void processed.set(message.id, receivedAt))
        .finally(() => inFlight.delete(message.id));
      inFlight.set(message.id, work);
      await work;
      return "processed";
    },
    size(): number {
      prune();
      return processed.size;
    },
  };
}

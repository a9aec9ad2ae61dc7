export type Message = { id: string; body: string };

export type DedupeConsumerOptions = {
  handler: (message: Message) => Promise<void>;
  now: () => number;
  retentionMs: number;
};

export function createDedupeConsumer({ handler, now, retentionMs }: DedupeConsumerOptions) {
  // id → time processed. Times only grow, so the Map's insertion order is also expiry order.
  const processed = new Map<string, number>();
  const inFlight = new Map<string, Promise<void>>();

  const prune = () => {
    const t = now();
    for (const [id, at] of processed) {
      if (at + retentionMs > t) break;
      processed.delete(id);
    }
  };

  return {
    async handle(message: Message): Promise<"processed" | "duplicate"> {
      prune();
      if (processed.has(message.id)) return "duplicate";
      const running = inFlight.get(message.id);
      if (running) {
        await running; // rejects with the earlier delivery's error
        return "duplicate";
      }
      // Register the delivery synchronously, before any await, so a concurrent copy finds it.
      const work = Promise.resolve()
        .then(() => handler(message))
        .then(() => void processed.set(message.id, now()))
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

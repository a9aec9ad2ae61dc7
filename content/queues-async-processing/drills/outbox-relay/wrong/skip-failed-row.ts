// Plausible but wrong: when a publish fails it logs the row as failed and simply moves on to the
// next row — including later rows of the same aggregate. Those overtake the failed one, so the
// broker sees e.g. "OrderShipped" before "OrderPaid" once the failed row is retried.
type OutboxRow = { id: number; aggregateId: string; payload: string };

export function createOutboxRelay({ store, broker, batchSize }: {
  store: { fetchUnsent(limit: number): Promise<OutboxRow[]>; markSent(id: number): Promise<void> };
  broker: { publish(m: { messageId: number; key: string; payload: string }): Promise<void> };
  batchSize: number;
}) {
  return {
    async relayOnce() {
      const report = { published: [] as number[], failed: [] as number[], skipped: [] as number[] };
      for (const row of await store.fetchUnsent(batchSize)) {
        try {
          await broker.publish({ messageId: row.id, key: row.aggregateId, payload: row.payload });
        } catch {
          report.failed.push(row.id);
          continue;
        }
        await store.markSent(row.id);
        report.published.push(row.id);
      }
      return report;
    },
  };
}

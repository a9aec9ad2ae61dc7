// Plausible but wrong: marks the row sent *before* publishing it ("so a crash never causes a
// duplicate"). When the publish then fails, the row is already marked and no later pass will
// ever send it: the message is lost.
type OutboxRow = { id: number; aggregateId: string; payload: string };

export function createOutboxRelay({ store, broker, batchSize }: {
  store: { fetchUnsent(limit: number): Promise<OutboxRow[]>; markSent(id: number): Promise<void> };
  broker: { publish(m: { messageId: number; key: string; payload: string }): Promise<void> };
  batchSize: number;
}) {
  return {
    async relayOnce() {
      const report = { published: [] as number[], failed: [] as number[], skipped: [] as number[] };
      const blocked = new Set<string>();
      for (const row of await store.fetchUnsent(batchSize)) {
        if (blocked.has(row.aggregateId)) {
          report.skipped.push(row.id);
          continue;
        }
        await store.markSent(row.id);
        try {
          await broker.publish({ messageId: row.id, key: row.aggregateId, payload: row.payload });
          report.published.push(row.id);
        } catch {
          blocked.add(row.aggregateId);
          report.failed.push(row.id);
        }
      }
      return report;
    },
  };
}

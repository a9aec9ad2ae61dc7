// Plausible but wrong: wraps publish *and* markSent in one try/catch, so a failing markSent (the
// database went away after the broker accepted the message) is recorded as a failed publish and
// the pass carries on publishing and marking later rows as if nothing happened. The relay should
// stop there: it no longer knows what state the outbox is in.
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
        try {
          await broker.publish({ messageId: row.id, key: row.aggregateId, payload: row.payload });
          await store.markSent(row.id);
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

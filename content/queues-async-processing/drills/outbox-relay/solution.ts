export type OutboxRow = { id: number; aggregateId: string; payload: string };

export interface OutboxStore {
  fetchUnsent(limit: number): Promise<OutboxRow[]>;
  markSent(id: number): Promise<void>;
}

export type BrokerMessage = { messageId: number; key: string; payload: string };

export interface Broker {
  publish(message: BrokerMessage): Promise<void>;
}

export type RelayReport = { published: number[]; failed: number[]; skipped: number[] };

export type OutboxRelayOptions = { store: OutboxStore; broker: Broker; batchSize: number };

export function createOutboxRelay({ store, broker, batchSize }: OutboxRelayOptions) {
  return {
    async relayOnce(): Promise<RelayReport> {
      const report: RelayReport = { published: [], failed: [], skipped: [] };
      const blocked = new Set<string>(); // aggregates with a failed row in this pass
      for (const row of await store.fetchUnsent(batchSize)) {
        if (blocked.has(row.aggregateId)) {
          report.skipped.push(row.id);
          continue;
        }
        try {
          await broker.publish({ messageId: row.id, key: row.aggregateId, payload: row.payload });
        } catch {
          blocked.add(row.aggregateId);
          report.failed.push(row.id);
          continue;
        }
        // Only after the broker accepted it. If this throws, the pass dies here and the row is
        // published again after a restart: a duplicate, never a loss.
        await store.markSent(row.id);
        report.published.push(row.id);
      }
      return report;
    },
  };
}

export type OutboxRow = { id: number; aggregateId: string; payload: string };

export interface OutboxStore {
  /** Up to `limit` unsent rows, ordered by id ascending. */
  fetchUnsent(limit: number): Promise<OutboxRow[]>;
  markSent(id: number): Promise<void>;
}

export type BrokerMessage = { messageId: number; key: string; payload: string };

export interface Broker {
  publish(message: BrokerMessage): Promise<void>;
}

export type RelayReport = { published: number[]; failed: number[]; skipped: number[] };

export type OutboxRelayOptions = { store: OutboxStore; broker: Broker; batchSize: number };

export function createOutboxRelay(options: OutboxRelayOptions) {
  return {
    async relayOnce(): Promise<RelayReport> {
      // Your code here
      return { published: [], failed: [], skipped: [] };
    },
  };
}

export type QueueOptions = {
  now: () => number;
  visibilityTimeoutMs: number;
  maxReceiveCount: number;
};

export type ReceivedMessage = { id: string; body: string; receiptHandle: string; receiveCount: number };
export type DeadLetter = { id: string; body: string; receiveCount: number };

type Stored = { id: string; body: string; receiveCount: number; visibleAt: number; receiptHandle: string | null };

export function createQueue({ now, visibilityTimeoutMs, maxReceiveCount }: QueueOptions) {
  let messages: Stored[] = []; // in send order
  const dead: DeadLetter[] = [];
  let nextId = 1;
  let nextHandle = 1;

  return {
    send(body: string): string {
      const id = `msg-${nextId++}`;
      messages.push({ id, body, receiveCount: 0, visibleAt: 0, receiptHandle: null });
      return id;
    },

    receive(maxMessages = 1): ReceivedMessage[] {
      const t = now();
      const out: ReceivedMessage[] = [];
      const keep: Stored[] = [];
      for (const m of messages) {
        if (out.length >= maxMessages || t < m.visibleAt) {
          keep.push(m);
          continue;
        }
        if (m.receiveCount >= maxReceiveCount) {
          dead.push({ id: m.id, body: m.body, receiveCount: m.receiveCount });
          continue; // removed from the queue
        }
        m.receiveCount++;
        m.visibleAt = t + visibilityTimeoutMs;
        m.receiptHandle = `rh-${m.id}-${nextHandle++}`;
        out.push({ id: m.id, body: m.body, receiptHandle: m.receiptHandle, receiveCount: m.receiveCount });
        keep.push(m);
      }
      messages = keep;
      return out;
    },

    delete(receiptHandle: string): boolean {
      const i = messages.findIndex((m) => m.receiptHandle === receiptHandle);
      if (i === -1 || now() >= messages[i]!.visibleAt) return false;
      messages.splice(i, 1);
      return true;
    },

    deadLetters(): DeadLetter[] {
      return dead.map((d) => ({ ...d }));
    },
  };
}

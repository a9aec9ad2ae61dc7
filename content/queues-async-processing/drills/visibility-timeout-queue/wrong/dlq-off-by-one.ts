// Plausible but wrong: increments the receive count first and dead-letters the message as soon as
// the count reaches maxReceiveCount, so a message is delivered only maxReceiveCount - 1 times
// (with maxReceiveCount 1 it is never delivered at all).
type Stored = { id: string; body: string; receiveCount: number; visibleAt: number; receiptHandle: string | null };

export function createQueue({ now, visibilityTimeoutMs, maxReceiveCount }: { now: () => number; visibilityTimeoutMs: number; maxReceiveCount: number }) {
  let messages: Stored[] = [];
  const dead: Array<{ id: string; body: string; receiveCount: number }> = [];
  let seq = 1;
  return {
    send(body: string) {
      const id = `msg-${seq++}`;
      messages.push({ id, body, receiveCount: 0, visibleAt: 0, receiptHandle: null });
      return id;
    },
    receive(maxMessages = 1) {
      const t = now();
      const out: Array<{ id: string; body: string; receiptHandle: string; receiveCount: number }> = [];
      for (const m of [...messages]) {
        if (out.length >= maxMessages) break;
        if (t < m.visibleAt) continue;
        m.receiveCount++;
        if (m.receiveCount >= maxReceiveCount) {
          messages = messages.filter((x) => x !== m);
          dead.push({ id: m.id, body: m.body, receiveCount: m.receiveCount });
          continue;
        }
        m.visibleAt = t + visibilityTimeoutMs;
        m.receiptHandle = `rh-${seq++}`;
        out.push({ id: m.id, body: m.body, receiptHandle: m.receiptHandle, receiveCount: m.receiveCount });
      }
      return out;
    },
    delete(receiptHandle: string) {
      const m = messages.find((x) => x.receiptHandle === receiptHandle);
      if (!m || now() >= m.visibleAt) return false;
      messages = messages.filter((x) => x !== m);
      return true;
    },
    deadLetters() {
      return dead.slice();
    },
  };
}

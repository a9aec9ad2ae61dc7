// Plausible but wrong: maps every receipt handle ever issued to its message and lets any of them
// delete it, at any time. A slow consumer whose visibility timeout expired can then delete a
// message that was redelivered to (and is being processed by) another consumer.
type Stored = { id: string; body: string; receiveCount: number; visibleAt: number };

export function createQueue({ now, visibilityTimeoutMs, maxReceiveCount }: { now: () => number; visibilityTimeoutMs: number; maxReceiveCount: number }) {
  let messages: Stored[] = [];
  const dead: Array<{ id: string; body: string; receiveCount: number }> = [];
  const handles = new Map<string, string>(); // receipt handle → message id
  let seq = 1;
  return {
    send(body: string) {
      const id = `msg-${seq++}`;
      messages.push({ id, body, receiveCount: 0, visibleAt: 0 });
      return id;
    },
    receive(maxMessages = 1) {
      const t = now();
      const out: Array<{ id: string; body: string; receiptHandle: string; receiveCount: number }> = [];
      for (const m of [...messages]) {
        if (out.length >= maxMessages) break;
        if (t < m.visibleAt) continue;
        if (m.receiveCount >= maxReceiveCount) {
          messages = messages.filter((x) => x !== m);
          dead.push({ id: m.id, body: m.body, receiveCount: m.receiveCount });
          continue;
        }
        m.receiveCount++;
        m.visibleAt = t + visibilityTimeoutMs;
        const receiptHandle = `rh-${seq++}`;
        handles.set(receiptHandle, m.id);
        out.push({ id: m.id, body: m.body, receiptHandle, receiveCount: m.receiveCount });
      }
      return out;
    },
    delete(receiptHandle: string) {
      const id = handles.get(receiptHandle);
      const before = messages.length;
      messages = messages.filter((m) => m.id !== id);
      return messages.length < before;
    },
    deadLetters() {
      return dead.slice();
    },
  };
}

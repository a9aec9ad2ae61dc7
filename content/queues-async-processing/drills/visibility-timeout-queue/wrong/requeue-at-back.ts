// Plausible but wrong: keeps a "ready" list and an "in flight" list, and when a message's
// visibility timeout expires it is pushed onto the *back* of the ready list. A message that was
// redelivered then waits behind everything sent after it, so the oldest visible message is no
// longer received first (and a slow, often-failing message keeps being overtaken).
type Stored = { id: string; body: string; receiveCount: number; visibleAt: number; receiptHandle: string | null };

export function createQueue({ now, visibilityTimeoutMs, maxReceiveCount }: { now: () => number; visibilityTimeoutMs: number; maxReceiveCount: number }) {
  let ready: Stored[] = [];
  let inFlight: Stored[] = [];
  const dead: Array<{ id: string; body: string; receiveCount: number }> = [];
  let seq = 1;
  const requeueExpired = () => {
    const t = now();
    for (const m of inFlight.filter((x) => t >= x.visibleAt)) ready.push(m);
    inFlight = inFlight.filter((x) => t < x.visibleAt);
  };
  return {
    send(body: string) {
      const id = `msg-${seq++}`;
      ready.push({ id, body, receiveCount: 0, visibleAt: 0, receiptHandle: null });
      return id;
    },
    receive(maxMessages = 1) {
      requeueExpired();
      const out: Array<{ id: string; body: string; receiptHandle: string; receiveCount: number }> = [];
      while (out.length < maxMessages && ready.length > 0) {
        const m = ready.shift()!;
        if (m.receiveCount >= maxReceiveCount) {
          dead.push({ id: m.id, body: m.body, receiveCount: m.receiveCount });
          continue;
        }
        m.receiveCount++;
        m.visibleAt = now() + visibilityTimeoutMs;
        m.receiptHandle = `rh-${seq++}`;
        inFlight.push(m);
        out.push({ id: m.id, body: m.body, receiptHandle: m.receiptHandle, receiveCount: m.receiveCount });
      }
      return out;
    },
    delete(receiptHandle: string) {
      const m = inFlight.find((x) => x.receiptHandle === receiptHandle);
      if (!m || now() >= m.visibleAt) return false;
      inFlight = inFlight.filter((x) => x !== m);
      return true;
    },
    deadLetters() {
      return dead.slice();
    },
  };
}

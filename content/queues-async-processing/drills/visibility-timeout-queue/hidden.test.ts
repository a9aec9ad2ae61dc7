const options = (t: any, extra: object = {}) => ({ now: t.clock.now, visibilityTimeoutMs: 30_000, maxReceiveCount: 5, ...extra });

test("a handle from an earlier receive cannot delete", { category: "rejects stale receipt handles" }, async (t) => {
  const q = t.exports.createQueue(options(t));
  q.send("a");
  const [first] = q.receive();
  await t.clock.advance(30_000);
  const [second] = q.receive(); // redelivered, perhaps to another consumer
  t.assert.equal(q.delete(first.receiptHandle), false, "delete with the first (stale) handle");
  t.assert.equal(q.delete(second.receiptHandle), true, "delete with the current handle");
});

test("a handle stops working when the visibility timeout expires", { category: "a receipt handle expires with its visibility timeout" }, async (t) => {
  const q = t.exports.createQueue(options(t));
  q.send("a");
  q.send("b");
  const [a, b] = q.receive(2);
  await t.clock.advance(29_999);
  t.assert.equal(q.delete(a.receiptHandle), true, "delete 1 ms before the timeout");
  await t.clock.advance(1);
  t.assert.equal(q.delete(b.receiptHandle), false, "delete exactly at the timeout");
  const again = q.receive(5);
  t.assert.equal(again.map((m: any) => [m.body, m.receiveCount]), [["b", 2]], "b is delivered again; a is gone");
});

test("unknown or used handles delete nothing", { category: "rejects stale receipt handles" }, (t) => {
  const q = t.exports.createQueue(options(t));
  q.send("a");
  q.send("b");
  const [a] = q.receive();
  t.assert.equal(q.delete("not-a-handle"), false, "an unknown handle");
  t.assert.equal(q.delete(a.receiptHandle), true, "the first delete");
  t.assert.equal(q.delete(a.receiptHandle), false, "the same handle again");
  t.assert.equal(q.receive(5).map((m: any) => m.body), ["b"], "b is untouched");
});

test("every receive issues a new receipt handle", { category: "rejects stale receipt handles" }, async (t) => {
  const q = t.exports.createQueue(options(t, { maxReceiveCount: 10 }));
  q.send("a");
  q.send("b");
  const seen = new Set<string>();
  let count = 0;
  for (let i = 0; i < 6; i++) {
    for (const m of q.receive(2)) {
      seen.add(m.receiptHandle);
      count++;
    }
    await t.clock.advance(30_000);
  }
  t.assert.equal(count, 12, "messages received");
  t.assert.equal(seen.size, 12, "distinct receipt handles");
});

test("a message goes to the dead-letter list after maxReceiveCount receives", { category: "moves a message to the dead-letter list after maxReceiveCount receives" }, async (t) => {
  const q = t.exports.createQueue(options(t, { maxReceiveCount: 3 }));
  const id = q.send("poison");
  const counts: number[] = [];
  for (let i = 0; i < 5; i++) {
    for (const m of q.receive()) counts.push(m.receiveCount);
    await t.clock.advance(30_000);
  }
  t.assert.equal(counts, [1, 2, 3], "receive counts of the deliveries");
  t.assert.equal(q.deadLetters(), [{ id, body: "poison", receiveCount: 3 }], "dead letters");
});

test("maxReceiveCount 1 delivers once", { category: "moves a message to the dead-letter list after maxReceiveCount receives" }, async (t) => {
  const q = t.exports.createQueue(options(t, { maxReceiveCount: 1 }));
  q.send("a");
  t.assert.equal(q.receive().map((m: any) => m.receiveCount), [1], "first receive");
  t.assert.equal(q.deadLetters(), [], "dead letters while it is in flight");
  await t.clock.advance(30_000);
  t.assert.equal(q.receive(), [], "second receive");
  t.assert.equal(q.deadLetters().map((d: any) => d.body), ["a"], "dead letters");
});

test("a dead-lettered message does not stop the next one being delivered", { category: "keeps delivering other messages when one is dead-lettered" }, async (t) => {
  const q = t.exports.createQueue(options(t, { maxReceiveCount: 2 }));
  q.send("poison");
  q.receive();
  await t.clock.advance(30_000);
  q.receive();
  await t.clock.advance(30_000);
  q.send("good");
  t.assert.equal(q.receive().map((m: any) => m.body), ["good"], "receive(1) after poison used up its receives");
  t.assert.equal(q.deadLetters().map((d: any) => [d.body, d.receiveCount]), [["poison", 2]], "dead letters");
});

test("deleted messages never reach the dead-letter list", { category: "moves a message to the dead-letter list after maxReceiveCount receives" }, async (t) => {
  const q = t.exports.createQueue(options(t, { maxReceiveCount: 2 }));
  q.send("a");
  q.send("b");
  q.receive(2);
  await t.clock.advance(30_000);
  const second = q.receive(2);
  const a = second.find((m: any) => m.body === "a");
  t.assert.ok(a, "a is delivered a second time (maxReceiveCount 2)");
  q.delete(a.receiptHandle);
  await t.clock.advance(30_000);
  t.assert.equal(q.receive(2), [], "nothing left to deliver");
  t.assert.equal(q.deadLetters().map((d: any) => d.body), ["b"], "dead letters");
});

test("a redelivered message keeps its place in send order", { category: "receives the oldest visible messages first, redeliveries included" }, async (t) => {
  const q = t.exports.createQueue(options(t));
  q.send("a");
  q.send("b");
  q.send("c");
  t.assert.equal(q.receive().map((m: any) => m.body), ["a"], "first receive(1)");
  await t.clock.advance(30_000); // a was not deleted and is visible again
  t.assert.equal(q.receive(3).map((m: any) => [m.body, m.receiveCount]), [["a", 2], ["b", 1], ["c", 1]], "receive(3) once a is visible again");
});

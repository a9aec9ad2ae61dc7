const options = (t: any, extra: object = {}) => ({ now: t.clock.now, visibilityTimeoutMs: 30_000, maxReceiveCount: 5, ...extra });

test("a received message is hidden until its visibility timeout expires", async (t) => {
  const q = t.exports.createQueue(options(t));
  const id = q.send("resize img-1");
  const first = q.receive();
  t.assert.equal(first.length, 1, "messages from the first receive");
  t.assert.equal([first[0].id, first[0].body, first[0].receiveCount], [id, "resize img-1", 1], "id, body and receiveCount");
  t.assert.equal(q.receive(), [], "receive while the message is in flight");
  await t.clock.advance(29_999);
  t.assert.equal(q.receive(), [], "receive after 29,999 ms");
  await t.clock.advance(1);
  const again = q.receive();
  t.assert.equal(again.map((m: any) => [m.id, m.receiveCount]), [[id, 2]], "receive after 30,000 ms: the same message, received twice");
  t.assert.notEqual(again[0].receiptHandle, first[0].receiptHandle, "the second receive's receipt handle");
});

test("delete with the receipt handle removes the message for good", async (t) => {
  const q = t.exports.createQueue(options(t));
  q.send("charge order-7");
  const [m] = q.receive();
  await t.clock.advance(10_000);
  t.assert.equal(q.delete(m.receiptHandle), true, "delete 10 s after the receive");
  await t.clock.advance(60_000);
  t.assert.equal(q.receive(), [], "receive a minute later");
});

test("receives the oldest visible messages first, up to maxMessages", async (t) => {
  const q = t.exports.createQueue(options(t));
  q.send("a");
  q.send("b");
  q.send("c");
  t.assert.equal(q.receive(2).map((m: any) => m.body), ["a", "b"], "receive(2)");
  t.assert.equal(q.receive(5).map((m: any) => m.body), ["c"], "receive(5) while a and b are in flight");
  t.assert.equal(q.receive(5), [], "everything is in flight");
});

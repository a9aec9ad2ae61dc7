// FNV-1a (32-bit) with a final avalanche mix (murmur3 fmix32), so similar labels spread out.
function fnv1a(input: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < input.length; i++) {
    h ^= input.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

// A hand-made hash: labels from the table, "@123" → 123, anything else → fnv1a.
function tableHash(positions: Record<string, number>) {
  return (input: string): number => {
    if (input.startsWith("@")) return Number(input.slice(1));
    return input in positions ? positions[input]! : fnv1a(input);
  };
}

const keys = (n: number) => Array.from({ length: n }, (_, i) => `user:${i}`);

test("an empty ring has no owner; a single node owns every key", ({ exports, assert }) => {
  const ring = exports.createHashRing({ hash: fnv1a, virtualNodes: 10 });
  assert.equal(ring.nodeFor("user:1"), undefined, "nodeFor on an empty ring");
  ring.addNode("db-1");
  const owners = new Set(keys(200).map((k) => ring.nodeFor(k)));
  assert.equal([...owners], ["db-1"], "owners of 200 keys on a one-node ring");
});

test("a key belongs to the first point at or after its hash", ({ exports, assert }) => {
  const ring = exports.createHashRing({ hash: tableHash({ "A#0": 100, "B#0": 200, "C#0": 300 }), virtualNodes: 1 });
  ring.addNode("A");
  ring.addNode("B");
  ring.addNode("C");
  assert.equal(ring.nodeFor("@50"), "A", "key at 50");
  assert.equal(ring.nodeFor("@150"), "B", "key at 150");
  assert.equal(ring.nodeFor("@200"), "B", "key exactly at B's point (200)");
  assert.equal(ring.nodeFor("@350"), "A", "key at 350, past the highest point");
});

test("placement is deterministic and uses every node", ({ exports, assert }) => {
  const ring = exports.createHashRing({ hash: fnv1a, virtualNodes: 50 });
  for (const n of ["db-3", "db-1", "db-2"]) ring.addNode(n);
  assert.equal(ring.nodes(), ["db-1", "db-2", "db-3"], "nodes() is sorted");
  const first = keys(3000).map((k) => ring.nodeFor(k));
  const second = keys(3000).map((k) => ring.nodeFor(k));
  assert.equal(first.join(","), second.join(","), "the same keys map to the same nodes twice");
  assert.equal(new Set(first).size, 3, "distinct owners of 3000 keys");
});

test("a removed node owns no keys", ({ exports, assert }) => {
  const ring = exports.createHashRing({ hash: fnv1a, virtualNodes: 50 });
  for (const n of ["db-1", "db-2", "db-3"]) ring.addNode(n);
  ring.removeNode("db-2");
  const owners = new Set(keys(3000).map((k) => ring.nodeFor(k)));
  assert.equal(owners.has("db-2"), false, "db-2 still owns keys after removal");
  assert.equal(ring.nodes(), ["db-1", "db-3"], "nodes after removal");
});

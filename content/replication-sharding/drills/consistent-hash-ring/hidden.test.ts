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

test("walks clockwise to the first point at or after the key and wraps around", { category: "walks clockwise to the first point at or after the key, wrapping around" }, ({ exports, assert }) => {
  const ring = exports.createHashRing({ hash: tableHash({ "A#0": 7, "B#0": 60, "C#0": 900, "D#0": 4_000_000_000 }), virtualNodes: 1 });
  for (const n of ["C", "A", "D", "B"]) ring.addNode(n);
  const cases: Array<[string, string]> = [
    ["@0", "A"],
    ["@7", "A"],
    ["@8", "B"],
    ["@60", "B"],
    ["@61", "C"],
    ["@901", "D"],
    ["@3999999999", "D"],
    ["@4000000001", "A"],
    ["@4294967295", "A"],
  ];
  assert.equal(cases.map(([k]) => ring.nodeFor(k)), cases.map(([, n]) => n), "owners of keys at 0, 7, 8, 60, 61, 901, 3999999999, 4000000001, 4294967295");
});

test("every virtual node is a point on the ring", { category: "places a node's virtual nodes at hash(`node#i`)" }, ({ exports, assert }) => {
  const ring = exports.createHashRing({
    hash: tableHash({ "A#0": 100, "A#1": 400, "A#2": 700, "B#0": 200, "B#1": 500, "B#2": 800, "C#0": 300, "C#1": 600, "C#2": 900 }),
    virtualNodes: 3,
  });
  for (const n of ["A", "B", "C"]) ring.addNode(n);
  const probe = ["@150", "@250", "@350", "@450", "@550", "@650", "@750", "@850", "@950"];
  assert.equal(probe.map((k) => ring.nodeFor(k)), ["B", "C", "A", "B", "C", "A", "B", "C", "A"], "owners between the nine points");
  ring.removeNode("B");
  assert.equal(probe.map((k) => ring.nodeFor(k)), ["C", "C", "A", "C", "C", "A", "C", "C", "A"], "owners after removing B");
});

test("ties and insertion order do not change placement", { category: "breaks ties by node name, independent of insertion order" }, ({ exports, assert }) => {
  const tied = tableHash({ "A#0": 500, "B#0": 500, "C#0": 1000 });
  for (const order of [["A", "B", "C"], ["C", "B", "A"], ["B", "C", "A"]]) {
    const ring = exports.createHashRing({ hash: tied, virtualNodes: 1 });
    for (const n of order) ring.addNode(n);
    assert.equal([ring.nodeFor("@400"), ring.nodeFor("@500"), ring.nodeFor("@501")], ["A", "A", "C"], `owners around a shared point, added in order ${order.join(",")}`);
  }
  // A coarse hash with only 97 positions: many virtual nodes collide.
  const coarse = (s: string) => fnv1a(s) % 97;
  const build = (order: string[]) => {
    const ring = exports.createHashRing({ hash: coarse, virtualNodes: 20 });
    for (const n of order) ring.addNode(n);
    return keys(500).map((k) => ring.nodeFor(k)).join(",");
  };
  const reference = build(["n1", "n2", "n3", "n4"]);
  assert.equal(build(["n4", "n3", "n2", "n1"]), reference, "reverse insertion order gives the same placement");
  assert.equal(build(["n3", "n1", "n4", "n2"]), reference, "shuffled insertion order gives the same placement");
  const again = exports.createHashRing({ hash: coarse, virtualNodes: 20 });
  for (const n of ["n1", "n2", "n3", "n4", "n5"]) again.addNode(n);
  again.removeNode("n5");
  assert.equal(keys(500).map((k) => again.nodeFor(k)).join(","), reference, "adding then removing n5 gives the same placement");
});

test("adding a node moves about 1/(N+1) of the keys, all to the new node", { category: "adding a node moves only about 1/(N+1) of the keys, all to the new node" }, ({ exports, assert }) => {
  const ks = keys(20_000);
  for (const n of [4, 8]) {
    const ring = exports.createHashRing({ hash: fnv1a, virtualNodes: 100 });
    for (let i = 1; i <= n; i++) ring.addNode(`node-${i}`);
    const before = ks.map((k) => ring.nodeFor(k));
    ring.addNode("node-new");
    const after = ks.map((k) => ring.nodeFor(k));
    let moved = 0;
    let movedElsewhere = 0;
    for (let i = 0; i < ks.length; i++) {
      if (after[i] === before[i]) continue;
      moved++;
      if (after[i] !== "node-new") movedElsewhere++;
    }
    assert.equal(movedElsewhere, 0, `keys that moved between old nodes when going from ${n} to ${n + 1} nodes`);
    const fraction = moved / ks.length;
    assert.atLeast(fraction, 0.5 / (n + 1), `fraction of keys moved going from ${n} to ${n + 1} nodes`);
    assert.atMost(fraction, 1.5 / (n + 1), `fraction of keys moved going from ${n} to ${n + 1} nodes`);
  }
});

test("removing a node moves only its keys, and adding it back restores placement", { category: "removing a node moves only that node's keys" }, ({ exports, assert }) => {
  const ks = keys(20_000);
  const ring = exports.createHashRing({ hash: fnv1a, virtualNodes: 100 });
  for (let i = 1; i <= 6; i++) ring.addNode(`node-${i}`);
  const before = ks.map((k) => ring.nodeFor(k));
  assert.atLeast(before.filter((n) => n === "node-3").length, 1, "keys on node-3 before its removal");
  ring.removeNode("node-3");
  const after = ks.map((k) => ring.nodeFor(k));
  let wrongMoves = 0;
  let stillOnRemoved = 0;
  for (let i = 0; i < ks.length; i++) {
    if (after[i] === "node-3") stillOnRemoved++;
    if (before[i] !== "node-3" && after[i] !== before[i]) wrongMoves++;
  }
  assert.equal(stillOnRemoved, 0, "keys still placed on the removed node");
  assert.equal(wrongMoves, 0, "keys of other nodes that moved when node-3 was removed");
  ring.addNode("node-3");
  const restored = ks.map((k) => ring.nodeFor(k));
  assert.equal(restored.join(",") === before.join(","), true, "adding node-3 back restores the original placement");
});

test("virtual nodes spread keys evenly", { category: "spreads keys evenly with virtual nodes" }, ({ exports, assert }) => {
  const ring = exports.createHashRing({ hash: fnv1a, virtualNodes: 200 });
  for (let i = 1; i <= 5; i++) ring.addNode(`node-${i}`);
  const counts = new Map<string, number>();
  for (const k of keys(20_000)) {
    const n = ring.nodeFor(k);
    counts.set(n, (counts.get(n) ?? 0) + 1);
  }
  assert.equal([...counts.keys()].sort(), ["node-1", "node-2", "node-3", "node-4", "node-5"], "nodes that own keys");
  const fair = 20_000 / 5;
  for (const [node, c] of counts) {
    assert.atLeast(c / fair, 0.85, `${node}'s share relative to a fair fifth`);
    assert.atMost(c / fair, 1.15, `${node}'s share relative to a fair fifth`);
  }
});

test("duplicate adds and unknown removes are no-ops; removing every node empties the ring", { category: "handles duplicate adds, unknown removes and an empty ring" }, ({ exports, assert }) => {
  const ring = exports.createHashRing({ hash: fnv1a, virtualNodes: 30 });
  ring.addNode("b");
  ring.addNode("a");
  const before = keys(1000).map((k) => ring.nodeFor(k)).join(",");
  ring.addNode("a");
  ring.removeNode("zzz");
  assert.equal(ring.nodes(), ["a", "b"], "nodes after a duplicate add and an unknown remove");
  assert.equal(keys(1000).map((k) => ring.nodeFor(k)).join(",") === before, true, "placement unchanged");
  ring.removeNode("a");
  assert.equal(new Set(keys(200).map((k) => ring.nodeFor(k))).size, 1, "one node left owns everything");
  ring.removeNode("b");
  assert.equal([ring.nodeFor("user:1"), ring.nodes()], [undefined, []], "after removing every node");
  ring.addNode("c");
  assert.equal(ring.nodeFor("user:1"), "c", "a node added to an emptied ring");
});

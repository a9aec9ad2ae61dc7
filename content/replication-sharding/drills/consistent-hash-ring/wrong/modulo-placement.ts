// Plausible but wrong: "hash the key and take it modulo the number of nodes". Placement is
// even and stable while the node set is fixed, but adding or removing one node changes the
// divisor and reshuffles most keys between nodes that did not change at all.
export type HashFn = (input: string) => number;
export type HashRingOptions = { hash: HashFn; virtualNodes: number };

export function createHashRing({ hash }: HashRingOptions) {
  const members = new Set<string>();
  return {
    addNode(node: string) {
      members.add(node);
    },
    removeNode(node: string) {
      members.delete(node);
    },
    nodeFor(key: string): string | undefined {
      const list = [...members].sort();
      if (list.length === 0) return undefined;
      return list[hash(key) % list.length];
    },
    nodes: () => [...members].sort(),
  };
}

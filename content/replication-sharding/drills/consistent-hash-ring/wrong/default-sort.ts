// Plausible but wrong: keeps point positions in a number array but sorts it with `.sort()`,
// which compares numbers as strings ("1000" < "200"). The binary search then runs over an
// array that is not in numeric order, so keys land on the wrong points, and adding a node can
// move keys between nodes that did not change.
export type HashFn = (input: string) => number;
export type HashRingOptions = { hash: HashFn; virtualNodes: number };

export function createHashRing({ hash, virtualNodes }: HashRingOptions) {
  const members = new Set<string>();
  let positions: number[] = [];
  const owner = new Map<number, string>();
  return {
    addNode(node: string) {
      if (members.has(node)) return;
      members.add(node);
      for (let i = 0; i < virtualNodes; i++) {
        const p = hash(`${node}#${i}`);
        positions.push(p);
        if (!owner.has(p) || node < owner.get(p)!) owner.set(p, node);
      }
      positions.sort();
    },
    removeNode(node: string) {
      if (!members.delete(node)) return;
      positions = positions.filter((p) => owner.get(p) !== node);
      for (const [p, n] of owner) if (n === node) owner.delete(p);
    },
    nodeFor(key: string): string | undefined {
      if (positions.length === 0) return undefined;
      const h = hash(key);
      let lo = 0;
      let hi = positions.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (positions[mid]! < h) lo = mid + 1;
        else hi = mid;
      }
      return owner.get(positions[lo === positions.length ? 0 : lo]!);
    },
    nodes: () => [...members].sort(),
  };
}

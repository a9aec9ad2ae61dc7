// Plausible but wrong: sorts the points numerically but only by position. When two points
// share a position, the stable sort keeps them in insertion order, so the owner of a key at
// that position depends on which node was added first, and two clients that add the same
// nodes in a different order route some keys differently.
export type HashFn = (input: string) => number;
export type HashRingOptions = { hash: HashFn; virtualNodes: number };

export function createHashRing({ hash, virtualNodes }: HashRingOptions) {
  const members = new Set<string>();
  let points: Array<{ pos: number; node: string }> = [];
  return {
    addNode(node: string) {
      if (members.has(node)) return;
      members.add(node);
      for (let i = 0; i < virtualNodes; i++) points.push({ pos: hash(`${node}#${i}`), node });
      points.sort((a, b) => a.pos - b.pos);
    },
    removeNode(node: string) {
      if (!members.delete(node)) return;
      points = points.filter((p) => p.node !== node);
    },
    nodeFor(key: string): string | undefined {
      if (points.length === 0) return undefined;
      const h = hash(key);
      let lo = 0;
      let hi = points.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (points[mid]!.pos < h) lo = mid + 1;
        else hi = mid;
      }
      return points[lo === points.length ? 0 : lo]!.node;
    },
    nodes: () => [...members].sort(),
  };
}

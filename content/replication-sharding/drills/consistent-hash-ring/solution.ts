export type HashFn = (input: string) => number;

export type HashRingOptions = {
  hash: HashFn;
  virtualNodes: number;
};

export type HashRing = {
  addNode(node: string): void;
  removeNode(node: string): void;
  nodeFor(key: string): string | undefined;
  nodes(): string[];
};

type Point = { pos: number; node: string };

const byPosition = (a: Point, b: Point) => a.pos - b.pos || (a.node < b.node ? -1 : a.node > b.node ? 1 : 0);

export function createHashRing({ hash, virtualNodes }: HashRingOptions): HashRing {
  const members = new Set<string>();
  let points: Point[] = []; // sorted by (pos, node)

  /** Index of the first point with pos >= h, or points.length if there is none. */
  const lowerBound = (h: number): number => {
    let lo = 0;
    let hi = points.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (points[mid]!.pos < h) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };

  return {
    addNode(node) {
      if (members.has(node)) return;
      members.add(node);
      for (let i = 0; i < virtualNodes; i++) points.push({ pos: hash(`${node}#${i}`), node });
      points.sort(byPosition);
    },
    removeNode(node) {
      if (!members.delete(node)) return;
      points = points.filter((p) => p.node !== node);
    },
    nodeFor(key) {
      if (points.length === 0) return undefined;
      const i = lowerBound(hash(key));
      return points[i === points.length ? 0 : i]!.node; // past the highest point: wrap around
    },
    nodes: () => [...members].sort(),
  };
}

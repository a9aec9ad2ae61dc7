/** Returns an unsigned 32-bit integer (0 … 2^32 − 1). */
export type HashFn = (input: string) => number;

export type HashRingOptions = {
  hash: HashFn;
  /** Points per node, ≥ 1. Node n's point i is at hash(`${n}#${i}`). */
  virtualNodes: number;
};

export type HashRing = {
  addNode(node: string): void;
  removeNode(node: string): void;
  /** The node of the first point clockwise at or after hash(key); undefined on an empty ring. */
  nodeFor(key: string): string | undefined;
  /** Node names, sorted. */
  nodes(): string[];
};

export function createHashRing(options: HashRingOptions): HashRing {
  const { hash, virtualNodes } = options;
  // Your code here
  return {
    addNode(node: string): void {},
    removeNode(node: string): void {},
    nodeFor(key: string): string | undefined {
      return undefined;
    },
    nodes(): string[] {
      return [];
    },
  };
}

/**
 * One instance per process, even when the same module is bundled twice (the HTTP server bundle and
 * the Remix build) or re-evaluated by a dev rebuild.
 */
export function singleton<T>(name: string, create: () => T): T {
  const store = globalThis as unknown as Record<symbol, T | undefined>;
  const key = Symbol.for(`groundwork.${name}`);
  store[key] ??= create();
  return store[key] as T;
}

export function resetSingleton(name: string): void {
  const store = globalThis as unknown as Record<symbol, unknown>;
  delete store[Symbol.for(`groundwork.${name}`)];
}

export function hasSingleton(name: string): boolean {
  return (globalThis as unknown as Record<symbol, unknown>)[Symbol.for(`groundwork.${name}`)] !== undefined;
}

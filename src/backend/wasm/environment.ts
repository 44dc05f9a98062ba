/**
 * What the host offers, probed without importing any Node module statically (so browser bundles load this
 * file): environment variables, Node built-ins through `process.getBuiltinModule`, core count, and whether
 * this thread may block on `Atomics.wait`.
 */

interface NodeProcessLike {
  env?: Record<string, string | undefined>;
  versions?: { node?: string };
  getBuiltinModule?: (id: string) => unknown;
}

function nodeProcess(): NodeProcessLike | undefined {
  const p = (globalThis as { process?: NodeProcessLike }).process;
  return p?.versions?.node ? p : undefined;
}

/** True under Node.js. */
export function isNode(): boolean {
  return nodeProcess() !== undefined;
}

/** The Node major version, or 0 outside Node. */
export function nodeMajor(): number {
  return Number(nodeProcess()?.versions?.node?.split('.')[0] ?? 0);
}

/** An environment variable under Node; undefined elsewhere. */
export function envVar(name: string): string | undefined {
  return nodeProcess()?.env?.[name];
}

/** A Node built-in module loaded synchronously (Node >= 20.16), or undefined when unavailable. */
export function nodeBuiltin<T>(id: string): T | undefined {
  try {
    return nodeProcess()?.getBuiltinModule?.(id) as T | undefined;
  } catch {
    return undefined;
  }
}

/** Logical cores available to this process. */
export function availableCores(): number {
  const os = nodeBuiltin<{ availableParallelism?: () => number; cpus: () => unknown[] }>('node:os');
  if (os) return os.availableParallelism?.() ?? os.cpus().length;
  const nav = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator;
  return nav?.hardwareConcurrency ?? 1;
}

/** True inside a Node worker thread. */
export function inNodeWorker(): boolean {
  return nodeBuiltin<{ isMainThread: boolean }>('node:worker_threads')?.isMainThread === false;
}

/**
 * True where this thread may block in `Atomics.wait` on shared memory: Node (main thread included) and
 * browser workers of a cross-origin-isolated page. A browser's main thread may not block.
 */
export function canBlock(): boolean {
  if (typeof SharedArrayBuffer === 'undefined' || typeof Atomics === 'undefined') return false;
  if (isNode()) return true;
  const g = globalThis as { crossOriginIsolated?: boolean; WorkerGlobalScope?: abstract new () => unknown };
  return (
    g.crossOriginIsolated === true && g.WorkerGlobalScope !== undefined && globalThis instanceof g.WorkerGlobalScope
  );
}

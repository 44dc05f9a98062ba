import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ConfigError, DataError } from '../../errors/errors.js';
import type { Source } from './source.js';

/** Where `mapInWorkers` finds the function to run: an ES module and the name of one of its exports. */
export interface WorkerMapSpec {
  /** Absolute path or URL of an ES module (plain JavaScript, or TypeScript when running under tsx). */
  module: string | URL;
  /** Name of the exported function `(value) => result | Promise<result>`. */
  exportName: string;
  /** Number of worker threads (default 2). */
  workers?: number;
  /** Elements in flight per worker (default 4). */
  inFlightPerWorker?: number;
}

// Runs inside each worker (CommonJS script, because `eval: true`): load the module, then answer requests.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
import(workerData.module).then((m) => {
  const fn = m[workerData.exportName];
  if (typeof fn !== 'function') {
    parentPort.postMessage({ id: -1, error: 'export "' + workerData.exportName + '" is not a function' });
    return;
  }
  parentPort.on('message', async (msg) => {
    try {
      parentPort.postMessage({ id: msg.id, value: await fn(msg.value) });
    } catch (e) {
      parentPort.postMessage({ id: msg.id, error: String((e && e.message) || e) });
    }
  });
}, (e) => {
  parentPort.postMessage({ id: -1, error: 'cannot load module: ' + String((e && e.message) || e) });
});
`;

interface Pending {
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
}

/**
 * Maps `src` through a function run on worker threads, keeping the order of the elements. Values travel by
 * structured clone (typed arrays are copied). Use it for costly per-element work (decoding, feature
 * hashing); cheap functions are faster with `map`. The workers end when the iteration ends.
 * @throws ConfigError when the module or export cannot be loaded; DataError when the function throws.
 */
export async function* mapInWorkersSource<T, U>(src: Source<T>, spec: WorkerMapSpec): AsyncGenerator<U> {
  const count = spec.workers ?? 2;
  const window = count * (spec.inFlightPerWorker ?? 4);
  const href =
    spec.module instanceof URL
      ? spec.module.href
      : /^[a-z]+:/i.test(spec.module)
        ? spec.module
        : pathToFileURL(spec.module).href;
  const where = `mapInWorkers(${JSON.stringify(href)}, ${JSON.stringify(spec.exportName)})`;
  const pending = new Map<number, Pending>();
  let fatal: unknown;
  const failAll = (e: unknown): void => {
    fatal ??= e;
    for (const p of pending.values()) p.reject(e);
    pending.clear();
  };
  const workers = Array.from({ length: count }, () => {
    const w = new Worker(WORKER_SOURCE, { eval: true, workerData: { module: href, exportName: spec.exportName } });
    w.on('message', (msg: { id: number; value?: unknown; error?: string }) => {
      if (msg.id === -1) {
        failAll(new ConfigError(`${where}: ${msg.error}.`, { module: href, exportName: spec.exportName }));
        return;
      }
      const p = pending.get(msg.id);
      if (p === undefined) return;
      pending.delete(msg.id);
      if (msg.error !== undefined)
        p.reject(new DataError(`${where}: element ${msg.id} failed: ${msg.error}`, { index: msg.id }));
      else p.resolve(msg.value);
    });
    w.on('error', (e) => failAll(new ConfigError(`${where}: worker failed: ${e.message}`)));
    return w;
  });
  const call = (id: number, value: T): Promise<U> =>
    new Promise<U>((resolve, reject) => {
      if (fatal !== undefined) {
        reject(fatal);
        return;
      }
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      (workers[id % count] as Worker).postMessage({ id, value });
    });
  const inflight: Promise<U>[] = [];
  try {
    let id = 0;
    for await (const v of src) {
      const p = call(id++, v);
      p.catch(() => undefined); // awaited in order below; a failure must not count as unhandled meanwhile
      inflight.push(p);
      if (inflight.length >= window) yield await (inflight.shift() as Promise<U>);
    }
    while (inflight.length > 0) yield await (inflight.shift() as Promise<U>);
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

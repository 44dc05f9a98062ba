import { nodeBuiltin } from './environment.js';
import { WORKER_SOURCE, type WorkerStart } from './workerSource.js';

interface NodeWorkerLike {
  unref(): void;
  on(event: 'error', listener: (err: unknown) => void): void;
}

interface NodeWorkerThreads {
  Worker: new (source: string, options: { eval: boolean; workerData: WorkerStart }) => NodeWorkerLike;
}

/**
 * Starts `count` kernel workers on `memory`. Workers start in the background and join phases as they come
 * up (a phase never waits for a worker, only for its tasks), so nothing blocks on their start-up. Node
 * workers are unref'ed: they never keep the process alive, and Node ends them at exit.
 * @returns the number of workers started (0 where the host cannot start any).
 */
export function startWorkers(
  count: number,
  module: WebAssembly.Module,
  memory: WebAssembly.Memory,
  ctrl: number,
  spin: number,
): number {
  const wt = nodeBuiltin<NodeWorkerThreads>('node:worker_threads');
  let started = 0;
  for (let i = 0; i < count; i++) {
    const data: WorkerStart = { module, memory, ctrl, tid: i + 1, spin };
    try {
      if (wt) {
        const worker = new wt.Worker(WORKER_SOURCE, { eval: true, workerData: data });
        worker.on('error', () => {
          // Recorded in the control block by the worker itself; the caller raises it.
        });
        worker.unref();
      } else {
        const url = URL.createObjectURL(new Blob([WORKER_SOURCE], { type: 'text/javascript' }));
        new Worker(url).postMessage(data);
      }
      started++;
    } catch {
      break;
    }
  }
  return started;
}

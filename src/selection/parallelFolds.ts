/**
 * Cross-validation folds on worker threads, for `crossValidate({ nJobs })`, keeping crossValidate synchronous.
 *
 * The model travels as its saved JSON (`toJSON`), dense X as float64 in one SharedArrayBuffer that every worker
 * views without copying, y, weights and the splits by structured clone. Each worker rebuilds the model with
 * `loadEstimator` (foldWorker.ts), then worker threads *and the calling thread* claim folds from a shared atomic
 * counter, so a slow worker start (module loading) costs nothing: the calling thread simply takes more folds.
 * The calling thread blocks in `Atomics.wait` for the folds the workers took and reads their results with
 * `receiveMessageOnPort`. Fits see the same data, parameters and seeds as in one thread, so seeded models give
 * the same scores for any `nJobs`.
 *
 * Only Node (>= 20.16, for `process.getBuiltinModule`) runs folds in workers; elsewhere, and for models or
 * scorers that cannot be sent (function-valued parameters, scorer functions, X that is neither numeric, sparse
 * nor a plain column table), folds run in the calling thread with a `ParallelFallback` warning.
 */
import { DataError, ConfigError, DTypeError, NotFittedError, ShapeError, ValueError } from '../errors/errors.js';
import { availableCores, canBlock, nodeBuiltin } from '../backend/wasm/environment.js';
import type { MatrixLike } from '../estimators/base/matrixLike.js';
import { loadEstimator } from '../estimators/base/persistence.js';
import { isDenseMatrixLike, isTable } from '../estimators/base/matrixLike.js';
import { CsrMatrix } from '../tensor/CsrMatrix.js';
import { Tensor } from '../tensor/Tensor.js';
import { type LsmlWarning, warn } from '../util/warnings.js';
import type { ErrorScore, FitAndScoreResult } from './fitAndScore.js';
import type { ModelLike, Target } from './ModelLike.js';
import type { Scoring } from './scorers.js';
import type { Split } from './Splitter.js';

/** X as sent to the workers. */
export type SharedMatrix =
  | { kind: 'dense'; rows: number; cols: number; buffer: SharedArrayBuffer }
  | { kind: 'csr'; rows: number; cols: number; indptr: Int32Array; indices: Int32Array; values: Float64Array }
  | { kind: 'clone'; value: unknown };

/** What each worker receives (structured clone; `ctrl` and the dense buffer are shared). */
export interface FoldWorkerData {
  /** Control words: [0] next fold to claim, [1] workers finished, [2] wake-up counter. */
  ctrl: SharedArrayBuffer;
  port: MessagePortLike;
  /** The model's saved JSON text. */
  estimator: string;
  X: SharedMatrix;
  y: unknown;
  splits: Split[];
  scoring: Scoring;
  returnTrainScore: boolean;
  returnEstimator: boolean;
  errorScore: ErrorScore;
  sampleWeight: ArrayLike<number> | undefined;
}

/** A message from a worker. */
export type FoldMessage =
  | {
      kind: 'result';
      fold: number;
      testScores: Record<string, number>;
      trainScores?: Record<string, number>;
      fitTime: number;
      scoreTime: number;
      /** The fitted clone's JSON text (with returnEstimator). */
      estimator?: string;
      warnings: LsmlWarning[];
    }
  | { kind: 'raise'; fold: number; name: string; message: string; warnings: LsmlWarning[] }
  | { kind: 'loadError'; message: string };

/** The part of a MessagePort used here. */
export interface MessagePortLike {
  postMessage(msg: unknown): void;
  close(): void;
}
interface WorkerLike {
  terminate(): Promise<number>;
  unref(): void;
}
interface WorkerThreadsLike {
  Worker: new (source: string, options: { eval: true; workerData: unknown; transferList: unknown[] }) => WorkerLike;
  MessageChannel: new () => { port1: MessagePortLike; port2: MessagePortLike };
  receiveMessageOnPort(port: MessagePortLike): { message: unknown } | undefined;
}

/** What one fold produced, whichever thread ran it. */
export interface FoldOutcome {
  result: Pick<FitAndScoreResult, 'testScores' | 'trainScores' | 'fitTime' | 'scoreTime'>;
  /** The fitted model (with returnEstimator). */
  model?: ModelLike;
}

// Runs inside each worker (CommonJS, because `eval: true`): register tsx when the worker module is TypeScript
// (running from sources, e.g. under Vitest), import the user's setup modules, then the fold worker. Whatever
// happens, the worker counts itself finished and wakes the calling thread, so it never waits for a dead worker.
const BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
const ctrl = new Int32Array(workerData.data.ctrl);
let finished = false;
const finish = () => {
  if (finished) return;
  finished = true;
  Atomics.add(ctrl, 1, 1);
  Atomics.add(ctrl, 2, 1);
  Atomics.notify(ctrl, 2);
};
process.on('exit', finish);
(async () => {
  if (workerData.module.endsWith('.ts')) {
    // tsx's ESM API, found from the sources' own node_modules whatever the working directory.
    const path = require('node:path');
    const pkg = require('node:module').createRequire(workerData.module).resolve('tsx/package.json');
    const api = path.join(path.dirname(pkg), require(pkg).exports['./esm/api'].import.default);
    (await import(require('node:url').pathToFileURL(api).href)).register();
  }
  for (const m of workerData.setup) await import(m);
  (await import(workerData.module)).runFoldWorker(workerData.data);
})().catch((e) => {
  workerData.data.port.postMessage({ kind: 'loadError', message: String((e && e.message) || e) });
}).finally(finish);
`;

const ERRORS: Record<string, new (message: string) => Error> = {
  ShapeError,
  DTypeError,
  ConfigError,
  NotFittedError,
  DataError,
  ValueError,
};

/** The number of threads `nJobs` asks for: null → 1, -1 → every core, -k → cores + 1 − k (joblib's rule). */
export function resolveNJobs(nJobs: number | null): number {
  if (nJobs === null || nJobs === 0) return 1;
  if (nJobs > 0) return nJobs;
  return Math.max(1, availableCores() + 1 + nJobs);
}

/** True when `v` (a parameter value, possibly nested) holds a function: such a model cannot be sent as JSON. */
function holdsFunction(v: unknown, depth = 0): boolean {
  if (typeof v === 'function') return true;
  if (depth > 8 || v === null || typeof v !== 'object') return false;
  if (Array.isArray(v)) return v.some((x) => holdsFunction(x, depth + 1));
  const est = v as { getParams?: (deep: boolean) => Record<string, unknown> };
  if (typeof est.getParams === 'function') return holdsFunction(est.getParams(true), depth + 1);
  if (Object.getPrototypeOf(v) !== Object.prototype) return false;
  return Object.values(v).some((x) => holdsFunction(x, depth + 1));
}

function sendableScoring(s: Scoring): boolean {
  if (s === null || s === undefined || typeof s === 'string') return true;
  if (typeof s === 'function') return false;
  return Object.values(s).every((x) => typeof x === 'string');
}

/** X in a form the workers can read, or null. Dense numbers go to shared memory. */
function shareMatrix(X: MatrixLike): SharedMatrix | null {
  if (X instanceof CsrMatrix) {
    return {
      kind: 'csr',
      rows: X.rows,
      cols: X.cols,
      indptr: Int32Array.from(X.indptr),
      indices: Int32Array.from(X.indices),
      values: Float64Array.from(X.values),
    };
  }
  const dense = (rows: number, cols: number, fill: (out: Float64Array) => void): SharedMatrix => {
    const buffer = new SharedArrayBuffer(rows * cols * 8);
    fill(new Float64Array(buffer));
    return { kind: 'dense', rows, cols, buffer };
  };
  if (X instanceof Tensor) {
    if (X.rank !== 2) return null;
    return dense(X.shape[0] as number, X.shape[1] as number, (out) => out.set(X.data as ArrayLike<number>));
  }
  if (isDenseMatrixLike(X)) return dense(X.rows, X.cols, (out) => out.set(X.data));
  if (isTable(X)) return { kind: 'clone', value: X };
  if (Array.isArray(X)) {
    const rows = X as readonly ArrayLike<unknown>[];
    const cols = rows.length > 0 ? (rows[0] as ArrayLike<unknown>).length : 0;
    const numeric = rows.every(
      (r) =>
        r !== null &&
        typeof r === 'object' &&
        r.length === cols &&
        Array.prototype.every.call(r, (v: unknown) => typeof v === 'number' || v === null),
    );
    // Ragged or non-numeric rows go as they are: the model reports them exactly as in one thread.
    if (!numeric) return { kind: 'clone', value: X };
    return dense(rows.length, cols, (out) => {
      rows.forEach((r, i) => {
        for (let j = 0; j < cols; j++) {
          const v = r[j] as number | null;
          out[i * cols + j] = v === null ? NaN : v;
        }
      });
    });
  }
  return null;
}

/** Everything `runFolds` needs to fit and score one fold. */
export interface FoldTask {
  model: ModelLike;
  X: MatrixLike;
  y: Target;
  splits: Split[];
  scoring: Scoring;
  returnTrainScore: boolean;
  returnEstimator: boolean;
  errorScore: ErrorScore;
  sampleWeight: ArrayLike<number> | undefined;
  /** Modules each worker imports first (URLs or absolute paths), to register user classes or model builders. */
  workerModules: readonly string[];
}

/** Why the folds cannot run on workers, or null when they can. */
function obstacle(task: FoldTask, threads: WorkerThreadsLike | undefined): string | null {
  if (threads === undefined) return 'worker threads are not available here (they need Node >= 20.16)';
  if (!canBlock()) return 'this thread may not block on Atomics.wait';
  if (holdsFunction(task.model.getParams(false))) {
    return `${task.model.className ?? 'the model'} has a function-valued parameter, which cannot be sent to a worker (register it by name where the estimator allows, e.g. registerKerasModel)`;
  }
  if (!sendableScoring(task.scoring)) return 'scorer functions cannot be sent to a worker; use scorer names';
  return null;
}

/**
 * Runs `fold(i)` for every split, on up to `nThreads` threads (the calling one included) when the task can be
 * sent to workers, else in the calling thread (with a `ParallelFallback` warning saying why).
 * @param runLocal fits and scores fold i in the calling thread (the sequential path)
 * @param callerTakesFolds whether the calling thread claims folds too (default true; false leaves every fold to
 *   the workers, for tests)
 * @returns one outcome per split, in split order
 * @throws the first fold's error (rebuilt with its type) when `errorScore` is 'raise'
 */
export function runFolds(
  task: FoldTask,
  nThreads: number,
  runLocal: (fold: number) => FoldOutcome,
  { callerTakesFolds = true }: { callerTakesFolds?: boolean } = {},
): FoldOutcome[] {
  const n = task.splits.length;
  const outcomes: (FoldOutcome | undefined)[] = Array.from({ length: n }, () => undefined);
  const sequential = (): FoldOutcome[] => task.splits.map((_, i) => runLocal(i));
  const workers = Math.min(nThreads, n) - 1;
  if (workers < 1) return sequential();
  const threads = nodeBuiltin<WorkerThreadsLike>('node:worker_threads');
  let why = obstacle(task, threads);
  let estimator = '';
  let X: SharedMatrix | null = null;
  if (why === null) {
    try {
      estimator = JSON.stringify((task.model as unknown as { toJSON(): unknown }).toJSON());
    } catch (err) {
      why = `the model cannot be saved: ${(err as Error).message}`;
    }
    X = shareMatrix(task.X);
    if (X === null) why ??= 'X is neither numeric, sparse nor a column table';
  }
  if (why !== null || threads === undefined || X === null) {
    warn('ParallelFallback', `crossValidate: folds run in the calling thread: ${why}.`);
    return sequential();
  }
  const ctrl = new SharedArrayBuffer(12);
  const words = new Int32Array(ctrl);
  const module = new URL(import.meta.url.endsWith('.ts') ? './foldWorker.ts' : './foldWorker.js', import.meta.url).href;
  const url = nodeBuiltin<{ pathToFileURL(path: string): URL }>('node:url');
  // Paths (relative ones against the working directory) become file URLs; URLs stay as they are.
  const setup = task.workerModules.map((m) =>
    /^[a-z][a-z0-9+.-]+:/i.test(m) || url === undefined ? m : url.pathToFileURL(m).href,
  );
  const ports: MessagePortLike[] = [];
  const started: WorkerLike[] = [];
  for (let w = 0; w < workers; w++) {
    const { port1, port2 } = new threads.MessageChannel();
    const data: FoldWorkerData = {
      ctrl,
      port: port2,
      estimator,
      X,
      y: task.y,
      splits: task.splits,
      scoring: task.scoring,
      returnTrainScore: task.returnTrainScore,
      returnEstimator: task.returnEstimator,
      errorScore: task.errorScore,
      sampleWeight: task.sampleWeight,
    };
    const worker = new threads.Worker(BOOTSTRAP, {
      eval: true,
      workerData: { module, setup, data },
      transferList: [port2],
    });
    worker.unref();
    started.push(worker);
    ports.push(port1);
  }
  let raised: { fold: number; error: Error } | null = null;
  const loadErrors = new Set<string>();
  const handle = (msg: FoldMessage): void => {
    if (msg.kind === 'loadError') {
      loadErrors.add(msg.message);
      return;
    }
    for (const w of msg.warnings) warn(w.code, w.message, w.details);
    if (msg.kind === 'raise') {
      const Ctor = ERRORS[msg.name];
      const error = Ctor ? new Ctor(msg.message) : Object.assign(new Error(msg.message), { name: msg.name });
      if (raised === null || msg.fold < raised.fold) raised = { fold: msg.fold, error };
      return;
    }
    const result: FoldOutcome['result'] = {
      testScores: msg.testScores,
      fitTime: msg.fitTime,
      scoreTime: msg.scoreTime,
    };
    if (msg.trainScores) result.trainScores = msg.trainScores;
    outcomes[msg.fold] =
      msg.estimator === undefined ? { result } : { result, model: loadEstimator(msg.estimator) as ModelLike };
  };
  const drain = (): void => {
    for (const port of ports) {
      for (let m = threads.receiveMessageOnPort(port); m !== undefined; m = threads.receiveMessageOnPort(port)) {
        handle(m.message as FoldMessage);
      }
    }
  };
  try {
    // The calling thread claims folds too, until none are left.
    for (let fold = callerTakesFolds ? Atomics.add(words, 0, 1) : n; fold < n; fold = Atomics.add(words, 0, 1)) {
      outcomes[fold] = runLocal(fold);
      drain();
      if (raised !== null) break;
    }
    // Then it waits for the folds the workers claimed (every worker wakes it after each result and at its end).
    for (;;) {
      const seen = Atomics.load(words, 2);
      drain();
      if (raised !== null || outcomes.every((o) => o !== undefined)) break;
      if (Atomics.load(words, 1) === workers) {
        drain();
        break;
      }
      Atomics.wait(words, 2, seen, 1000);
    }
  } finally {
    for (const w of started) void w.terminate();
    for (const p of ports) p.close();
  }
  if (raised !== null) throw (raised as { error: Error }).error;
  if (loadErrors.size > 0) {
    warn(
      'ParallelFallback',
      `crossValidate: a worker could not rebuild the model, so its folds ran in the calling thread: ${[...loadErrors].join('; ')}. Pass workerModules to register your classes in the workers.`,
    );
  }
  // Folds a worker claimed but never finished (it died) run here.
  return outcomes.map((o, i) => o ?? runLocal(i));
}

/**
 * The worker side of `crossValidate({ nJobs })` (see parallelFolds.ts). Never imported statically: each worker
 * thread loads this module by URL. Importing the estimators, preprocessing and selection layers registers every
 * built-in estimator class, so `loadEstimator` can rebuild the model sent as JSON; user modules named in
 * `workerModules` are imported before (to register their own classes or Keras model builders).
 */
import '../estimators/index.js';
import '../preprocessing/index.js';
import { loadEstimator } from '../estimators/base/persistence.js';
import { CsrMatrix } from '../tensor/CsrMatrix.js';
import { type LsmlWarning, onWarning } from '../util/warnings.js';
import { fitAndScore } from './fitAndScore.js';
import type { ModelLike, Target } from './ModelLike.js';
import { resolveScoring } from './scorers.js';
import type { FoldMessage, FoldWorkerData, SharedMatrix } from './parallelFolds.js';

/** Rebuilds X from what the main thread sent (dense data shared, not copied). */
function matrixFrom(m: SharedMatrix): unknown {
  if (m.kind === 'dense') return { rows: m.rows, cols: m.cols, data: new Float64Array(m.buffer) };
  if (m.kind === 'csr') return new CsrMatrix(m.rows, m.cols, m.indptr, m.indices, m.values);
  return m.value;
}

/**
 * Claims folds from the shared counter until none are left, fitting and scoring a clone of the model on each and
 * posting the result on `data.port`; wakes the main thread after every message.
 */
export function runFoldWorker(data: FoldWorkerData): void {
  const ctrl = new Int32Array(data.ctrl);
  const post = (msg: FoldMessage): void => {
    data.port.postMessage(msg);
    Atomics.add(ctrl, 2, 1);
    Atomics.notify(ctrl, 2);
  };
  let model: ModelLike;
  try {
    model = loadEstimator(data.estimator) as ModelLike;
  } catch (err) {
    post({ kind: 'loadError', message: (err as Error).message });
    return;
  }
  const X = matrixFrom(data.X);
  const { scorers } = resolveScoring(data.scoring, model, 'crossValidate');
  for (;;) {
    const fold = Atomics.add(ctrl, 0, 1);
    if (fold >= data.splits.length) return;
    const warnings: LsmlWarning[] = [];
    const stop = onWarning((w) => warnings.push(w));
    try {
      const r = fitAndScore(model, X as never, data.y as Target, data.splits[fold] as never, {
        scorers,
        returnTrainScore: data.returnTrainScore,
        errorScore: data.errorScore,
        sampleWeight: data.sampleWeight,
      });
      const msg: FoldMessage = {
        kind: 'result',
        fold,
        testScores: r.testScores,
        fitTime: r.fitTime,
        scoreTime: r.scoreTime,
        warnings,
      };
      if (r.trainScores) msg.trainScores = r.trainScores;
      if (data.returnEstimator) msg.estimator = JSON.stringify((r.model as unknown as { toJSON(): unknown }).toJSON());
      post(msg);
    } catch (err) {
      const e = err as Error;
      post({ kind: 'raise', fold, name: e.name, message: e.message, warnings });
      return;
    } finally {
      stop();
    }
  }
}

import { DataError } from '../../errors/errors.js';
import { CsrMatrix } from '../../tensor/CsrMatrix.js';
import type { ProgressCallback } from '../../util/progress.js';
import { DenseMatrix } from '../base/DenseMatrix.js';
import type { Label, LabelsLike } from '../base/labels.js';
import type { MatrixLike } from '../base/matrixLike.js';

/**
 * One chunk of a stream, structurally typed so lsml's `Dataset` batches (`DenseBatch`: `x` a row-major
 * Float32Array with `rows`/`cols`; `SparseBatch`: `x` a CsrMatrix) and plain `{ x: number[][], y }` objects fit.
 */
export interface StreamChunk {
  x: MatrixLike | Float32Array | Float64Array;
  y?: ArrayLike<number> | readonly Label[] | undefined;
  rows?: number;
  cols?: number;
}

/** What `partialFitStream` trains: an estimator with `partialFit` (SGDClassifier, SGDRegressor). */
export interface PartialFitter {
  readonly isFitted: boolean;
  readonly estimatorType: string;
  /** Called with `{ classes }` on the first chunk when classes are given (classifiers), else `{}`. */
  partialFit(X: MatrixLike, y: never, options?: never): unknown;
  predict(X: MatrixLike): ArrayLike<unknown>;
  meanLoss?(X: MatrixLike, y: never): number;
}

/** Options of `partialFitStream`. */
export interface PartialFitStreamOptions {
  /** Every class label (classifiers; needed by the first `partialFit`). */
  classes?: LabelsLike;
  /**
   * Test-then-train: before training on a chunk, score the current model on it (mean loss, and accuracy for
   * classifiers), an unbiased running estimate of generalisation (progressive validation). Default true.
   */
  progressiveValidation?: boolean;
  /** Called after every chunk with `done` = rows so far and metrics `loss` / `accuracy` (running means). */
  onProgress?: ProgressCallback;
  /** Rows expected in all, for the progress total. */
  totalRows?: number;
}

/** Totals of a `partialFitStream` pass. */
export interface PartialFitStreamResult {
  /** Rows trained on. */
  rows: number;
  /** Chunks trained on. */
  chunks: number;
  /** Progressive (test-then-train) mean loss over every row after the first chunk; NaN when not measured. */
  progressiveLoss: number;
  /** Progressive accuracy (classifiers); NaN otherwise or when not measured. */
  progressiveAccuracy: number;
}

/** The chunk's features as a matrix the estimators read (typed-array batches become DenseMatrix views). */
export function chunkMatrix(chunk: StreamChunk, where: string): MatrixLike {
  const { x } = chunk;
  if (x instanceof Float32Array || x instanceof Float64Array) {
    if (chunk.rows === undefined || chunk.cols === undefined) {
      throw new DataError(`${where}: a chunk whose x is a flat typed array needs "rows" and "cols".`, { where });
    }
    return new DenseMatrix(chunk.rows, chunk.cols, x);
  }
  return x;
}

/**
 * Trains an estimator with `partialFit` over a stream of chunks (any `AsyncIterable`, e.g. a `Dataset` from
 * `readLibsvm` / `readCsv`), one epoch, in stream order. Memory stays bounded by one chunk plus the model.
 * @returns rows, chunks and the progressive-validation loss and accuracy
 * @throws DataError when a chunk has no labels
 */
export async function partialFitStream(
  estimator: PartialFitter,
  source: AsyncIterable<StreamChunk>,
  options: PartialFitStreamOptions = {},
): Promise<PartialFitStreamResult> {
  const where = 'partialFitStream';
  const progressive = options.progressiveValidation ?? true;
  const classifier = estimator.estimatorType === 'classifier';
  let rows = 0;
  let chunks = 0;
  let scored = 0;
  let lossSum = 0;
  let hits = 0;
  for await (const chunk of source) {
    const X = chunkMatrix(chunk, where);
    if (chunk.y === undefined) {
      throw new DataError(`${where}: chunk ${chunks} has no labels (y); training needs them.`, {
        where,
        chunk: chunks,
      });
    }
    const y = chunk.y as never;
    const n =
      chunk.rows ??
      (X instanceof CsrMatrix || X instanceof DenseMatrix ? X.rows : (chunk.y as ArrayLike<unknown>).length);
    if (progressive && estimator.isFitted) {
      if (estimator.meanLoss) lossSum += estimator.meanLoss(X, y) * n;
      if (classifier) {
        const pred = estimator.predict(X);
        const labels = chunk.y as ArrayLike<unknown>;
        for (let i = 0; i < pred.length; i++) if (pred[i] === labels[i]) hits++;
      }
      scored += n;
    }
    estimator.partialFit(
      X,
      y,
      (chunks === 0 && options.classes !== undefined ? { classes: options.classes } : {}) as never,
    );
    rows += n;
    chunks++;
    if (options.onProgress) {
      const metrics: Record<string, number> = {};
      if (scored > 0) {
        if (estimator.meanLoss) metrics.loss = lossSum / scored;
        if (classifier) metrics.accuracy = hits / scored;
      }
      options.onProgress({
        label: `chunk ${chunks}`,
        done: rows,
        ...(options.totalRows !== undefined ? { total: options.totalRows } : {}),
        metrics,
      });
    }
  }
  return {
    rows,
    chunks,
    progressiveLoss: scored > 0 && estimator.meanLoss ? lossSum / scored : NaN,
    progressiveAccuracy: scored > 0 && classifier ? hits / scored : NaN,
  };
}

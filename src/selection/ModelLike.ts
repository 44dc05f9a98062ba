import type { DenseMatrix } from '../estimators/base/DenseMatrix.js';
import type { Label } from '../estimators/base/labels.js';
import type { MatrixLike, Vector } from '../estimators/base/matrixLike.js';

/**
 * What model selection needs of an estimator: the lsml estimator contract (`fit`, `clone`, `getParams`,
 * `setParams`) plus whichever of `predict`, `predictProba`, `decisionFunction`, `score`, `transform` it has.
 * Every lsml estimator, Pipeline and search satisfies it.
 */
export interface ModelLike {
  readonly estimatorType: string;
  readonly className?: string;
  fit(X: MatrixLike, y?: unknown, options?: unknown): unknown;
  clone(): ModelLike;
  getParams(deep?: boolean): Record<string, unknown>;
  setParams(params: Record<string, unknown>): unknown;
  predict?(X: MatrixLike): readonly Label[] | Float64Array | ArrayLike<number | string>;
  predictProba?(X: MatrixLike): DenseMatrix;
  decisionFunction?(X: MatrixLike): DenseMatrix | Float64Array;
  score?(X: MatrixLike, y: unknown, options?: unknown): number;
  transform?(X: MatrixLike): unknown;
  readonly classes?: readonly Label[];
  /** Whether an optional method works (Pipeline and searches delegate to their final estimator). */
  hasMethod?(method: string): boolean;
}

/** True when `model.method` exists and works (asks `hasMethod` when the model has it). */
export function modelHas(model: ModelLike, method: string): boolean {
  if (typeof model.hasMethod === 'function') return model.hasMethod(method);
  return typeof (model as unknown as Record<string, unknown>)[method] === 'function';
}

/** Targets model selection passes through: class labels or regression values (or nothing, unsupervised). */
export type Target = Vector<Label> | undefined;

/** Calls `model.fit(X, y, options)` with the loose types model selection works with. */
export function fitModel(model: ModelLike, X: MatrixLike, y: Target, options?: Record<string, unknown>): void {
  const fit = model.fit as (X: MatrixLike, y?: unknown, options?: unknown) => unknown;
  if (options === undefined) fit.call(model, X, y);
  else fit.call(model, X, y, options);
}

/** True when `model` is a classifier (scikit-learn's `is_classifier`). */
export function isClassifier(model: ModelLike): boolean {
  return model.estimatorType === 'classifier';
}

/**
 * The public surface of the estimators layer: the scikit-learn-style contract every estimator follows, the
 * matrix types they read, persistence, and the estimators themselves.
 */
export { BaseClassifier, type ClassifierState, type FitOptions, type ScoreOptions } from './base/BaseClassifier.js';
export { BaseEstimator, type EstimatorType, isEstimator } from './base/BaseEstimator.js';
export { BaseRegressor } from './base/BaseRegressor.js';
export { BaseTransformer } from './base/BaseTransformer.js';
export { DenseMatrix, type DenseMatrixLike } from './base/DenseMatrix.js';
export { type MatrixLike, type Table } from './base/matrixLike.js';
export type { ParamSpec, Params } from './base/params.js';
export { type EstimatorJSON, loadEstimator, registerEstimator, registeredEstimators } from './base/persistence.js';
export * as validators from './base/validators.js';
export { DummyClassifier, DummyRegressor } from './dummy/index.js';
export * from './svm/index.js';
export * from './linear/index.js';
export * from './hashing/index.js';
export * from './keras/index.js';

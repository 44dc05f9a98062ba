import type { Tensor } from '../../tensor/Tensor.js';

/** A class label: a number (integral for classification) or a string. */
export type Label = number | string;

/** Any typed array of numbers the metrics accept. */
export type NumericArray =
  | Float64Array
  | Float32Array
  | Int32Array
  | Int16Array
  | Int8Array
  | Uint32Array
  | Uint16Array
  | Uint8Array
  | Uint8ClampedArray;

/** A vector of numbers: a plain array, a typed array or a 1-D tensor. */
export type NumericVector = readonly number[] | NumericArray | Tensor;

/** A matrix of numbers, row by row: nested arrays, an array of typed arrays or a 2-D tensor. */
export type NumericMatrix = readonly (readonly number[])[] | readonly NumericArray[] | Tensor;

/**
 * Targets of a classification metric: a vector of labels (numbers, strings or booleans) or, for multi-label
 * problems, an indicator matrix (`n_samples × n_labels` of 0/1).
 */
export type LabelInput =
  | readonly number[]
  | readonly string[]
  | readonly Label[] // what estimators' predict returns; mixing numbers and strings is rejected at run time
  | readonly boolean[]
  | NumericArray
  | NumericMatrix;

/** Scores or probabilities: a vector (binary problems) or an `n_samples × n_classes` matrix. */
export type ScoreInput = NumericVector | NumericMatrix;

/** Per-sample weights; `undefined` or `null` means every sample weighs 1. */
export type SampleWeight = NumericVector | null | undefined;

/**
 * scikit-learn's `zero_division`: the value an ill-defined ratio (0/0) takes. `'warn'` acts as 0 and reports an
 * `UndefinedMetricWarning`; the numbers allowed are 0, 1 and NaN (NaN values are left out of averages).
 */
export type ZeroDivision = 'warn' | number;

/** How per-label scores are combined. `null` returns one score per label. */
export type Average = 'binary' | 'micro' | 'macro' | 'weighted' | 'samples' | null;

/** The kind of target, as scikit-learn's `type_of_target` names it. */
export type TargetType =
  | 'binary'
  | 'multiclass'
  | 'continuous'
  | 'multilabel-indicator'
  | 'multiclass-multioutput'
  | 'continuous-multioutput'
  | 'unknown';

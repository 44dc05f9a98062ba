import { ShapeError } from '../../errors/errors.js';
import { formatValue } from '../../util/format.js';
import { ConfigError } from '../../errors/errors.js';
import { average } from './average.js';
import {
  checkNotEmpty,
  checkSameLength,
  type NumericData,
  readNumeric,
  readSampleWeight,
  readVector,
} from './input.js';
import type { NumericVector, SampleWeight } from './types.js';

/**
 * How the scores of several outputs are combined: scikit-learn's names ('raw_values', 'uniform_average',
 * 'variance_weighted') or their camelCase spellings, or one weight per output.
 */
export type Multioutput =
  | 'raw_values'
  | 'uniform_average'
  | 'variance_weighted'
  | 'rawValues'
  | 'uniformAverage'
  | 'varianceWeighted'
  | NumericVector;

/** Options shared by the regression metrics. */
export interface RegressionOptions {
  /** Per-sample weights (default: all 1). */
  sampleWeight?: SampleWeight;
  /** Combination of several outputs (default 'uniform_average'). */
  multioutput?: Multioutput;
}

/** Checked regression targets: `n × outputs` matrices (a vector is one output). */
export interface RegressionTargets {
  yTrue: NumericData;
  yPred: NumericData;
  sampleWeight: Float64Array | undefined;
  /** 'raw', 'uniform', 'variance' or explicit output weights. */
  multioutput: 'raw' | 'uniform' | 'variance' | Float64Array;
}

const NAMES: Record<string, 'raw' | 'uniform' | 'variance'> = {
  raw_values: 'raw',
  rawValues: 'raw',
  uniform_average: 'uniform',
  uniformAverage: 'uniform',
  variance_weighted: 'variance',
  varianceWeighted: 'variance',
};

/**
 * Reads and checks the inputs of a regression metric (scikit-learn's `_check_reg_targets`).
 * @param allowVariance whether 'variance_weighted' is meaningful (r2Score, explainedVarianceScore)
 * @throws ShapeError for mismatched samples or outputs, ConfigError for an unknown `multioutput`,
 *   DataError for NaN, ValueError for empty inputs
 */
export function readRegressionTargets(
  fn: string,
  yTrueInput: NumericVector | readonly (readonly number[])[],
  yPredInput: NumericVector | readonly (readonly number[])[],
  options: RegressionOptions,
  allowVariance: boolean,
): RegressionTargets {
  const yTrue = readNumeric(fn, 'yTrue', yTrueInput);
  const yPred = readNumeric(fn, 'yPred', yPredInput);
  checkSameLength(fn, ['yTrue', yTrue.rows], ['yPred', yPred.rows]);
  checkNotEmpty(fn, 'yTrue', yTrue.rows);
  if (yTrue.cols !== yPred.cols) {
    throw new ShapeError(
      `${fn}: "yTrue" has ${yTrue.cols} outputs but "yPred" has ${yPred.cols}; they must have the same number.`,
      { fn, expected: yTrue.cols, received: yPred.cols },
    );
  }
  const sampleWeight = readSampleWeight(fn, options.sampleWeight, yTrue.rows);
  const m = options.multioutput ?? 'uniform_average';
  let multioutput: RegressionTargets['multioutput'];
  if (typeof m === 'string') {
    const name = Object.prototype.hasOwnProperty.call(NAMES, m) ? NAMES[m] : undefined;
    const allowed = allowVariance
      ? ['raw_values', 'uniform_average', 'variance_weighted']
      : ['raw_values', 'uniform_average'];
    if (name === undefined || (name === 'variance' && !allowVariance)) {
      throw new ConfigError(
        `${fn}: "multioutput" must be ${allowed.join(', ')} or an array of output weights; received ${formatValue(m)}.`,
        { fn, option: 'multioutput', value: m },
      );
    }
    multioutput = name;
  } else {
    const w = readVector(fn, 'multioutput', m);
    if (yTrue.cols === 1) {
      throw new ConfigError(`${fn}: output weights ("multioutput") are only useful with several outputs.`, { fn });
    }
    if (w.length !== yTrue.cols) {
      throw new ShapeError(
        `${fn}: "multioutput" has ${w.length} weights but there are ${yTrue.cols} outputs; give one per output.`,
        { fn, expected: yTrue.cols, received: w.length },
      );
    }
    multioutput = w;
  }
  return { yTrue, yPred, sampleWeight, multioutput };
}

/**
 * Combines per-output values as the regression metrics do: raw values, their mean, or `np.average` with the
 * given weights (`varianceWeights` for 'variance_weighted').
 */
export function combineOutputs(
  fn: string,
  values: Float64Array,
  multioutput: RegressionTargets['multioutput'],
  varianceWeights?: Float64Array | null,
): number | number[] {
  if (multioutput === 'raw') return Array.from(values);
  if (multioutput === 'uniform') return average(fn, values);
  if (multioutput === 'variance') return average(fn, values, varianceWeights ?? undefined);
  return average(fn, values, multioutput);
}

/** The `multioutput` values that return one value per output. */
export type RawValues = 'raw_values' | 'rawValues';

/** Numbers accepted as regression targets: a vector (one output) or an `n × outputs` matrix. */
export type RegressionInput = NumericVector | readonly (readonly number[])[];

import { ShapeError, ValueError } from '../errors/errors.js';
import { Tensor } from '../tensor/Tensor.js';
import { checkNotEmpty, checkSameLength, readNumeric, readSampleWeight } from './core/input.js';
import { labelIndex, pyRepr, uniqueSorted } from './core/labels.js';
import { checkBoolean, checkNumber } from './core/options.js';
import { pairwiseSum } from '../util/pairwiseSum.js';
import { readLabelsOption } from './core/presentLabels.js';
import { checkTargetVector } from './core/scoreInputs.js';
import { targetType } from './core/targetType.js';
import type { Label, LabelInput, SampleWeight, ScoreInput } from './core/types.js';
import { weightedSum } from './core/weightedSum.js';

/** Options of {@link logLoss}. */
export interface LogLossOptions {
  /**
   * Probabilities are clipped to [eps, 1 − eps] (default 'auto': the machine epsilon of the input, 2⁻⁵² for
   * float64 and 2⁻²³ for Float32Array or float32 tensors).
   */
  eps?: 'auto' | number;
  /** Mean loss per sample (default true) or the (weighted) sum. */
  normalize?: boolean;
  /** Per-sample weights (default: all 1). */
  sampleWeight?: SampleWeight;
  /** All class labels, in the order of the columns of `yPred` (default: the sorted labels of yTrue). */
  labels?: readonly Label[] | null;
}

/** Tolerance on row sums: NumPy's `allclose(sum, 1, rtol=sqrt(eps))`, as scikit-learn ≥ 1.3 checks it. */
const SUM_TOLERANCE = 1e-8 + Math.sqrt(2 ** -52);

function isFloat32(x: unknown): boolean {
  return x instanceof Float32Array || (x instanceof Tensor && x.dtype === 'float32');
}

/**
 * Log loss (cross-entropy) of predicted probabilities, −Σ_k y_k log p_k per sample, as scikit-learn 1.2's
 * `log_loss` computes it: probabilities are clipped to [eps, 1 − eps] and each row renormalised.
 * Unlike scikit-learn 1.2 (which silently renormalises), rows that do not sum to 1 and values outside [0, 1]
 * are rejected, and labels of yTrue missing from `labels` are an error rather than a zero row.
 *
 * @param yTrue true labels
 * @param yPred probabilities: a vector (of the greater label, binary only) or `n × n_classes`, columns in the
 *   order of the sorted labels
 * @param options `eps` ('auto'), `normalize` (true), `sampleWeight`, `labels`
 * @returns the loss (≥ 0)
 * @throws ValueError when yTrue has a single label and `labels` is not given, when class counts disagree, or
 *   when yPred is not a probability table; ShapeError for length mismatches; DataError for NaN
 * @example
 * logLoss(['spam', 'ham', 'ham', 'spam'], [[0.1, 0.9], [0.9, 0.1], [0.8, 0.2], [0.35, 0.65]]); // 0.21616…
 */
export function logLoss(yTrue: LabelInput, yPred: ScoreInput, options: LogLossOptions = {}): number {
  const fn = 'logLoss';
  const normalize = checkBoolean(fn, 'normalize', options.normalize ?? true);
  const eps =
    options.eps === undefined || options.eps === 'auto'
      ? isFloat32(yPred)
        ? 2 ** -23
        : 2 ** -52
      : checkNumber(fn, 'eps', options.eps, { min: 0, max: 0.5 });
  const y = checkTargetVector(fn, yTrue);
  const p = readNumeric(fn, 'yPred', yPred);
  checkSameLength(fn, ['yPred', p.rows], ['yTrue', y.length]);
  checkNotEmpty(fn, 'yTrue', y.length);
  const sampleWeight = readSampleWeight(fn, options.sampleWeight, y.length);
  const isString = typeof y[0] === 'string';
  let classes: Label[];
  if (options.labels != null) {
    classes = uniqueSorted(readLabelsOption(fn, options.labels, isString));
  } else {
    const type = targetType({ kind: 'labels', values: y, isString, length: y.length });
    if (type === 'continuous') {
      throw new ValueError(`${fn}: "yTrue" must hold class labels; received continuous values.`, { fn });
    }
    classes = uniqueSorted(y);
  }
  if (classes.length === 1) {
    throw new ValueError(
      options.labels == null
        ? `${fn}: "yTrue" contains only one label (${pyRepr(classes[0])}); pass all labels through "labels".`
        : `${fn}: "labels" must contain at least two labels; received [${classes.map(pyRepr).join(', ')}].`,
      { fn },
    );
  }
  const k = classes.length;
  const index = labelIndex(classes);
  const yIndex = y.map((v, i) => {
    const c = index.get(v);
    if (c === undefined) {
      throw new ValueError(`${fn}: "yTrue" contains ${pyRepr(v)} at index ${i}, which is not in "labels".`, { fn });
    }
    return c;
  });
  const cols = p.cols === 1 ? 2 : p.cols;
  if (cols !== k) {
    throw new ShapeError(
      options.labels == null
        ? `${fn}: "yTrue" has ${k} classes but "yPred" has ${cols} columns; pass all labels through "labels" ` +
            `(classes found in yTrue: [${classes.map(pyRepr).join(', ')}]).`
        : `${fn}: "labels" has ${k} classes but "yPred" has ${cols} columns.`,
      { fn, expected: k, received: cols },
    );
  }
  for (let i = 0; i < p.rows; i++) {
    let sum = 0;
    for (let j = 0; j < p.cols; j++) {
      const v = p.data[i * p.cols + j] as number;
      if (v < 0 || v > 1) {
        throw new ValueError(
          `${fn}: "yPred" must hold probabilities in [0, 1]; received ${v} at ` +
            (p.ndim === 1 ? `index ${i}.` : `row ${i}, column ${j}.`),
          { fn, row: i, column: j, value: v },
        );
      }
      sum += v;
    }
    if (p.cols > 1 && !(Math.abs(sum - 1) <= SUM_TOLERANCE)) {
      throw new ValueError(`${fn}: each row of "yPred" must sum to 1 (probabilities); row ${i} sums to ${sum}.`, {
        fn,
        row: i,
        sum,
      });
    }
  }
  const loss = new Float64Array(p.rows);
  const row = new Float64Array(k);
  for (let i = 0; i < p.rows; i++) {
    if (p.cols === 1) {
      const q = Math.min(Math.max(p.data[i] as number, eps), 1 - eps);
      row[0] = 1 - q;
      row[1] = q;
    } else {
      for (let j = 0; j < k; j++) row[j] = Math.min(Math.max(p.data[i * k + j] as number, eps), 1 - eps);
    }
    // Renormalise the clipped row; only the true class contributes (xlogy(0, p) = 0).
    const c = yIndex[i] as number;
    loss[i] = -Math.log((row[c] as number) / pairwiseSum(row));
  }
  return weightedSum(fn, loss, sampleWeight, normalize);
}

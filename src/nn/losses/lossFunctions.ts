import { DTypeError, ShapeError, ValueError } from '../../errors/errors.js';
import { add, div, minimum, mul, sub } from '../../ops/binary.js';
import { cast } from '../../ops/cast.js';
import { oneHot } from '../../ops/oneHot.js';
import { max, mean, min, sum } from '../../ops/reduce.js';
import { reshape } from '../../ops/reshape.js';
import { logSoftmax } from '../../ops/softmax.js';
import { abs, clip, exp, log, log1p, neg, relu, square } from '../../ops/unary.js';
import { isFloat } from '../../tensor/dtype.js';
import type { Tensor } from '../../tensor/Tensor.js';
import { formatShape } from '../../util/format.js';
import { logitsOf } from '../engine/logits.js';

/**
 * Per-example losses, Keras' definitions: each takes targets and predictions and returns one value per example
 * (the last axis reduced), to be weighted and averaged by `Loss`. Cross-entropies given probabilities use the logits
 * behind a softmax/sigmoid output when the model's last activation produced them (exact and stable), else clip the
 * probabilities to [ε, 1 − ε] with ε = 1e-7.
 */

/** Clipping bound for probabilities, Keras' `epsilon()`. */
export const EPSILON = 1e-7;

/** Targets as floats of the prediction's dtype, shaped like the prediction (a [batch] target fits [batch, 1]). */
export function alignTargets(where: string, yTrue: Tensor, yPred: Tensor): Tensor {
  let y = yTrue.dtype === yPred.dtype ? yTrue : cast(yTrue, yPred.dtype);
  if (y.rank === yPred.rank - 1 && yPred.shape[yPred.rank - 1] === 1) y = reshape(y, yPred.shape);
  if (y.rank !== yPred.rank || y.shape.some((d, i) => d !== yPred.shape[i])) {
    throw new ShapeError(
      `${where}: targets have shape ${formatShape(yTrue.shape)} but predictions have shape ${formatShape(yPred.shape)}; they must match${
        yTrue.rank === yPred.rank - 1 ? ' (for integer class labels use sparseCategoricalCrossentropy)' : ''
      }.`,
      { loss: where, yTrue: [...yTrue.shape], yPred: [...yPred.shape] },
    );
  }
  return y;
}

function checkFloatPred(where: string, yPred: Tensor): void {
  if (!isFloat(yPred.dtype)) {
    throw new DTypeError(`${where}: predictions must be float32 or float64; received ${yPred.dtype}.`, { loss: where });
  }
}

/** mean((yPred − yTrue)²) over the last axis. */
export function meanSquaredError(yTrue: Tensor, yPred: Tensor): Tensor {
  checkFloatPred('meanSquaredError', yPred);
  return mean(square(sub(yPred, alignTargets('meanSquaredError', yTrue, yPred))), -1);
}

/** mean(|yPred − yTrue|) over the last axis. */
export function meanAbsoluteError(yTrue: Tensor, yPred: Tensor): Tensor {
  checkFloatPred('meanAbsoluteError', yPred);
  return mean(abs(sub(yPred, alignTargets('meanAbsoluteError', yTrue, yPred))), -1);
}

/** Huber loss: ½e² for |e| ≤ delta, delta·(|e| − ½delta) beyond, averaged over the last axis. */
export function huber(yTrue: Tensor, yPred: Tensor, delta = 1): Tensor {
  checkFloatPred('huber', yPred);
  const e = abs(sub(yPred, alignTargets('huber', yTrue, yPred)));
  const q = minimum(e, delta); // the quadratic part; e − q is the linear part
  return mean(add(mul(square(q), 0.5), mul(sub(e, q), delta)), -1);
}

/** Options of the cross-entropies. */
export interface CrossentropyOptions {
  /** Predictions are logits (no softmax/sigmoid applied). Default false. */
  fromLogits?: boolean;
  /** Move this much probability mass from the true class to a uniform spread; in [0, 1]. Default 0. */
  labelSmoothing?: number;
}

/**
 * Binary cross-entropy averaged over the last axis. From logits x it is max(x, 0) − x·z + log(1 + e^−|x|), which
 * never overflows.
 */
export function binaryCrossentropy(yTrue: Tensor, yPred: Tensor, options: CrossentropyOptions = {}): Tensor {
  checkFloatPred('binaryCrossentropy', yPred);
  let z = alignTargets('binaryCrossentropy', yTrue, yPred);
  const ls = options.labelSmoothing ?? 0;
  if (ls > 0) z = add(mul(z, 1 - ls), 0.5 * ls);
  const x = options.fromLogits ? yPred : logitsOf(yPred, 'sigmoid');
  if (x !== null) return mean(add(sub(relu(x), mul(x, z)), log1p(exp(neg(abs(x))))), -1);
  const p = clip(yPred, EPSILON, 1 - EPSILON);
  return mean(neg(add(mul(z, log(p)), mul(sub(1, z), log(sub(1, p))))), -1);
}

/** Categorical cross-entropy −Σ z·log p over the last axis; from logits via log-softmax. */
export function categoricalCrossentropy(yTrue: Tensor, yPred: Tensor, options: CrossentropyOptions = {}): Tensor {
  checkFloatPred('categoricalCrossentropy', yPred);
  let z = alignTargets('categoricalCrossentropy', yTrue, yPred);
  const classes = yPred.shape[yPred.rank - 1] as number;
  const ls = options.labelSmoothing ?? 0;
  if (ls > 0) z = add(mul(z, 1 - ls), ls / classes);
  const x = options.fromLogits ? yPred : logitsOf(yPred, 'softmax');
  if (x !== null) return neg(sum(mul(z, logSoftmax(x, -1)), -1));
  // Probabilities that may not sum to 1 are renormalised first, as Keras does.
  const p = clip(div(yPred, sum(yPred, -1, { keepDims: true })), EPSILON, 1 - EPSILON);
  return neg(sum(mul(z, log(p)), -1));
}

/**
 * Categorical cross-entropy with integer class labels (shape [batch] or [batch, 1]) instead of one-hot targets.
 * @throws ValueError for a label outside [0, classes) (one-hot would silently give a zero row).
 */
export function sparseCategoricalCrossentropy(yTrue: Tensor, yPred: Tensor, options: CrossentropyOptions = {}): Tensor {
  checkFloatPred('sparseCategoricalCrossentropy', yPred);
  const classes = yPred.shape[yPred.rank - 1] as number;
  let labels = yTrue;
  if (labels.rank === yPred.rank && labels.shape[labels.rank - 1] === 1)
    labels = reshape(labels, labels.shape.slice(0, -1));
  if (labels.rank !== yPred.rank - 1 || labels.shape.some((d, i) => d !== yPred.shape[i])) {
    throw new ShapeError(
      `sparseCategoricalCrossentropy: labels have shape ${formatShape(yTrue.shape)} but predictions have shape ${formatShape(yPred.shape)}; expected labels of shape ${formatShape(yPred.shape.slice(0, -1))} (use categoricalCrossentropy for one-hot targets).`,
      { yTrue: [...yTrue.shape], yPred: [...yPred.shape] },
    );
  }
  const ids = labels.dtype === 'int32' ? labels : cast(labels, 'int32');
  const lo = min(ids).item();
  const hi = max(ids).item();
  if (lo < 0 || hi >= classes) {
    throw new ValueError(
      `sparseCategoricalCrossentropy: label ${lo < 0 ? lo : hi} is outside [0, ${classes}), the ${classes} classes the model predicts.`,
      { label: lo < 0 ? lo : hi, classes },
    );
  }
  return categoricalCrossentropy(oneHot(ids, classes, { dtype: yPred.dtype }), yPred, {
    ...options,
    labelSmoothing: 0,
  });
}

/** Targets in {0, 1} become {−1, 1}, as Keras' hinge losses do; other targets pass unchanged. */
function hingeTargets(where: string, yTrue: Tensor, yPred: Tensor): Tensor {
  const y = alignTargets(where, yTrue, yPred);
  const d = y.data;
  let binary = true;
  for (let i = 0; i < d.length; i++) if (d[i] !== 0 && d[i] !== 1) binary = false;
  return binary ? sub(mul(y, 2), 1) : y;
}

/** mean(max(1 − y·p, 0)) over the last axis, y in {−1, 1} (or {0, 1}, converted). */
export function hinge(yTrue: Tensor, yPred: Tensor): Tensor {
  checkFloatPred('hinge', yPred);
  return mean(relu(sub(1, mul(hingeTargets('hinge', yTrue, yPred), yPred))), -1);
}

/** mean(max(1 − y·p, 0)²) over the last axis. */
export function squaredHinge(yTrue: Tensor, yPred: Tensor): Tensor {
  checkFloatPred('squaredHinge', yPred);
  return mean(square(relu(sub(1, mul(hingeTargets('squaredHinge', yTrue, yPred), yPred)))), -1);
}

import { ConfigError, ShapeError } from '../../errors/errors.js';
import { mul } from '../../ops/binary.js';
import { cast } from '../../ops/cast.js';
import { reshape } from '../../ops/reshape.js';
import { sum } from '../../ops/reduce.js';
import { bool, checkSpec, defined, range } from '../../optim/checks.js';
import type { SerializedObject } from '../../optim/schedules/LearningRateSchedule.js';
import type { Tensor } from '../../tensor/Tensor.js';
import { formatShape } from '../../util/format.js';
import {
  type CrossentropyOptions,
  binaryCrossentropy,
  categoricalCrossentropy,
  hinge,
  huber,
  meanAbsoluteError,
  meanSquaredError,
  sparseCategoricalCrossentropy,
  squaredHinge,
} from './lossFunctions.js';

/** A per-example loss function: targets and predictions in, one value per example out. */
export type LossFn = (yTrue: Tensor, yPred: Tensor) => Tensor;

/**
 * A loss with Keras' "sum over batch size" reduction: per-example values times optional sample weights, summed,
 * divided by the number of values. Subclasses fix the function and its options; `getConfig` round-trips them.
 */
export class Loss {
  readonly name: string;
  protected readonly fn: LossFn;

  /** @param fn per-example loss; @param name shown in logs and saved files. */
  constructor(fn: LossFn, name = 'loss') {
    this.fn = fn;
    this.name = name;
  }

  /** Saved class name; null for a wrapped custom function (which cannot be saved). */
  get className(): string | null {
    return null;
  }

  /** The per-example values (no weighting or averaging). */
  perExample(yTrue: Tensor, yPred: Tensor): Tensor {
    return this.fn(yTrue, yPred);
  }

  /**
   * The mean loss over the batch, each example weighted by `sampleWeight` ([batch]) when given.
   * @throws ShapeError when the sample weights do not have one value per example.
   */
  compute(yTrue: Tensor, yPred: Tensor, sampleWeight: Tensor | null = null): Tensor {
    let values = this.fn(yTrue, yPred);
    if (sampleWeight !== null) {
      const n = values.shape[0];
      if (sampleWeight.size !== n) {
        throw new ShapeError(
          `${this.name}: sample weights have shape ${formatShape(sampleWeight.shape)}; expected one weight per example (${n}).`,
          { loss: this.name },
        );
      }
      const w = sampleWeight.dtype === values.dtype ? sampleWeight : cast(sampleWeight, values.dtype);
      values = mul(values, reshape(w, [n as number, ...values.shape.slice(1).map(() => 1)]));
    }
    return mul(sum(values), 1 / Math.max(1, values.size));
  }

  /** Options the constructor takes. */
  getConfig(): Record<string, unknown> {
    return {};
  }

  /** `{ className, config }`, or null for an unsavable custom function. */
  serialize(): SerializedObject | null {
    const c = this.className;
    return c === null ? null : { className: c, config: this.getConfig() };
  }
}

/** Mean squared error ('mse'). */
export class MeanSquaredError extends Loss {
  constructor() {
    super(meanSquaredError, 'meanSquaredError');
  }
  override get className(): string {
    return 'MeanSquaredError';
  }
}

/** Mean absolute error ('mae'). */
export class MeanAbsoluteError extends Loss {
  constructor() {
    super(meanAbsoluteError, 'meanAbsoluteError');
  }
  override get className(): string {
    return 'MeanAbsoluteError';
  }
}

/** Huber loss with threshold `delta` (default 1). */
export class Huber extends Loss {
  readonly delta: number;
  constructor(config: { delta?: number } = {}) {
    const c = { delta: 1, ...defined(config) };
    checkSpec('Huber', c, { delta: range(0, Infinity, '()') });
    super((t, p) => huber(t, p, c.delta), 'huber');
    this.delta = c.delta;
  }
  override get className(): string {
    return 'Huber';
  }
  override getConfig(): Record<string, unknown> {
    return { delta: this.delta };
  }
}

abstract class CrossentropyLoss extends Loss {
  readonly fromLogits: boolean;
  readonly labelSmoothing: number;
  constructor(fn: (t: Tensor, p: Tensor, o: CrossentropyOptions) => Tensor, name: string, config: CrossentropyOptions) {
    const c = { fromLogits: false, labelSmoothing: 0, ...defined(config) };
    checkSpec(name, c, { fromLogits: bool, labelSmoothing: range(0, 1) });
    super((t, p) => fn(t, p, c), name);
    this.fromLogits = c.fromLogits;
    this.labelSmoothing = c.labelSmoothing;
  }
  override getConfig(): Record<string, unknown> {
    return { fromLogits: this.fromLogits, labelSmoothing: this.labelSmoothing };
  }
}

/** Binary cross-entropy (targets in [0, 1], one probability or logit per output). */
export class BinaryCrossentropy extends CrossentropyLoss {
  constructor(config: CrossentropyOptions = {}) {
    super(binaryCrossentropy, 'binaryCrossentropy', config);
  }
  override get className(): string {
    return 'BinaryCrossentropy';
  }
}

/** Categorical cross-entropy with one-hot (or soft) targets. */
export class CategoricalCrossentropy extends CrossentropyLoss {
  constructor(config: CrossentropyOptions = {}) {
    super(categoricalCrossentropy, 'categoricalCrossentropy', config);
  }
  override get className(): string {
    return 'CategoricalCrossentropy';
  }
}

/** Categorical cross-entropy with integer class labels. */
export class SparseCategoricalCrossentropy extends CrossentropyLoss {
  constructor(config: { fromLogits?: boolean } = {}) {
    super(sparseCategoricalCrossentropy, 'sparseCategoricalCrossentropy', config);
  }
  override get className(): string {
    return 'SparseCategoricalCrossentropy';
  }
  override getConfig(): Record<string, unknown> {
    return { fromLogits: this.fromLogits };
  }
}

/** Hinge loss for targets in {−1, 1} (or {0, 1}). */
export class Hinge extends Loss {
  constructor() {
    super(hinge, 'hinge');
  }
  override get className(): string {
    return 'Hinge';
  }
}

/** Squared hinge loss. */
export class SquaredHinge extends Loss {
  constructor() {
    super(squaredHinge, 'squaredHinge');
  }
  override get className(): string {
    return 'SquaredHinge';
  }
}

const classes: Record<string, new (config?: never) => Loss> = {
  MeanSquaredError,
  MeanAbsoluteError,
  Huber,
  BinaryCrossentropy,
  CategoricalCrossentropy,
  SparseCategoricalCrossentropy,
  Hinge,
  SquaredHinge,
};

const names: Record<string, string> = {
  mse: 'MeanSquaredError',
  meanSquaredError: 'MeanSquaredError',
  mae: 'MeanAbsoluteError',
  meanAbsoluteError: 'MeanAbsoluteError',
  huber: 'Huber',
  binaryCrossentropy: 'BinaryCrossentropy',
  categoricalCrossentropy: 'CategoricalCrossentropy',
  sparseCategoricalCrossentropy: 'SparseCategoricalCrossentropy',
  hinge: 'Hinge',
  squaredHinge: 'SquaredHinge',
};

/** What `compile({ loss })` accepts for one output. */
export type LossIdentifier = Loss | LossFn | string | SerializedObject;

/**
 * Resolves a loss: a Loss (as is), a per-example function, a name ('mse', 'categoricalCrossentropy' or Keras'
 * 'categorical_crossentropy', …) or `{ className, config }`.
 * @throws ConfigError naming the unknown loss and the known names.
 */
export function getLoss(id: LossIdentifier): Loss {
  if (id instanceof Loss) return id;
  if (typeof id === 'function') return new Loss(id, id.name || 'loss');
  const className =
    typeof id === 'string' ? names[id.replace(/_([a-z])/g, (_, ch: string) => ch.toUpperCase())] : id?.className;
  const cls = className === undefined ? undefined : classes[className];
  if (!cls) {
    throw new ConfigError(
      `getLoss: unknown loss ${JSON.stringify(typeof id === 'string' ? id : id?.className)}; expected one of ${Object.keys(names).join(', ')}, a Loss or a function (yTrue, yPred) => per-example losses.`,
      { loss: id },
    );
  }
  return new cls((typeof id === 'string' ? {} : id.config) as never);
}

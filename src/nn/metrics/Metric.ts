import { ShapeError } from '../../errors/errors.js';
import type { SerializedObject } from '../../optim/schedules/LearningRateSchedule.js';
import type { Tensor } from '../../tensor/Tensor.js';
import { formatShape } from '../../util/format.js';

/**
 * A streaming training metric (Keras' `Metric`): `update` accumulates a batch, `result` reads the value so far,
 * `reset` starts over (fit resets at each epoch). Metrics read values directly, outside the autograd graph.
 */
export abstract class Metric {
  /** The key in training logs ("accuracy", "val_accuracy"). */
  readonly name: string;

  protected constructor(name: string) {
    this.name = name;
  }

  /** Saved class name. */
  abstract get className(): string;

  /** Adds a batch; `sampleWeight` holds one weight per example (the first axis). */
  abstract update(yTrue: Tensor, yPred: Tensor, sampleWeight?: Tensor | null): void;

  /** The value over everything since the last reset (NaN before any update). */
  abstract result(): number;

  abstract reset(): void;

  /** Options the constructor takes. */
  getConfig(): Record<string, unknown> {
    return { name: this.name };
  }

  /** `{ className, config }`. */
  serialize(): SerializedObject {
    return { className: this.className, config: this.getConfig() };
  }
}

/** The predictions viewed as rows of `width` values (the last axis), with each row's example weight. */
export interface Rows {
  rows: number;
  width: number;
  /** Weight of row r. */
  weight(r: number): number;
}

/**
 * Splits `yPred` into rows of its last axis and maps sample weights ([batch]) onto them.
 * @throws ShapeError when the sample weights do not have one value per example.
 */
export function rowsOf(where: string, yPred: Tensor, sampleWeight: Tensor | null | undefined): Rows {
  const width = yPred.rank === 0 ? 1 : (yPred.shape[yPred.rank - 1] as number);
  const rows = width === 0 ? 0 : yPred.size / width;
  if (!sampleWeight) return { rows, width, weight: () => 1 };
  const batch = yPred.shape[0] ?? 1;
  if (sampleWeight.size !== batch) {
    throw new ShapeError(
      `${where}: sample weights have shape ${formatShape(sampleWeight.shape)}; expected one weight per example (${batch}).`,
      { metric: where },
    );
  }
  const perExample = rows / batch;
  const w = sampleWeight.data;
  return { rows, width, weight: (r) => w[Math.floor(r / perExample)] as number };
}

/** Index of the first largest of `n` values starting at `offset`. */
export function argmaxAt(d: ArrayLike<number>, offset: number, n: number): number {
  let best = 0;
  let v = d[offset] as number;
  for (let k = 1; k < n; k++) {
    const x = d[offset + k] as number;
    if (x > v) {
      v = x;
      best = k;
    }
  }
  return best;
}

/** Weighted mean of per-row values: the base of accuracy, MSE and MAE metrics. */
export abstract class MeanMetric extends Metric {
  private total = 0;
  private count = 0;

  /** The value of row `r` (columns `offset`..`offset + width`). */
  protected abstract rowValue(
    t: ArrayLike<number>,
    p: ArrayLike<number>,
    offset: number,
    width: number,
    r: number,
  ): number;

  /** Checks/aligns shapes; returns the targets' flat data laid out to match `rowValue`'s expectations. */
  protected abstract targets(yTrue: Tensor, yPred: Tensor): ArrayLike<number>;

  update(yTrue: Tensor, yPred: Tensor, sampleWeight: Tensor | null = null): void {
    const t = this.targets(yTrue, yPred);
    const p = yPred.data;
    const { rows, width, weight } = rowsOf(this.name, yPred, sampleWeight);
    for (let r = 0; r < rows; r++) {
      const w = weight(r);
      this.total += w * this.rowValue(t, p, r * width, width, r);
      this.count += w;
    }
  }

  /** Adds values directly (used for the loss trackers). */
  updateValue(value: number, weight = 1): void {
    this.total += value * weight;
    this.count += weight;
  }

  result(): number {
    return this.count === 0 ? NaN : this.total / this.count;
  }

  reset(): void {
    this.total = 0;
    this.count = 0;
  }
}

/** Same examples and number of values in targets and predictions (a [batch] target fits a [batch, 1] prediction). */
export function sameSizeTargets(where: string, yTrue: Tensor, yPred: Tensor): ArrayLike<number> {
  if (yTrue.size !== yPred.size || yTrue.shape[0] !== yPred.shape[0]) {
    throw new ShapeError(
      `${where}: targets have shape ${formatShape(yTrue.shape)} but predictions have shape ${formatShape(yPred.shape)}.`,
      { metric: where },
    );
  }
  return yTrue.data;
}

/** A running weighted mean of numbers, e.g. the loss over an epoch. */
export class Mean extends MeanMetric {
  constructor(name = 'mean') {
    super(name);
  }
  get className(): string {
    return 'Mean';
  }
  protected rowValue(): number {
    return 0;
  }
  protected targets(yTrue: Tensor): ArrayLike<number> {
    return yTrue.data;
  }
}

import { ShapeError } from '../../errors/errors.js';
import { checkSpec, defined, range } from '../../optim/checks.js';
import type { Tensor } from '../../tensor/Tensor.js';
import { formatShape } from '../../util/format.js';
import { MeanMetric, argmaxAt, sameSizeTargets } from './Metric.js';

/** Fraction of outputs where (prediction > threshold) equals the 0/1 target, averaged over the last axis. */
export class BinaryAccuracy extends MeanMetric {
  readonly threshold: number;

  /** @param config.threshold default 0.5. */
  constructor(config: { name?: string; threshold?: number } = {}) {
    super(config.name ?? 'binaryAccuracy');
    const c = { threshold: 0.5, ...defined(config) };
    checkSpec('BinaryAccuracy', c, { threshold: range(-Infinity, Infinity) });
    this.threshold = c.threshold;
  }
  get className(): string {
    return 'BinaryAccuracy';
  }
  protected targets(yTrue: Tensor, yPred: Tensor): ArrayLike<number> {
    return sameSizeTargets(this.name, yTrue, yPred);
  }
  protected rowValue(t: ArrayLike<number>, p: ArrayLike<number>, o: number, width: number): number {
    let hits = 0;
    for (let k = 0; k < width; k++) {
      if (((p[o + k] as number) > this.threshold ? 1 : 0) === ((t[o + k] as number) > 0.5 ? 1 : 0)) hits++;
    }
    return hits / width;
  }
  override getConfig(): Record<string, unknown> {
    return { name: this.name, threshold: this.threshold };
  }
}

/** Fraction of examples whose largest prediction is at the position of the largest (one-hot) target. */
export class CategoricalAccuracy extends MeanMetric {
  constructor(config: { name?: string } = {}) {
    super(config.name ?? 'categoricalAccuracy');
  }
  get className(): string {
    return 'CategoricalAccuracy';
  }
  protected targets(yTrue: Tensor, yPred: Tensor): ArrayLike<number> {
    return sameSizeTargets(this.name, yTrue, yPred);
  }
  protected rowValue(t: ArrayLike<number>, p: ArrayLike<number>, o: number, width: number): number {
    return argmaxAt(t, o, width) === argmaxAt(p, o, width) ? 1 : 0;
  }
}

/** Fraction of examples whose largest prediction is at the integer target label. */
export class SparseCategoricalAccuracy extends MeanMetric {
  constructor(config: { name?: string } = {}) {
    super(config.name ?? 'sparseCategoricalAccuracy');
  }
  get className(): string {
    return 'SparseCategoricalAccuracy';
  }
  protected targets(yTrue: Tensor, yPred: Tensor): ArrayLike<number> {
    const width = yPred.shape[yPred.rank - 1] as number;
    if (yTrue.size * width !== yPred.size) {
      throw new ShapeError(
        `${this.name}: labels have shape ${formatShape(yTrue.shape)} but predictions have shape ${formatShape(yPred.shape)}; expected one label per row of predictions.`,
        { metric: this.name },
      );
    }
    return yTrue.data;
  }
  protected rowValue(t: ArrayLike<number>, p: ArrayLike<number>, o: number, width: number, r: number): number {
    return argmaxAt(p, o, width) === Math.round(t[r] as number) ? 1 : 0;
  }
}

import type { Tensor } from '../../tensor/Tensor.js';
import { MeanMetric, sameSizeTargets } from './Metric.js';

/** Mean squared error, as a streaming metric. */
export class MeanSquaredErrorMetric extends MeanMetric {
  constructor(config: { name?: string } = {}) {
    super(config.name ?? 'meanSquaredError');
  }
  get className(): string {
    return 'MeanSquaredErrorMetric';
  }
  protected targets(yTrue: Tensor, yPred: Tensor): ArrayLike<number> {
    return sameSizeTargets(this.name, yTrue, yPred);
  }
  protected rowValue(t: ArrayLike<number>, p: ArrayLike<number>, o: number, width: number): number {
    let s = 0;
    for (let k = 0; k < width; k++) s += ((p[o + k] as number) - (t[o + k] as number)) ** 2;
    return s / width;
  }
}

/** Mean absolute error, as a streaming metric. */
export class MeanAbsoluteErrorMetric extends MeanMetric {
  constructor(config: { name?: string } = {}) {
    super(config.name ?? 'meanAbsoluteError');
  }
  get className(): string {
    return 'MeanAbsoluteErrorMetric';
  }
  protected targets(yTrue: Tensor, yPred: Tensor): ArrayLike<number> {
    return sameSizeTargets(this.name, yTrue, yPred);
  }
  protected rowValue(t: ArrayLike<number>, p: ArrayLike<number>, o: number, width: number): number {
    let s = 0;
    for (let k = 0; k < width; k++) s += Math.abs((p[o + k] as number) - (t[o + k] as number));
    return s / width;
  }
}

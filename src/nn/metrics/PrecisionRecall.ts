import { checkSpec, defined, intRange, optional, range } from '../../optim/checks.js';
import type { Tensor } from '../../tensor/Tensor.js';
import { forEachBinary } from './binaryTargets.js';
import { Metric } from './Metric.js';

/** Options of `Precision` and `Recall`. */
export interface ConfusionMetricConfig {
  name?: string;
  /** A prediction above this counts as positive; default 0.5. */
  threshold?: number;
  /** Count only this output column (one class of a multi-class output). Default: all columns. */
  classId?: number | null;
}

abstract class ConfusionMetric extends Metric {
  readonly threshold: number;
  readonly classId: number | null;
  protected tp = 0;
  protected fp = 0;
  protected fn = 0;

  constructor(defaultName: string, config: ConfusionMetricConfig) {
    super(config.name ?? defaultName);
    const c = { threshold: 0.5, classId: null, ...defined(config) };
    checkSpec(defaultName, c, { threshold: range(-Infinity, Infinity), classId: optional(intRange(0)) });
    this.threshold = c.threshold;
    this.classId = c.classId;
  }

  update(yTrue: Tensor, yPred: Tensor, sampleWeight: Tensor | null = null): void {
    forEachBinary(this.name, yTrue, yPred, sampleWeight, this.classId, (positive, score, w) => {
      const predicted = score > this.threshold;
      if (predicted && positive) this.tp += w;
      else if (predicted) this.fp += w;
      else if (positive) this.fn += w;
    });
  }

  reset(): void {
    this.tp = 0;
    this.fp = 0;
    this.fn = 0;
  }

  override getConfig(): Record<string, unknown> {
    return { name: this.name, threshold: this.threshold, classId: this.classId };
  }
}

/** tp / (tp + fp) over everything seen (0 when nothing was predicted positive, as Keras). */
export class Precision extends ConfusionMetric {
  constructor(config: ConfusionMetricConfig = {}) {
    super('precision', config);
  }
  get className(): string {
    return 'Precision';
  }
  result(): number {
    const d = this.tp + this.fp;
    return d === 0 ? 0 : this.tp / d;
  }
}

/** tp / (tp + fn) over everything seen (0 when there were no positives, as Keras). */
export class Recall extends ConfusionMetric {
  constructor(config: ConfusionMetricConfig = {}) {
    super('recall', config);
  }
  get className(): string {
    return 'Recall';
  }
  result(): number {
    const d = this.tp + this.fn;
    return d === 0 ? 0 : this.tp / d;
  }
}

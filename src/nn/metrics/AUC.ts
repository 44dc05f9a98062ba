import { checkSpec, defined, intRange, oneOf, optional } from '../../optim/checks.js';
import type { Tensor } from '../../tensor/Tensor.js';
import { forEachBinary } from './binaryTargets.js';
import { Metric } from './Metric.js';

/** Options of `AUC`. */
export interface AUCConfig {
  name?: string;
  /** Thresholds of the streaming confusion matrices; >= 3, default 200. */
  numThresholds?: number;
  /** 'ROC' (default) or 'PR' (precision–recall). */
  curve?: 'ROC' | 'PR';
  /** Count only this output column. */
  classId?: number | null;
}

const EPS = 1e-7;

/**
 * Area under the ROC or precision–recall curve, streamed as Keras does: confusion counts at `numThresholds`
 * thresholds spread evenly over [0, 1] (plus −ε and 1 + ε at the ends), then a Riemann sum. ROC uses trapezoids;
 * PR interpolates precision between thresholds as Davis & Goadrich (2006). Scores are expected in [0, 1].
 */
export class AUC extends Metric {
  readonly numThresholds: number;
  readonly curve: 'ROC' | 'PR';
  readonly classId: number | null;
  private readonly thresholds: Float64Array;
  // Counts of positives / negatives whose score lies above each threshold.
  private readonly posAbove: Float64Array;
  private readonly negAbove: Float64Array;
  private pos = 0;
  private neg = 0;

  constructor(config: AUCConfig = {}) {
    super(config.name ?? 'auc');
    const c = { numThresholds: 200, curve: 'ROC', classId: null, ...defined(config) };
    checkSpec('AUC', c, { numThresholds: intRange(3), curve: oneOf('ROC', 'PR'), classId: optional(intRange(0)) });
    this.numThresholds = c.numThresholds;
    this.curve = c.curve as 'ROC' | 'PR';
    this.classId = c.classId;
    const n = c.numThresholds;
    this.thresholds = new Float64Array(n);
    this.thresholds[0] = -EPS;
    for (let i = 1; i < n - 1; i++) this.thresholds[i] = i / (n - 1);
    this.thresholds[n - 1] = 1 + EPS;
    this.posAbove = new Float64Array(n);
    this.negAbove = new Float64Array(n);
  }

  get className(): string {
    return 'AUC';
  }

  /** Number of thresholds strictly below `score` (binary search over the sorted thresholds). */
  private below(score: number): number {
    let lo = 0;
    let hi = this.numThresholds;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.thresholds[mid] as number) < score) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  update(yTrue: Tensor, yPred: Tensor, sampleWeight: Tensor | null = null): void {
    const n = this.numThresholds;
    const posHist = new Float64Array(n + 1);
    const negHist = new Float64Array(n + 1);
    forEachBinary(this.name, yTrue, yPred, sampleWeight, this.classId, (positive, score, w) => {
      const k = this.below(score);
      if (positive) {
        posHist[k] = (posHist[k] as number) + w;
        this.pos += w;
      } else {
        negHist[k] = (negHist[k] as number) + w;
        this.neg += w;
      }
    });
    // A score above thresholds 0..k−1 counts for each of them: suffix sums of the histogram.
    let p = 0;
    let q = 0;
    for (let i = n - 1; i >= 0; i--) {
      p += posHist[i + 1] as number;
      q += negHist[i + 1] as number;
      this.posAbove[i] = (this.posAbove[i] as number) + p;
      this.negAbove[i] = (this.negAbove[i] as number) + q;
    }
  }

  result(): number {
    const n = this.numThresholds;
    let area = 0;
    if (this.curve === 'ROC') {
      if (this.pos === 0 || this.neg === 0) return 0;
      for (let i = 0; i < n - 1; i++) {
        const tpr0 = (this.posAbove[i] as number) / this.pos;
        const tpr1 = (this.posAbove[i + 1] as number) / this.pos;
        const fpr0 = (this.negAbove[i] as number) / this.neg;
        const fpr1 = (this.negAbove[i + 1] as number) / this.neg;
        area += ((fpr0 - fpr1) * (tpr0 + tpr1)) / 2;
      }
      return area;
    }
    // Precision–recall with precision interpolated along the number of predicted positives.
    for (let i = 0; i < n - 1; i++) {
      const tp0 = this.posAbove[i] as number;
      const tp1 = this.posAbove[i + 1] as number;
      const p0 = tp0 + (this.negAbove[i] as number);
      const p1 = tp1 + (this.negAbove[i + 1] as number);
      const dtp = tp0 - tp1;
      const dp = p0 - p1;
      const slope = dp > 0 ? dtp / dp : 0;
      const intercept = tp1 - slope * p1;
      const ratio = p0 > 0 && p1 > 0 ? p0 / p1 : 1;
      if (this.pos > 0) area += (slope * (dtp + intercept * Math.log(ratio))) / this.pos;
    }
    return area;
  }

  reset(): void {
    this.posAbove.fill(0);
    this.negAbove.fill(0);
    this.pos = 0;
    this.neg = 0;
  }

  override getConfig(): Record<string, unknown> {
    return { name: this.name, numThresholds: this.numThresholds, curve: this.curve, classId: this.classId };
  }
}

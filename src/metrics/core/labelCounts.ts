import { ValueError } from '../../errors/errors.js';
import type { ClassificationTargets } from './checkTargets.js';
import { labelIndex } from './labels.js';
import { presentLabels } from './presentLabels.js';
import type { Label } from './types.js';

/** Per-label (or, samplewise, per-sample) weighted counts of a one-vs-rest confusion matrix. */
export interface LabelCounts {
  readonly tn: Float64Array;
  readonly fp: Float64Array;
  readonly fn: Float64Array;
  readonly tp: Float64Array;
}

/** Options of {@link labelCounts}. */
export interface LabelCountsOptions {
  sampleWeight?: Float64Array | undefined;
  labels?: Label[] | undefined;
  samplewise?: boolean;
}

// Python's built-in sum(): strictly left to right.
function sequentialSum(w: Float64Array): number {
  let s = 0;
  for (let i = 0; i < w.length; i++) s += w[i] as number;
  return s;
}

function finish(
  tpSum: Float64Array,
  predSum: Float64Array,
  trueSum: Float64Array,
  total: number | Float64Array,
): LabelCounts {
  const n = tpSum.length;
  const tp = tpSum;
  const fp = new Float64Array(n);
  const fn = new Float64Array(n);
  const tn = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    fp[k] = (predSum[k] as number) - (tp[k] as number);
    fn[k] = (trueSum[k] as number) - (tp[k] as number);
    const t = typeof total === 'number' ? total : (total[k] as number);
    tn[k] = t - (tp[k] as number) - (fp[k] as number) - (fn[k] as number);
  }
  return { tn, fp, fn, tp };
}

function checkIndicatorLabels(fn: string, labels: Label[], nCols: number): number[] {
  const cols: number[] = [];
  for (const l of labels) {
    if (typeof l !== 'number' || !Number.isInteger(l) || l < 0 || l >= nCols) {
      throw new ValueError(
        `${fn}: "labels" of multi-label targets are column indices in [0, ${nCols}); received ${String(l)}.`,
        { fn, label: l, nLabels: nCols },
      );
    }
    cols.push(l);
  }
  return cols;
}

/**
 * Weighted true/false positives/negatives per label, or per sample when `samplewise` (multi-label only),
 * accumulated in the same order as scikit-learn's `multilabel_confusion_matrix` so the counts agree exactly.
 * With `labels`, counts follow that order and labels absent from the data count zero.
 * @throws ValueError for `samplewise` on non-multi-label targets or out-of-range multi-label columns.
 */
export function labelCounts(fn: string, targets: ClassificationTargets, options: LabelCountsOptions = {}): LabelCounts {
  const { sampleWeight, labels, samplewise = false } = options;
  if (targets.type !== 'multilabel-indicator') {
    if (samplewise) {
      throw new ValueError(
        `${fn}: per-sample ("samples") metrics need multi-label targets; received ${targets.type} targets.`,
        { fn, type: targets.type },
      );
    }
    // Count over the labels present; a requested label that never occurs counts zero.
    const classes = presentLabels(targets);
    const index = labelIndex(classes);
    const k = classes.length;
    const tpAll = new Float64Array(k);
    const predAll = new Float64Array(k);
    const trueAll = new Float64Array(k);
    const yt = targets.yTrue.values;
    const yp = targets.yPred.values;
    for (let i = 0; i < yt.length; i++) {
      const w = sampleWeight === undefined ? 1 : (sampleWeight[i] as number);
      const a = index.get(yt[i] as Label) as number;
      const b = index.get(yp[i] as Label) as number;
      if (a === b) tpAll[a] = (tpAll[a] as number) + w;
      predAll[b] = (predAll[b] as number) + w;
      trueAll[a] = (trueAll[a] as number) + w;
    }
    const selected = labels ?? classes;
    const m = selected.length;
    const tp = new Float64Array(m);
    const pred = new Float64Array(m);
    const tru = new Float64Array(m);
    selected.forEach((l, j) => {
      const c = index.get(l);
      if (c === undefined) return;
      tp[j] = tpAll[c] as number;
      pred[j] = predAll[c] as number;
      tru[j] = trueAll[c] as number;
    });
    const total = sampleWeight === undefined ? yt.length : sequentialSum(sampleWeight);
    return finish(tp, pred, tru, total);
  }

  const { yTrue, yPred } = targets;
  const nRows = yTrue.rows;
  const nCols = yTrue.cols;
  const cols =
    labels === undefined ? Array.from({ length: nCols }, (_, j) => j) : checkIndicatorLabels(fn, labels, nCols);
  const m = cols.length;
  if (samplewise) {
    const tp = new Float64Array(nRows);
    const pred = new Float64Array(nRows);
    const tru = new Float64Array(nRows);
    const total = new Float64Array(nRows);
    for (let i = 0; i < nRows; i++) {
      let ctp = 0;
      let cpred = 0;
      let ctrue = 0;
      for (const c of cols) {
        const t = yTrue.data[i * nCols + c] !== 0;
        const p = yPred.data[i * nCols + c] !== 0;
        if (t && p) ctp++;
        if (p) cpred++;
        if (t) ctrue++;
      }
      const w = sampleWeight === undefined ? 1 : (sampleWeight[i] as number);
      tp[i] = ctp * w;
      pred[i] = cpred * w;
      tru[i] = ctrue * w;
      total[i] = w * m;
    }
    return finish(tp, pred, tru, total);
  }
  const tp = new Float64Array(m);
  const pred = new Float64Array(m);
  const tru = new Float64Array(m);
  for (let i = 0; i < nRows; i++) {
    const w = sampleWeight === undefined ? 1 : (sampleWeight[i] as number);
    for (let j = 0; j < m; j++) {
      const c = cols[j] as number;
      const t = yTrue.data[i * nCols + c] !== 0;
      const p = yPred.data[i * nCols + c] !== 0;
      if (t && p) tp[j] = (tp[j] as number) + w;
      if (p) pred[j] = (pred[j] as number) + w;
      if (t) tru[j] = (tru[j] as number) + w;
    }
  }
  const total = sampleWeight === undefined ? nRows : sequentialSum(sampleWeight);
  return finish(tp, pred, tru, total);
}

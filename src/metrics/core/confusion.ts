import { ValueError } from '../../errors/errors.js';
import { formatValue } from '../../util/format.js';
import { type ClassificationTargets, checkTargets } from './checkTargets.js';
import { readSampleWeight } from './input.js';
import { presentLabels, readLabelsOption } from './presentLabels.js';
import type { Label, LabelInput, SampleWeight } from './types.js';

/** A square confusion matrix, row-major, rows true labels and columns predicted labels. */
export interface Confusion {
  readonly counts: Float64Array;
  readonly labels: Label[];
  readonly k: number;
}

/**
 * Confusion counts as scikit-learn's `confusion_matrix` accumulates them (weights added in sample order);
 * samples whose true or predicted label is not in `labels` are left out.
 * @throws ValueError for multi-label targets, an empty `labels`, or `labels` none of which occurs in yTrue
 */
export function confusionCounts(
  fn: string,
  yTrue: LabelInput,
  yPred: LabelInput,
  labelsOption: readonly Label[] | null | undefined,
  sampleWeightOption: SampleWeight,
  names: readonly [string, string] = ['yTrue', 'yPred'],
): Confusion {
  const t: ClassificationTargets = checkTargets(fn, yTrue, yPred, names);
  if (t.type === 'multilabel-indicator') {
    throw new ValueError(`${fn}: multilabel-indicator targets are not supported; pass one label per sample.`, {
      fn,
    });
  }
  const n = t.yTrue.length;
  const sampleWeight = readSampleWeight(fn, sampleWeightOption, n);
  let labels: Label[];
  if (labelsOption == null) {
    labels = presentLabels(t);
  } else {
    labels = readLabelsOption(fn, labelsOption, n > 0 ? t.yTrue.isString : null);
    if (n > 0 && !t.yTrue.values.some((v) => labels.includes(v))) {
      throw new ValueError(
        `${fn}: none of "labels" ${formatValue(labels)} occurs in "${names[0]}"; at least one must.`,
        { fn, labels },
      );
    }
  }
  const k = labels.length;
  // Later duplicates win, as in scikit-learn's {label: index} dictionary.
  const index = new Map<Label, number>();
  labels.forEach((l, i) => index.set(l, i));
  const counts = new Float64Array(k * k);
  for (let i = 0; i < n; i++) {
    const a = index.get(t.yTrue.values[i] as Label);
    const b = index.get(t.yPred.values[i] as Label);
    if (a === undefined || b === undefined) continue;
    counts[a * k + b] = (counts[a * k + b] as number) + (sampleWeight === undefined ? 1 : (sampleWeight[i] as number));
  }
  return { counts, labels, k };
}

import { ValueError } from '../../errors/errors.js';
import type { Label } from '../base/labels.js';
import { satisfies, type Validator } from '../base/validators.js';

/** Per-class weights: label (as a string key) → weight, 'balanced', or null for all ones. */
export type ClassWeight = Readonly<Record<string, number>> | 'balanced' | null;

/** The constraint of a `classWeight` hyper-parameter. */
export const classWeightSpec: Validator = satisfies(
  'null, "balanced" or an object mapping labels to finite weights >= 0',
  (v) =>
    v === null ||
    v === 'balanced' ||
    (typeof v === 'object' &&
      !Array.isArray(v) &&
      Object.getPrototypeOf(v) === Object.prototype &&
      Object.values(v as object).every((x) => typeof x === 'number' && Number.isFinite(x) && x >= 0)),
);

/**
 * One weight per class, in `classes` order. 'balanced' gives n / (k · countᶜ), scikit-learn's
 * `compute_class_weight`; an object gives its value for each listed label and 1 for the others.
 * @param counts samples per class (unweighted), in `classes` order
 * @throws ValueError when the object names a label that is not a class
 */
export function expandClassWeight(
  classWeight: ClassWeight,
  classes: readonly Label[],
  counts: ArrayLike<number>,
  where: string,
): Float64Array {
  const k = classes.length;
  const out = new Float64Array(k).fill(1);
  if (classWeight === null) return out;
  if (classWeight === 'balanced') {
    let n = 0;
    for (let c = 0; c < k; c++) n += counts[c] as number;
    for (let c = 0; c < k; c++) {
      const nc = counts[c] as number;
      out[c] = nc > 0 ? n / (k * nc) : 1;
    }
    return out;
  }
  const names = classes.map(String);
  for (const [label, weight] of Object.entries(classWeight)) {
    const c = names.indexOf(label);
    if (c < 0) {
      throw new ValueError(
        `${where}: classWeight names label ${JSON.stringify(label)}, which is not a class; classes are ${names.map((s) => JSON.stringify(s)).join(', ')}.`,
        { where, label },
      );
    }
    out[c] = weight;
  }
  return out;
}

/** Number of samples of each class index 0…k−1. */
export function classCounts(indices: Int32Array, k: number): Float64Array {
  const counts = new Float64Array(k);
  for (let i = 0; i < indices.length; i++) counts[indices[i] as number] = (counts[indices[i] as number] as number) + 1;
  return counts;
}

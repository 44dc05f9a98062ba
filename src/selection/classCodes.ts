import { ValueError } from '../errors/errors.js';
import { checkLabels, uniqueLabels } from '../estimators/base/labels.js';
import type { SplitLabels } from './Splitter.js';

/** Class labels of a stratified split, encoded. */
export interface ClassCodes {
  /** Per sample, its class code. */
  codes: Int32Array;
  /** Samples per class code. */
  counts: number[];
}

/**
 * Encodes class labels for stratification. `order: 'sorted'` numbers the classes in sorted order (np.unique);
 * `order: 'appearance'` in order of first appearance (what scikit-learn's StratifiedKFold uses, so that folds
 * follow the data order).
 * @throws DataError on bad labels; ValueError when numeric labels are not integers (a continuous target)
 */
export function classCodes(y: SplitLabels, where: string, order: 'sorted' | 'appearance'): ClassCodes {
  const labels = checkLabels(y, where);
  if (labels.some((l) => typeof l === 'number' && !Number.isInteger(l))) {
    throw new ValueError(
      `${where}: y looks continuous (it holds non-integer numbers); stratification needs class labels (binary or multiclass).`,
      { where },
    );
  }
  const classes = order === 'sorted' ? uniqueLabels(labels) : [...new Set(labels)];
  const position = new Map(classes.map((c, i) => [c, i]));
  const codes = new Int32Array(labels.length);
  const counts = new Array<number>(classes.length).fill(0);
  labels.forEach((l, i) => {
    const c = position.get(l) as number;
    codes[i] = c;
    counts[c] = (counts[c] as number) + 1;
  });
  return { codes, counts };
}

import { DataError } from '../errors/errors.js';
import { BaseEstimator } from '../estimators/base/BaseEstimator.js';
import { type Label, type LabelsLike, checkLabels, uniqueLabels } from '../estimators/base/labels.js';
import { registerEstimator } from '../estimators/base/persistence.js';

interface LabelEncoderState {
  classes: Label[];
}

/**
 * Encodes target labels as 0 … k−1 in sorted order (scikit-learn's `LabelEncoder`). For y, not X: it takes and
 * returns one-dimensional label arrays.
 * @example new LabelEncoder().fitTransform(['b', 'a', 'b']) // Int32Array [1, 0, 1]
 */
export class LabelEncoder extends BaseEstimator<Record<string, never>, LabelEncoderState> {
  static override readonly className: string = 'LabelEncoder';
  static override readonly spec = {};
  static override readonly defaults = {};
  readonly estimatorType = 'transformer' as const;

  /** The distinct labels, sorted; a label's code is its index. */
  get classes(): Label[] {
    return [...this.fitted('classes').classes];
  }

  /**
   * Learns the distinct labels.
   * @throws DataError on NaN, null or mixed numbers and strings
   */
  fit(y: LabelsLike): this {
    this.state = { classes: uniqueLabels(checkLabels(y, 'LabelEncoder.fit')) };
    return this;
  }

  /**
   * Codes of `y`.
   * @throws DataError on labels not seen in fit, listing them
   */
  transform(y: LabelsLike): Int32Array {
    const s = this.fitted('transform');
    const labels = checkLabels(y, 'LabelEncoder.transform');
    const index = new Map(s.classes.map((c, i) => [c, i]));
    const unseen = [...new Set(labels.filter((l) => !index.has(l)))];
    if (unseen.length > 0) {
      throw new DataError(
        `LabelEncoder.transform: y contains previously unseen labels [${unseen.map((l) => JSON.stringify(l)).join(', ')}].`,
        {
          unseen,
        },
      );
    }
    return Int32Array.from(labels, (l) => index.get(l) as number);
  }

  /** `fit(y)` then `transform(y)`. */
  fitTransform(y: LabelsLike): Int32Array {
    return this.fit(y).transform(y);
  }

  /**
   * Labels of codes.
   * @throws DataError on a code outside [0, k)
   */
  inverseTransform(codes: ArrayLike<number>): Label[] {
    const s = this.fitted('inverseTransform');
    return Array.from(codes, (c, i) => {
      const l = s.classes[c];
      if (!Number.isInteger(c) || l === undefined) {
        throw new DataError(
          `LabelEncoder.inverseTransform: code ${c} at index ${i} is not in [0, ${s.classes.length}).`,
        );
      }
      return l;
    });
  }
}

registerEstimator(LabelEncoder);

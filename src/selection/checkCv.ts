import { ConfigError } from '../errors/errors.js';
import { integer } from '../estimators/base/validators.js';
import { type ModelLike, type Target, isClassifier } from './ModelLike.js';
import { KFold } from './KFold.js';
import type { Splitter } from './Splitter.js';
import { StratifiedKFold } from './StratifiedKFold.js';

/** A cross-validation setting: a fold count, a splitter, or explicit splits. */
export type CvSetting =
  | number
  | Splitter
  | readonly { readonly train: ArrayLike<number>; readonly test: ArrayLike<number> }[]
  | null
  | undefined;

/** True for an object with `split` and `getNSplits` methods. */
export function isSplitter(x: unknown): x is Splitter {
  return (
    x !== null &&
    typeof x === 'object' &&
    typeof (x as Splitter).split === 'function' &&
    typeof (x as Splitter).getNSplits === 'function'
  );
}

/** Validator of `cv` options: an integer >= 2, a splitter, an array of {train, test}, or null (5 folds). */
export const cvValidator = {
  description: 'an integer in [2, Infinity), a splitter (KFold, …), an array of {train, test} splits, or null',
  check: (v: unknown): boolean =>
    v === null ||
    integer(2, Infinity).check(v) ||
    isSplitter(v) ||
    (Array.isArray(v) && v.every((s) => s !== null && typeof s === 'object' && 'train' in s && 'test' in s)),
};

function isClassLabels(y: Target): boolean {
  if (y === undefined) return false;
  const values = Array.from(y as ArrayLike<number | string>);
  return values.every((v) => typeof v === 'string' || Number.isInteger(v));
}

/**
 * The splitter a `cv` setting means (scikit-learn's `check_cv`): null → 5 folds; an integer k → StratifiedKFold(k)
 * for a classifier with class-label targets, else KFold(k); a splitter or a list of splits as given.
 * @throws ConfigError on anything else
 */
export function checkCv(cv: CvSetting, y: Target, model: ModelLike, where: string): Splitter {
  const setting = cv ?? 5;
  if (typeof setting === 'number') {
    if (!Number.isInteger(setting) || setting < 2) {
      throw new ConfigError(`${where}: "cv" must be ${cvValidator.description}; received ${setting}.`);
    }
    return isClassifier(model) && isClassLabels(y)
      ? new StratifiedKFold({ nSplits: setting })
      : new KFold({ nSplits: setting });
  }
  if (isSplitter(setting)) return setting;
  if (cvValidator.check(setting)) {
    const splits = setting as readonly { train: ArrayLike<number>; test: ArrayLike<number> }[];
    return {
      split: () => splits.map((s) => ({ train: Int32Array.from(s.train), test: Int32Array.from(s.test) })),
      getNSplits: () => splits.length,
    };
  }
  throw new ConfigError(`${where}: "cv" must be ${cvValidator.description}.`);
}

import { ShapeError } from '../errors/errors.js';

/**
 * Names of `n` input columns: `inputFeatures` when given (checked against n), else those seen in fit, else
 * `x0, x1, …` (scikit-learn's `_check_feature_names_in`).
 * @throws ShapeError when inputFeatures has another length
 */
export function defaultNames(
  n: number,
  inputFeatures?: readonly string[],
  fitted?: readonly string[] | null,
): string[] {
  if (inputFeatures !== undefined) {
    if (inputFeatures.length !== n) {
      throw new ShapeError(`getFeatureNamesOut: inputFeatures has ${inputFeatures.length} names; expected ${n}.`);
    }
    return [...inputFeatures];
  }
  if (fitted) return [...fitted];
  return Array.from({ length: n }, (_, j) => `x${j}`);
}

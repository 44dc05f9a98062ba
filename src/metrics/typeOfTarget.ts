import { readTarget } from './core/input.js';
import { targetType } from './core/targetType.js';
import type { LabelInput, TargetType } from './core/types.js';

/**
 * The kind of a target, as scikit-learn's `type_of_target` names it: 'binary' (at most two distinct values),
 * 'multiclass', 'continuous' (numbers that are not all integers), 'multilabel-indicator' (a matrix of at most
 * two integral values), 'multiclass-multioutput', 'continuous-multioutput' or 'unknown'.
 *
 * @param y labels, numbers, or a matrix
 * @returns the target type
 * @throws DTypeError for mixed element types, DataError for NaN or ±Infinity
 * @example
 * typeOfTarget([1, -1, -1, 1]); // 'binary'
 * typeOfTarget([0.1, 0.6]); // 'continuous'
 */
export function typeOfTarget(y: LabelInput): TargetType {
  return targetType(readTarget('typeOfTarget', 'y', y));
}

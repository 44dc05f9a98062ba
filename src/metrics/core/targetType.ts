import type { Target } from './input.js';
import type { TargetType } from './types.js';

function isIntegral(x: number): boolean {
  return Number.isInteger(x);
}

/**
 * The kind of a classification target, following scikit-learn's `type_of_target` (sklearn/utils/multiclass.py):
 * numbers that are not all integers are 'continuous'; at most two distinct values make 'binary', more
 * 'multiclass'; a matrix with several columns and at most two distinct integral values is a
 * 'multilabel-indicator', otherwise '…-multioutput'.
 */
export function targetType(t: Target): TargetType {
  if (t.kind === 'labels') {
    if (t.length === 0) return 'binary';
    if (!t.isString) {
      for (const v of t.values) if (!isIntegral(v as number)) return 'continuous';
    }
    const distinct = new Set<unknown>();
    for (const v of t.values) {
      distinct.add(v);
      if (distinct.size > 2) return 'multiclass';
    }
    return 'binary';
  }
  const { data, rows } = t.matrix;
  if (rows === 0) return 'unknown';
  let integral = true;
  const distinct = new Set<number>();
  for (let i = 0; i < data.length; i++) {
    const v = data[i] as number;
    if (!isIntegral(v)) integral = false;
    if (distinct.size < 3) distinct.add(v);
  }
  if (integral && distinct.size < 3) return 'multilabel-indicator';
  return integral ? 'multiclass-multioutput' : 'continuous-multioutput';
}

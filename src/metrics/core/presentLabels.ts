import { DTypeError, ValueError } from '../../errors/errors.js';
import { formatValue } from '../../util/format.js';
import type { ClassificationTargets } from './checkTargets.js';
import { uniqueSorted } from './labels.js';
import type { Label } from './types.js';

/** The sorted labels present in either target (column indices for multi-label indicators). */
export function presentLabels(targets: ClassificationTargets): Label[] {
  if (targets.type === 'multilabel-indicator') return Array.from({ length: targets.yTrue.cols }, (_, i) => i);
  return uniqueSorted([...targets.yTrue.values, ...targets.yPred.values]);
}

/**
 * Reads a `labels` option: a non-empty array of labels of the targets' type (numbers or strings).
 * @throws DTypeError when the type differs from the targets', ValueError when empty.
 */
export function readLabelsOption(fn: string, labels: unknown, targetsAreStrings: boolean | null): Label[] {
  let arr: unknown[];
  if (Array.isArray(labels)) arr = labels;
  else if (ArrayBuffer.isView(labels) && !(labels instanceof DataView)) {
    arr = Array.from(labels as unknown as ArrayLike<number>);
  } else {
    throw new DTypeError(`${fn}: "labels" must be an array of labels; received ${formatValue(labels)}.`, { fn });
  }
  if (arr.length === 0) {
    throw new ValueError(`${fn}: "labels" must contain at least one label; received [].`, { fn });
  }
  for (const [i, l] of arr.entries()) {
    const ok = typeof l === 'string' || (typeof l === 'number' && Number.isFinite(l));
    if (!ok) {
      throw new DTypeError(`${fn}: "labels" must hold numbers or strings; index ${i} is ${formatValue(l)}.`, {
        fn,
        index: i,
      });
    }
    if (targetsAreStrings !== null && (typeof l === 'string') !== targetsAreStrings) {
      throw new DTypeError(
        `${fn}: "labels" holds ${formatValue(l)} (a ${typeof l}) but the targets hold ` +
          `${targetsAreStrings ? 'strings' : 'numbers'}; use labels of the targets' type.`,
        { fn, index: i },
      );
    }
  }
  return arr as Label[];
}

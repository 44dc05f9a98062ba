import { ValueError } from '../../errors/errors.js';
import { pyRepr, uniqueSorted } from './labels.js';
import type { Label } from './types.js';

function sameAs(classes: readonly Label[], expected: readonly number[]): boolean {
  return classes.length === expected.length && classes.every((c, i) => c === expected[i]);
}

/**
 * The positive label of a binary curve (scikit-learn's `_check_pos_label_consistency`): `posLabel` when given,
 * else 1 when the labels are {0, 1}, {-1, 1} or one of 0, -1, 1.
 * @throws ValueError when `posLabel` is missing and the labels are anything else (strings, {1, 2}, …)
 */
export function resolvePosLabel(fn: string, posLabel: Label | null | undefined, yTrue: ArrayLike<Label>): Label {
  if (posLabel !== null && posLabel !== undefined) return posLabel;
  const classes = uniqueSorted(Array.from(yTrue));
  const ok =
    classes.every((c) => typeof c === 'number') &&
    (sameAs(classes, [0, 1]) ||
      sameAs(classes, [-1, 1]) ||
      sameAs(classes, [0]) ||
      sameAs(classes, [-1]) ||
      sameAs(classes, [1]));
  if (!ok) {
    throw new ValueError(
      `${fn}: "yTrue" takes values in {${classes.map(pyRepr).join(', ')}} and "posLabel" is not specified; ` +
        'either make yTrue take values in {0, 1} or {-1, 1} or pass posLabel explicitly.',
      { fn, classes },
    );
  }
  return 1;
}

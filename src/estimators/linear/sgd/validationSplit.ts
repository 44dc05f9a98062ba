import { ValueError } from '../../../errors/errors.js';
import type { Random } from '../../../util/random.js';

/** Training and validation row numbers. */
export interface Split {
  train: Int32Array;
  validation: Int32Array;
}

/**
 * Splits rows 0…n−1 into a training part and a validation part of ⌈fraction·n⌉ rows for early stopping, at random;
 * with `strata` (class indices), each class keeps its share in both parts (scikit-learn's stratified split).
 * Row numbers come back ascending.
 * @throws ValueError when either part would be empty
 */
export function validationSplit(
  n: number,
  fraction: number,
  random: Random,
  where: string,
  strata: Int32Array | null = null,
): Split {
  const nVal = Math.ceil(fraction * n);
  if (nVal < 1 || nVal >= n) {
    throw new ValueError(
      `${where}: validationFraction ${fraction} of ${n} samples leaves ${nVal} validation and ${n - nVal} training samples; both must be at least 1. Use more data or change validationFraction.`,
      { where, n, fraction },
    );
  }
  const isVal = new Uint8Array(n);
  if (strata === null) {
    const perm = random.permutation(n);
    for (let k = 0; k < nVal; k++) isVal[perm[k] as number] = 1;
  } else {
    const groups = new Map<number, number[]>();
    for (let i = 0; i < n; i++) {
      const g = strata[i] as number;
      const list = groups.get(g);
      if (list === undefined) groups.set(g, [i]);
      else list.push(i);
    }
    // largest-remainder allocation of the validation rows over the classes
    const keys = [...groups.keys()].sort((a, b) => a - b);
    const exact = keys.map((g) => ((groups.get(g) as number[]).length * nVal) / n);
    const take = exact.map(Math.floor);
    let left = nVal - take.reduce((p, c) => p + c, 0);
    const byRemainder = keys
      .map((_, i) => i)
      .sort(
        (a, b) => (exact[b] as number) - (take[b] as number) - ((exact[a] as number) - (take[a] as number)) || a - b,
      );
    for (const i of byRemainder) {
      if (left === 0) break;
      take[i] = (take[i] as number) + 1;
      left -= 1;
    }
    keys.forEach((g, gi) => {
      const rows = random.shuffle([...(groups.get(g) as number[])]);
      for (let k = 0; k < (take[gi] as number); k++) isVal[rows[k] as number] = 1;
    });
  }
  const train: number[] = [];
  const validation: number[] = [];
  for (let i = 0; i < n; i++) (isVal[i] ? validation : train).push(i);
  if (train.length === 0 || validation.length === 0) {
    throw new ValueError(
      `${where}: the validation split left an empty part; use more data or change validationFraction.`,
      {
        where,
      },
    );
  }
  return { train: Int32Array.from(train), validation: Int32Array.from(validation) };
}

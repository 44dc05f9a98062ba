/**
 * The summation and number formatting that let lsml agree with scikit-learn to the last bit and character.
 * Known answers were printed by NumPy 1.24.2 and CPython 3.11 (repr and format of floats).
 */
import { describe, expect, it } from 'vitest';
import { stableArgsort } from '../../src/metrics/core/argsort.js';
import { average, averageAxis0 } from '../../src/metrics/core/average.js';
import { pairwiseSum, sumAxis0 } from '../../src/util/pairwiseSum.js';
import { formatFixed, padStart, pyFloatRepr } from '../../src/metrics/core/pyFormat.js';
import { Random } from '../../src/util/random.js';

/** NumPy's pairwise sum written plainly (numpy/core/src/umath/loops_utils.h.src), as the slow reference. */
function referencePairwise(a: number[]): number {
  const rec = (lo: number, n: number): number => {
    if (n < 8) return a.slice(lo, lo + n).reduce((s, v) => s + v, 0);
    if (n <= 128) {
      const r = a.slice(lo, lo + 8);
      let i = 8;
      for (; i < n - (n % 8); i += 8) for (let j = 0; j < 8; j++) r[j] = (r[j] as number) + (a[lo + i + j] as number);
      const [r0, r1, r2, r3, r4, r5, r6, r7] = r as [number, number, number, number, number, number, number, number];
      let res = r0 + r1 + (r2 + r3) + (r4 + r5 + (r6 + r7));
      for (; i < n; i++) res += a[lo + i] as number;
      return res;
    }
    const n2 = Math.floor(n / 2) - (Math.floor(n / 2) % 8);
    return rec(lo, n2) + rec(lo + n2, n - n2);
  };
  let res = 0;
  for (let start = 0; start < a.length; start += 8192) res += rec(start, Math.min(8192, a.length - start));
  return res;
}

describe('NumPy-order summation', () => {
  it('matches np.sum on known inputs where naive summation differs', () => {
    expect(pairwiseSum(new Array<number>(1000).fill(0.1))).toBe(100.00000000000001); // naive: 99.9999999999986
    expect(pairwiseSum(new Array<number>(20000).fill(0.1))).toBe(2000.0000000000005); // blocks of 8192
    expect(pairwiseSum(Array.from({ length: 3000 }, (_, i) => (i + 1) / 7))).toBe(643071.4285714286);
  });

  it('sums columns of a matrix as np.sum(axis=0): sequentially for several columns, pairwise for one', () => {
    expect(Array.from(sumAxis0(new Array<number>(150).fill(0.1), 50, 3))).toEqual([
      4.999999999999998, 4.999999999999998, 4.999999999999998,
    ]);
    expect(Array.from(sumAxis0(new Array<number>(200).fill(0.1), 200, 1))).toEqual([20]); // sequential: 20.000000000000014
  });

  it('agrees bit for bit with the plain reference at every size and stride', () => {
    const rng = new Random(7);
    for (const n of [0, 1, 7, 8, 9, 15, 16, 17, 127, 128, 129, 255, 256, 1000, 8191, 8192, 8193, 20000]) {
      const a = Array.from({ length: n }, () => rng.normal() * 10 ** rng.int(8));
      expect(pairwiseSum(a)).toBe(referencePairwise(a));
      const strided = a.flatMap((v) => [v, 1e300]);
      expect(pairwiseSum(strided, 0, n, 2)).toBe(referencePairwise(a));
    }
  });

  it('averages like np.average, with and without weights', () => {
    expect(average('t', [1, 2, 3, 4])).toBe(2.5);
    expect(average('t', [1, 2, 3], [1, 0, 3])).toBe(2.5);
    expect(() => average('t', [1, 2], [0, 0])).toThrow(
      't: the weights sum to zero, so the weighted average is undefined.',
    );
    expect(Array.from(averageAxis0('t', [1, 10, 3, 30], 2, 2, [1, 3]))).toEqual([2.5, 25]);
  });
});

describe('stable argsort', () => {
  it('orders like a stable comparison sort, ties (including -0 and +0) in input order', () => {
    const rng = new Random(11);
    for (const n of [0, 1, 5, 511, 512, 3000]) {
      const pool = [
        -0,
        0,
        1e-300,
        -1e-300,
        5e-324,
        -Number.MAX_VALUE,
        Number.MAX_VALUE,
        -Infinity,
        Infinity,
        0.1,
        -2.5,
      ];
      const values = Array.from({ length: n }, () =>
        rng.uniform() < 0.3 ? (pool[rng.int(pool.length)] as number) : Math.round(rng.normal() * 20) / 4,
      );
      const expected = Array.from({ length: n }, (_, i) => i).sort(
        (a, b) => (values[a] as number) - (values[b] as number) || a - b,
      );
      expect(Array.from(stableArgsort(values))).toEqual(expected);
    }
  });
});

describe('Python number formatting', () => {
  it("formats fixed point as format(x, '.nf'): ties half to even on the exact binary value", () => {
    expect(formatFixed(0.125, 2)).toBe('0.12'); // JavaScript's toFixed gives 0.13
    expect(formatFixed(0.375, 2)).toBe('0.38');
    expect(formatFixed(2.675, 2)).toBe('2.67'); // 2.675 is 2.67499999… in binary
    expect(formatFixed(0.5, 0)).toBe('0');
    expect(formatFixed(1.5, 0)).toBe('2');
    expect(formatFixed(2.5, 0)).toBe('2');
    expect(formatFixed(-0, 2)).toBe('-0.00');
    expect(formatFixed(1e-7, 4)).toBe('0.0000');
    expect(formatFixed(0.00005, 4)).toBe('0.0001');
    expect(formatFixed(NaN, 2)).toBe('nan');
  });

  it('prints floats as repr(x)', () => {
    expect(pyFloatRepr(10)).toBe('10.0');
    expect(pyFloatRepr(1e-5)).toBe('1e-05');
    expect(pyFloatRepr(1e16)).toBe('1e+16');
    expect(pyFloatRepr(123456789012345680)).toBe('1.2345678901234568e+17');
    expect(pyFloatRepr(0.0001)).toBe('0.0001');
    expect(pyFloatRepr(12.5)).toBe('12.5');
    expect(pyFloatRepr(1 / 3)).toBe('0.3333333333333333');
    expect(pyFloatRepr(1e22)).toBe('1e+22');
    expect(pyFloatRepr(5e-324)).toBe('5e-324');
  });

  it('pads by code points', () => {
    expect(padStart('é', 3)).toBe('  é');
    expect(padStart('😀', 3)).toBe('  😀');
    expect(padStart('long text', 3)).toBe('long text');
  });
});

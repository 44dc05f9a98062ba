import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { DenseMatrix } from '../../../src/estimators/base/DenseMatrix.js';
import { Random } from '../../../src/util/random.js';

/** Reads a fixture (made by bench/svm/makeFixtures.ts with LIBSVM's and LIBLINEAR's own tools). */
export function fixture(name: string): string {
  return readFileSync(join('test/estimators/svm/fixtures', name), 'utf8');
}

/** The values of a Float64Array or DenseMatrix as a flat array. */
export function flat(v: Float64Array | DenseMatrix): number[] {
  return Array.from(v instanceof DenseMatrix ? v.data : v);
}

/** Asserts |a_i − b_i| ≤ tol for all i. */
export function expectAllClose(a: ArrayLike<number>, b: ArrayLike<number>, tol: number): void {
  expect(a.length).toBe(b.length);
  let worst = 0;
  let at = -1;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs((a[i] as number) - (b[i] as number));
    if (!(d <= worst)) {
      worst = d;
      at = i;
    }
  }
  if (!(worst <= tol)) throw new Error(`element ${at}: ${a[at]} vs ${b[at]} differ by ${worst} > ${tol}`);
}

/** Two Gaussian blobs in 2-D, labels 0/1 (seeded). */
export function blobs(n: number, seed: number, spread = 1): { X: number[][]; y: number[] } {
  const rng = new Random(seed);
  const X: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const c = i % 2;
    X.push([rng.normal() * spread + (c === 0 ? -1 : 1), rng.normal() * spread + (c === 0 ? -0.5 : 0.5)]);
    y.push(c);
  }
  return { X, y };
}

/** A nonlinear two-class problem in d dimensions (seeded): label 1 when x0·x1 + sin(x2) + noise > 0. */
export function nonlinear(n: number, d: number, seed: number): { X: number[][]; y: number[] } {
  const rng = new Random(seed);
  const X: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const row = Array.from({ length: d }, () => rng.normal());
    X.push(row);
    y.push((row[0] as number) * (row[1] as number) + Math.sin(row[2 % d] as number) + 0.3 * rng.normal() > 0 ? 1 : 0);
  }
  return { X, y };
}

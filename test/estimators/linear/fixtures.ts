import { Random } from '../../../src/util/random.js';

/**
 * Seeded test problems, built only from lsml's `Random`, so scikit-learn can be run on exactly the same numbers
 * (the known answers in these tests were computed that way, with scikit-learn 1.2.1).
 */

/** n × d standard normals; label 1 when x₀ + 0.5x₁ − x₂ + 0.3·noise > 0 (seed 1, n 2000, d 5 in the goldens). */
export function binaryProblem(seed = 1, n = 2000, d = 5): { X: number[][]; y: number[] } {
  const r = new Random(seed);
  const X: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const row = Array.from({ length: d }, () => r.normal());
    X.push(row);
    y.push((row[0] as number) + 0.5 * (row[1] as number) - (row[2] as number) + 0.3 * r.normal() > 0 ? 1 : 0);
  }
  return { X, y };
}

/** Half-sparse regression rows with weights (seed 3, n 200, d 8 in the goldens). */
export function regressionProblem(seed = 3, n = 200, d = 8): { X: number[][]; y: number[]; w: number[] } {
  const r = new Random(seed);
  const X: number[][] = [];
  const y: number[] = [];
  const w: number[] = [];
  for (let i = 0; i < n; i++) {
    const row = Array.from({ length: d }, (_, j) => (r.uniform() < 0.5 ? 0 : r.normal() + j * 0.3));
    X.push(row);
    y.push((row[0] as number) * 2 - (row[1] as number) + 0.5 * (row[3] as number) + 3 + 0.5 * r.normal());
    w.push(0.5 + r.uniform());
  }
  return { X, y, w };
}

/** Three classes of `binaryProblem`'s rows: 0 when x₀ > 0.5, else 1 when x₁ > 0, else 2. */
export function threeClassLabels(X: number[][]): number[] {
  return X.map((r) => ((r[0] as number) > 0.5 ? 0 : (r[1] as number) > 0 ? 1 : 2));
}

/** Asserts every |a − e| ≤ atol + rtol·|e|, naming the first index that is not. */
export function expectAllClose(actual: ArrayLike<number>, expected: ArrayLike<number>, rtol = 1e-6, atol = 1e-9): void {
  if (actual.length !== expected.length) throw new Error(`length ${actual.length}, expected ${expected.length}`);
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i] as number;
    const e = expected[i] as number;
    if (!(Math.abs(a - e) <= atol + rtol * Math.abs(e))) {
      throw new Error(`index ${i}: received ${a}, expected ${e} (rtol ${rtol}, atol ${atol})`);
    }
  }
}

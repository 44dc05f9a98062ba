import { expect } from 'vitest';
import { backward, noGrad, Random, Tensor } from '../../src/index.js';

/** Options of `gradCheck`. */
export interface GradCheckOptions {
  /** Central-difference step. */
  h?: number;
  rtol?: number;
  atol?: number;
  seed?: number;
}

/** float64 leaf tensor with the given values and shape, requiring grad. */
export function leaf(values: ArrayLike<number>, shape: readonly number[]): Tensor {
  return new Tensor(Float64Array.from(values as ArrayLike<number>), shape, true);
}

/** float64 leaf of `shape` with uniform values in [lo, hi), seeded. */
export function randLeaf(shape: readonly number[], seed: number, lo = -1, hi = 1): Tensor {
  const rng = new Random(seed);
  const n = shape.reduce((p, d) => p * d, 1);
  return leaf(
    Array.from({ length: n }, () => lo + (hi - lo) * rng.uniform()),
    shape,
  );
}

/**
 * Compares autograd's gradient of L = Σ f(x)·R (R a fixed random projection, so the whole Jacobian is exercised)
 * with central differences (f(x + h) − f(x − h)) / 2h, for every element of every float64 input.
 */
export function gradCheck(
  f: (...xs: Tensor[]) => Tensor,
  inputs: Tensor[],
  { h = 1e-5, rtol = 1e-4, atol = 1e-6, seed = 7 }: GradCheckOptions = {},
): void {
  for (const x of inputs) {
    expect(x.dtype).toBe('float64');
    x.grad = null;
  }
  const out = f(...inputs);
  const rng = new Random(seed);
  const projection = new Tensor(
    Float64Array.from({ length: out.size }, () => rng.uniform() * 2 - 1),
    out.shape,
  );
  backward(out, { gradOutput: projection });
  const objective = (): number =>
    noGrad(() => {
      const y = f(...inputs).data;
      let s = 0;
      for (let i = 0; i < y.length; i++) s += (y[i] as number) * (projection.data[i] as number);
      return s;
    });
  inputs.forEach((x, k) => {
    const analytic = x.grad?.data ?? new Float64Array(x.size);
    const data = x.data as Float64Array;
    for (let i = 0; i < x.size; i++) {
      const saved = data[i] as number;
      data[i] = saved + h;
      const plus = objective();
      data[i] = saved - h;
      const minus = objective();
      data[i] = saved;
      const numeric = (plus - minus) / (2 * h);
      const a = analytic[i] as number;
      const tol = atol + rtol * Math.abs(numeric);
      if (!(Math.abs(a - numeric) <= tol)) {
        throw new Error(
          `gradient mismatch in input ${k} at element ${i}: autograd ${a}, numeric ${numeric} (tolerance ${tol})`,
        );
      }
    }
  });
}

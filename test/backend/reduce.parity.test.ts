import { describe, it } from 'vitest';
import { Tensor } from '../../src/tensor/Tensor.js';
import { Random } from '../../src/util/random.js';
import { abs, expectIdentical, expectParity, REF, SEED, uniform, WASM } from './parityHelpers.js';

/** Every subset of axes of a rank-4 shape with awkward sizes, plus the empty subset. */
function subsets(rank: number): number[][] {
  const out: number[][] = [];
  for (let mask = 0; mask < 1 << rank; mask++) {
    out.push([...Array(rank).keys()].filter((d) => mask & (1 << d)));
  }
  return out;
}

describe(`reductions and softmax match the reference (seed ${SEED})`, () => {
  const rng = new Random(SEED);

  it('Sum (error <= 1e-5 of Σ|x|), Max and Min (exact) over every set of axes', () => {
    for (const shape of [
      [3, 5, 7, 9],
      [1, 17, 1, 33],
      [2, 1, 65, 4],
    ]) {
      const x = uniform(rng, shape, -5, 5);
      for (const axes of subsets(shape.length)) {
        expectParity(WASM.Sum(x, axes), REF.Sum(x, axes), `Sum [${shape}] axes [${axes}]`, 1e-5, REF.Sum(abs(x), axes));
        expectIdentical(WASM.Max(x, axes), REF.Max(x, axes), `Max [${shape}] axes [${axes}]`);
        expectIdentical(WASM.Min(x, axes), REF.Min(x, axes), `Min [${shape}] axes [${axes}]`);
      }
    }
  });

  it('a large column sum (the bias gradient of a dense layer) and a full sum', () => {
    const x = uniform(rng, [4096, 129]);
    expectParity(WASM.Sum(x, [0]), REF.Sum(x, [0]), 'Sum rows', 1e-5, REF.Sum(abs(x), [0]));
    expectParity(WASM.Sum(x, [0, 1]), REF.Sum(x, [0, 1]), 'Sum all', 1e-5, REF.Sum(abs(x), [0, 1]));
  });

  it('NaN wins in Max and Min; Prod and the arg-reductions use the reference', () => {
    const x = new Tensor(Float32Array.from([1, NaN, 3, -2, 5, 6, 7, NaN, -Infinity, 0, 2, 1]), [3, 4]);
    for (const axes of [[0], [1], [0, 1]]) {
      expectIdentical(WASM.Max(x, axes), REF.Max(x, axes), `Max NaN [${axes}]`);
      expectIdentical(WASM.Min(x, axes), REF.Min(x, axes), `Min NaN [${axes}]`);
    }
    const y = uniform(rng, [5, 6], 0.5, 1.5);
    expectIdentical(WASM.Prod(y, [1]), REF.Prod(y, [1]), 'Prod');
    expectIdentical(WASM.ArgMax(y, 1), REF.ArgMax(y, 1), 'ArgMax');
    expectIdentical(WASM.ArgMin(y, 0), REF.ArgMin(y, 0), 'ArgMin');
  });

  it('Softmax (relative error <= 1e-5) along every axis, rows of 1 to 1000', () => {
    for (const shape of [
      [3, 5, 7, 9],
      [2, 1, 17, 6],
      [64, 1000],
      [1, 3],
      [4, 1],
    ]) {
      const x = uniform(rng, shape, -20, 20);
      for (let axis = 0; axis < shape.length; axis++) {
        expectParity(WASM.Softmax(x, axis), REF.Softmax(x, axis), `Softmax [${shape}] axis ${axis}`);
      }
    }
  });

  it('LogSoftmax (error <= 1e-5 of |x − max| + log Σ exp(x − max), + n·2⁻⁵³) along every axis', () => {
    for (const shape of [
      [3, 5, 7, 9],
      [2, 1, 17, 6],
      [64, 1000],
      [1, 3],
    ]) {
      const x = uniform(rng, shape, -20, 20);
      for (let axis = 0; axis < shape.length; axis++) {
        const want = REF.LogSoftmax(x, axis);
        // The terms of y = (x − max) − log Σ bound the rounding error of the difference; and Σ ≥ 1 is summed in
        // double precision by both backends (relative error up to n·2⁻⁵³), an absolute error in log Σ that
        // shows when one element dominates and log Σ is tiny.
        const n = shape[axis] as number;
        const max = REF.BroadcastTo(REF.Max(x, [axis]), x.shape);
        const shifted = REF.Sub(x, max);
        const logSum = REF.Sub(shifted, want);
        const sumError = new Tensor(Float32Array.from([(n * 2 ** -53) / 1e-5]), []);
        const scale = REF.Add(REF.Add(abs(shifted), abs(logSum)), sumError);
        expectParity(WASM.LogSoftmax(x, axis), want, `LogSoftmax [${shape}] axis ${axis}`, 1e-5, scale);
      }
    }
  });

  it('softmax of a line with infinities and NaN follows the reference', () => {
    const x = new Tensor(Float32Array.from([1, 2, Infinity, 0, -Infinity, -Infinity, 3, NaN, 5]), [3, 3]);
    expectParity(WASM.Softmax(x, 1), REF.Softmax(x, 1), 'Softmax specials');
    expectParity(WASM.LogSoftmax(x, 1), REF.LogSoftmax(x, 1), 'LogSoftmax specials');
  });
});

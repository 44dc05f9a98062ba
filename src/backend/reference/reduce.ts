import { allocate } from '../../tensor/dtype.js';
import { reducedShape } from '../../tensor/shape.js';
import { Tensor } from '../../tensor/Tensor.js';
import type { ReduceKernelName } from '../kernels.js';
import { broadcastStrides, forEachBroadcast } from './broadcast.js';

interface Reducer {
  init: number;
  step: (acc: number, v: number) => number;
}

const REDUCERS: Record<ReduceKernelName, Reducer> = {
  Sum: { init: 0, step: (acc, v) => acc + v },
  Prod: { init: 1, step: (acc, v) => acc * v },
  // NaN wins, as in NumPy: a comparison with NaN is false, so test it explicitly.
  Max: { init: -Infinity, step: (acc, v) => (v > acc || Number.isNaN(v) ? v : acc) },
  Min: { init: Infinity, step: (acc, v) => (v < acc || Number.isNaN(v) ? v : acc) },
};

/**
 * Reduces over `axes` in float64 and stores in the input dtype. Sums accumulate in input order; the
 * fast backends may reorder, which the parity suite's tolerance allows for.
 */
export function reduceKernel(name: ReduceKernelName): (x: Tensor, axes: readonly number[]) => Tensor {
  const { init, step } = REDUCERS[name];
  return (x, axes) => {
    const outShape = reducedShape(x.shape, axes, true);
    const outSize = outShape.reduce((p, d) => p * d, 1);
    const acc = new Float64Array(outSize).fill(init);
    const src = x.data;
    // Walk the input in order; the output offset ignores the reduced axes (their strides are 0).
    forEachBroadcast(x.shape, [broadcastStrides(outShape, x.shape)], (i, off) => {
      const o = off[0] as number;
      acc[o] = step(acc[o] as number, src[i] as number);
    });
    const out = allocate(x.dtype, outSize);
    for (let o = 0; o < outSize; o++) out[o] = acc[o] as number;
    return new Tensor(out, outShape);
  };
}

/** Index along `axis` of the first largest (or smallest) value; NaN counts as the extreme. */
export function argReduceKernel(name: 'ArgMax' | 'ArgMin'): (x: Tensor, axis: number) => Tensor {
  const better = name === 'ArgMax' ? (v: number, b: number) => v > b : (v: number, b: number) => v < b;
  return (x, axis) => {
    const n = x.shape[axis] as number;
    const inner = x.shape.slice(axis + 1).reduce((p, d) => p * d, 1);
    const outer = x.size / Math.max(n * inner, 1);
    const out = new Int32Array(outer * inner);
    const src = x.data;
    for (let o = 0; o < outer; o++) {
      for (let j = 0; j < inner; j++) {
        const base = o * n * inner + j;
        let best = src[base] as number;
        let bestIndex = 0;
        for (let k = 1; k < n && !Number.isNaN(best); k++) {
          const v = src[base + k * inner] as number;
          if (better(v, best) || Number.isNaN(v)) {
            best = v;
            bestIndex = k;
          }
        }
        out[o * inner + j] = bestIndex;
      }
    }
    return new Tensor(out, reducedShape(x.shape, [axis], true));
  };
}

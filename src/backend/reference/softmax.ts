import { allocate } from '../../tensor/dtype.js';
import { Tensor } from '../../tensor/Tensor.js';

/**
 * Runs `f` over every line of `x` along `axis`, passing the line's maximum and Σ exp(v − max). Subtracting the
 * maximum keeps every exponent ≤ 0, so nothing overflows.
 */
function forEachLine(
  x: Tensor,
  axis: number,
  f: (offset: number, stride: number, n: number, max: number, sumExp: number) => void,
): void {
  const n = x.shape[axis] as number;
  const inner = x.shape.slice(axis + 1).reduce((p, d) => p * d, 1);
  const outer = x.shape.slice(0, axis).reduce((p, d) => p * d, 1);
  const src = x.data;
  for (let o = 0; o < outer; o++) {
    for (let j = 0; j < inner; j++) {
      const off = o * n * inner + j;
      let max = -Infinity;
      for (let k = 0; k < n; k++) max = Math.max(max, src[off + k * inner] as number);
      let sum = 0;
      for (let k = 0; k < n; k++) sum += Math.exp((src[off + k * inner] as number) - max);
      f(off, inner, n, max, sum);
    }
  }
}

/** exp(x − max) / Σ exp(x − max). */
export function softmax(x: Tensor, axis: number): Tensor {
  const out = allocate(x.dtype, x.size);
  const src = x.data;
  forEachLine(x, axis, (off, stride, n, max, sum) => {
    for (let k = 0; k < n; k++) out[off + k * stride] = Math.exp((src[off + k * stride] as number) - max) / sum;
  });
  return new Tensor(out, x.shape);
}

/** x − max − log Σ exp(x − max). */
export function logSoftmax(x: Tensor, axis: number): Tensor {
  const out = allocate(x.dtype, x.size);
  const src = x.data;
  forEachLine(x, axis, (off, stride, n, max, sum) => {
    const logSum = Math.log(sum);
    for (let k = 0; k < n; k++) out[off + k * stride] = (src[off + k * stride] as number) - max - logSum;
  });
  return new Tensor(out, x.shape);
}

import { allocate } from '../../tensor/dtype.js';
import { broadcastShapes, sizeOf, stridesOf } from '../../tensor/shape.js';
import { Tensor } from '../../tensor/Tensor.js';

/**
 * Batched matrix product C = op(A) · op(B) over the last two axes, op = transpose when asked. The batch axes
 * broadcast. Plain triple loop with a float64 accumulator: the oracle for the fast GEMM.
 */
export function matMul(a: Tensor, b: Tensor, transposeA: boolean, transposeB: boolean): Tensor {
  const ra = a.rank;
  const rb = b.rank;
  const m = a.shape[transposeA ? ra - 1 : ra - 2] as number;
  const k = a.shape[transposeA ? ra - 2 : ra - 1] as number;
  const n = b.shape[transposeB ? rb - 2 : rb - 1] as number;
  const batchShape = broadcastShapes(a.shape.slice(0, -2), b.shape.slice(0, -2), 'matMul');
  const batch = sizeOf(batchShape);
  const out = allocate(a.dtype, batch * m * n);
  const aBatchStrides = batchStrides(a.shape.slice(0, -2), batchShape, m * k);
  const bBatchStrides = batchStrides(b.shape.slice(0, -2), batchShape, k * n);
  // Element (i, p) of op(A) sits at i*sai + p*sap; likewise for B.
  const [sai, sap] = transposeA ? [1, m] : [k, 1];
  const [sbp, sbj] = transposeB ? [1, k] : [n, 1];
  const ad = a.data;
  const bd = b.data;
  const outBatchStrides = stridesOf(batchShape);
  for (let t = 0; t < batch; t++) {
    let aOff = 0;
    let bOff = 0;
    let rest = t;
    for (let d = 0; d < batchShape.length; d++) {
      const c = Math.floor(rest / (outBatchStrides[d] as number));
      rest -= c * (outBatchStrides[d] as number);
      aOff += c * (aBatchStrides[d] as number);
      bOff += c * (bBatchStrides[d] as number);
    }
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        let acc = 0;
        for (let p = 0; p < k; p++) {
          acc += (ad[aOff + i * sai + p * sap] as number) * (bd[bOff + p * sbp + j * sbj] as number);
        }
        out[t * m * n + i * n + j] = acc;
      }
    }
  }
  return new Tensor(out, [...batchShape, m, n]);
}

/** Strides (in elements) of each batch axis of an operand, 0 where it broadcasts. */
function batchStrides(own: readonly number[], batchShape: readonly number[], matrixSize: number): number[] {
  const offset = batchShape.length - own.length;
  const strides = new Array<number>(batchShape.length).fill(0);
  let s = matrixSize;
  for (let d = own.length - 1; d >= 0; d--) {
    if (own[d] !== 1) strides[d + offset] = s;
    s *= own[d] as number;
  }
  return strides;
}

import { sizeOf, stridesOf } from '../../tensor/shape.js';

/**
 * Element offset of each batch of an operand whose batch axes `own` broadcast to `batchShape`; each batch
 * is a matrix of `matrixSize` elements. Offsets repeat where the operand broadcasts.
 */
export function batchOffsets(own: readonly number[], batchShape: readonly number[], matrixSize: number): number[] {
  const pad = batchShape.length - own.length;
  const strides = new Array<number>(batchShape.length).fill(0);
  let s = matrixSize;
  for (let d = own.length - 1; d >= 0; d--) {
    if (own[d] !== 1) strides[d + pad] = s;
    s *= own[d] as number;
  }
  const outStrides = stridesOf(batchShape);
  const total = sizeOf(batchShape);
  const offsets = new Array<number>(total);
  for (let t = 0; t < total; t++) {
    let rest = t;
    let off = 0;
    for (let d = 0; d < batchShape.length; d++) {
      const c = Math.floor(rest / (outStrides[d] as number));
      rest -= c * (outStrides[d] as number);
      off += c * (strides[d] as number);
    }
    offsets[t] = off;
  }
  return offsets;
}

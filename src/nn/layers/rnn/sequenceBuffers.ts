import { getKernel } from '../../../backend/registry.js';
import { type DType, allocate } from '../../../tensor/dtype.js';
import { Tensor } from '../../../tensor/Tensor.js';

/** Float storage the fused loops work on. */
export type Buf = Float32Array | Float64Array;

/** Options of the fused recurrent sequence ops. */
export interface SequenceOptions {
  units: number;
  returnSequences: boolean;
  /** Process the sequence from the last step to the first; outputs come in processing order (as Keras). */
  goBackwards: boolean;
  /** [batch, units] inverted-dropout mask applied to the state before the recurrent product, or null. */
  recurrentMask: Tensor | null;
}

/** A zeroed float buffer of `dtype`. */
export function buffer(dtype: DType, size: number): Buf {
  return allocate(dtype, size) as Buf;
}

/** a [m, k] · b (k × n, or n × k with transposeB) through the active backend's MatMul kernel. */
export function matmulRaw(a: Buf, m: number, k: number, b: Tensor, transposeB = false): Buf {
  return getKernel('MatMul')(new Tensor(a, [m, k]), b, false, transposeB).data as Buf;
}

/** The time index processing step `s` reads, for a sequence of length `steps`. */
export function timeOf(s: number, steps: number, goBackwards: boolean): number {
  return goBackwards ? steps - 1 - s : s;
}

/**
 * Gradient of the per-step inputs, laid out like the projected input [batch, steps, width]. The loops store
 * step gradients in processing order; going backwards they are flipped back to time order here.
 */
export function toTimeOrder(d: Buf, batch: number, steps: number, width: number, goBackwards: boolean): Buf {
  if (!goBackwards) return d;
  const out = d.slice();
  for (let b = 0; b < batch; b++) {
    for (let s = 0; s < steps; s++) {
      const t = steps - 1 - s;
      out.set(d.subarray((b * steps + s) * width, (b * steps + s + 1) * width), (b * steps + t) * width);
    }
  }
  return out;
}

/** hin = h ⊙ mask (or a copy of h without a mask). */
export function maskState(h: Buf, mask: Buf | null, into: Buf): Buf {
  if (mask === null) {
    into.set(h);
    return into;
  }
  for (let i = 0; i < h.length; i++) into[i] = (h[i] as number) * (mask[i] as number);
  return into;
}

import { stridesOf } from '../../tensor/shape.js';

/**
 * Strides of `shape` viewed as `outShape` under broadcasting: aligned to the right, 0 along the axes where
 * `shape` has size 1 (or is missing), so one index walks every input of a broadcast op.
 */
export function broadcastStrides(shape: readonly number[], outShape: readonly number[]): number[] {
  const own = stridesOf(shape);
  const offset = outShape.length - shape.length;
  return outShape.map((_, i) => {
    const j = i - offset;
    return j < 0 || shape[j] === 1 ? 0 : (own[j] as number);
  });
}

/**
 * Calls `visit(outIndex, offsets)` for every element of `outShape` in row-major order, with `offsets[k]` the
 * position of the matching element in input `k` (whose broadcast strides are `strides[k]`).
 */
export function forEachBroadcast(
  outShape: readonly number[],
  strides: readonly (readonly number[])[],
  visit: (outIndex: number, offsets: Int32Array) => void,
): void {
  const rank = outShape.length;
  const size = outShape.reduce((a, b) => a * b, 1);
  if (size === 0) return;
  const offsets = new Int32Array(strides.length);
  const counter = new Int32Array(rank);
  for (let o = 0; o < size; o++) {
    visit(o, offsets);
    // Odometer step: bump the last axis, carry into earlier ones, and move every input offset to match.
    for (let d = rank - 1; d >= 0; d--) {
      const c = (counter[d] as number) + 1;
      if (c < (outShape[d] as number)) {
        counter[d] = c;
        for (let k = 0; k < strides.length; k++)
          offsets[k] = (offsets[k] as number) + ((strides[k] as number[])[d] as number);
        break;
      }
      counter[d] = 0;
      for (let k = 0; k < strides.length; k++) {
        offsets[k] = (offsets[k] as number) - ((strides[k] as number[])[d] as number) * (c - 1);
      }
    }
  }
}

/**
 * Shapes for the strided kernels: drops size-1 axes and merges neighbouring axes that are contiguous in
 * every operand, so the common cases (same shapes; a row or column broadcast) become rank 1 or 2.
 */
export interface Collapsed {
  shape: number[];
  strides: number[][];
}

/** Collapses `shape`, walked by each operand's element `strides` (0 where it broadcasts). */
export function collapse(shape: readonly number[], strides: readonly (readonly number[])[]): Collapsed {
  const out: number[] = [];
  const outStrides = strides.map(() => [] as number[]);
  for (let d = 0; d < shape.length; d++) {
    const size = shape[d] as number;
    if (size === 1) continue;
    const last = out.length - 1;
    const mergeable =
      last >= 0 && strides.every((s, k) => (outStrides[k] as number[])[last] === (s[d] as number) * size);
    if (mergeable) {
      out[last] = (out[last] as number) * size;
      strides.forEach((s, k) => ((outStrides[k] as number[])[last] = s[d] as number));
    } else {
      out.push(size);
      strides.forEach((s, k) => (outStrides[k] as number[]).push(s[d] as number));
    }
  }
  if (out.length === 0) {
    out.push(1);
    outStrides.forEach((s) => s.push(0));
  }
  return { shape: out, strides: outStrides };
}

/** Most axes the strided kernels take (their odometer has 8 counters). */
export const MAX_STRIDED_RANK = 8;

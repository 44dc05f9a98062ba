import { type DType, allocate } from '../../tensor/dtype.js';
import { sizeOf, stridesOf } from '../../tensor/shape.js';
import { Tensor } from '../../tensor/Tensor.js';
import { broadcastStrides, forEachBroadcast } from './broadcast.js';

/** Copies `x` into every position of the larger `shape`. */
export function broadcastTo(x: Tensor, shape: readonly number[]): Tensor {
  const out = allocate(x.dtype, sizeOf(shape));
  const src = x.data;
  forEachBroadcast(shape, [broadcastStrides(x.shape, shape)], (o, off) => {
    out[o] = src[off[0] as number] as number;
  });
  return new Tensor(out, shape);
}

/** Output axis `i` is input axis `perm[i]`. */
export function transpose(x: Tensor, perm: readonly number[]): Tensor {
  const shape = perm.map((p) => x.shape[p] as number);
  const inStrides = stridesOf(x.shape);
  const strides = perm.map((p) => inStrides[p] as number);
  const out = allocate(x.dtype, x.size);
  const src = x.data;
  forEachBroadcast(shape, [strides], (o, off) => {
    out[o] = src[off[0] as number] as number;
  });
  return new Tensor(out, shape);
}

export function slice(x: Tensor, begin: readonly number[], size: readonly number[]): Tensor {
  const strides = stridesOf(x.shape);
  const start = begin.reduce((acc, b, d) => acc + b * (strides[d] as number), 0);
  const out = allocate(x.dtype, sizeOf(size));
  const src = x.data;
  forEachBroadcast(size, [strides], (o, off) => {
    out[o] = src[start + (off[0] as number)] as number;
  });
  return new Tensor(out, size);
}

export function concat(xs: readonly Tensor[], axis: number): Tensor {
  const first = xs[0] as Tensor;
  const shape = [...first.shape];
  shape[axis] = xs.reduce((acc, x) => acc + (x.shape[axis] as number), 0);
  const outer = first.shape.slice(0, axis).reduce((p, d) => p * d, 1);
  const inner = first.shape.slice(axis + 1).reduce((p, d) => p * d, 1);
  const out = allocate(first.dtype, sizeOf(shape));
  const rowOut = (shape[axis] as number) * inner;
  let colStart = 0;
  for (const x of xs) {
    const rowIn = (x.shape[axis] as number) * inner;
    for (let o = 0; o < outer; o++) {
      out.set(x.data.subarray(o * rowIn, (o + 1) * rowIn), o * rowOut + colStart);
    }
    colStart += rowIn;
  }
  return new Tensor(out, shape);
}

export function pad(x: Tensor, paddings: readonly (readonly [number, number])[], value: number): Tensor {
  const shape = x.shape.map((d, i) => d + (paddings[i] as [number, number])[0] + (paddings[i] as [number, number])[1]);
  const out = allocate(x.dtype, sizeOf(shape));
  out.fill(value);
  const outStrides = stridesOf(shape);
  const start = paddings.reduce((acc, p, d) => acc + p[0] * (outStrides[d] as number), 0);
  const src = x.data;
  forEachBroadcast(x.shape, [outStrides], (i, off) => {
    out[start + (off[0] as number)] = src[i] as number;
  });
  return new Tensor(out, shape);
}

export function gather(x: Tensor, indices: Tensor, axis: number): Tensor {
  const n = x.shape[axis] as number;
  const outer = x.shape.slice(0, axis).reduce((p, d) => p * d, 1);
  const inner = x.shape.slice(axis + 1).reduce((p, d) => p * d, 1);
  const shape = [...x.shape.slice(0, axis), ...indices.shape, ...x.shape.slice(axis + 1)];
  const out = allocate(x.dtype, sizeOf(shape));
  const idx = indices.data;
  for (let o = 0; o < outer; o++) {
    for (let k = 0; k < idx.length; k++) {
      const from = (o * n + (idx[k] as number)) * inner;
      out.set(x.data.subarray(from, from + inner), (o * idx.length + k) * inner);
    }
  }
  return new Tensor(out, shape);
}

export function scatterAdd(updates: Tensor, indices: Tensor, axis: number, shape: readonly number[]): Tensor {
  const n = shape[axis] as number;
  const outer = shape.slice(0, axis).reduce((p, d) => p * d, 1);
  const inner = shape.slice(axis + 1).reduce((p, d) => p * d, 1);
  const out = allocate(updates.dtype, sizeOf(shape));
  const idx = indices.data;
  const src = updates.data;
  for (let o = 0; o < outer; o++) {
    for (let k = 0; k < idx.length; k++) {
      const to = (o * n + (idx[k] as number)) * inner;
      const from = (o * idx.length + k) * inner;
      for (let j = 0; j < inner; j++) out[to + j] = (out[to + j] as number) + (src[from + j] as number);
    }
  }
  return new Tensor(out, shape);
}

export function oneHot(indices: Tensor, depth: number, onValue: number, offValue: number, dtype: DType): Tensor {
  const out = allocate(dtype, indices.size * depth).fill(offValue);
  const idx = indices.data;
  for (let i = 0; i < idx.length; i++) {
    const k = idx[i] as number;
    if (k >= 0 && k < depth) out[i * depth + k] = onValue; // out-of-range rows stay all `offValue`, as in TF
  }
  return new Tensor(out, [...indices.shape, depth]);
}

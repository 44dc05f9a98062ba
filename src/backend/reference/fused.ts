import { allocate } from '../../tensor/dtype.js';
import { Tensor } from '../../tensor/Tensor.js';
import type { Conv2DGeometry, FusedActivation } from '../kernels.js';
import { conv2d, conv2dBackpropFilter, conv2dBackpropInput } from './conv.js';

/** y = act(x + bias), bias along the last axis; the specification of the wasm kernel. */
export function biasActivation(x: Tensor, bias: Tensor | null, activation: FusedActivation): Tensor {
  const out = allocate(x.dtype, x.size);
  const xs = x.data;
  const c = (x.shape[x.rank - 1] as number | undefined) ?? 1;
  const b = bias?.data;
  const relu = activation === 'relu';
  for (let i = 0; i < xs.length; i++) {
    const v = b ? (xs[i] as number) + (b[i % c] as number) : (xs[i] as number);
    out[i] = relu ? (v > 0 ? v : 0) : v;
  }
  return new Tensor(out, x.shape);
}

/** dx = dy · act'(y), written with the forward output y: relu passes dy where y > 0 (0 at 0 and for NaN). */
export function activationGrad(dy: Tensor, y: Tensor, activation: FusedActivation): Tensor {
  const out = allocate(dy.dtype, dy.size);
  const g = dy.data;
  const ys = y.data;
  for (let i = 0; i < g.length; i++) out[i] = activation === 'linear' || (ys[i] as number) > 0 ? (g[i] as number) : 0;
  return new Tensor(out, dy.shape);
}

/** [dx, dbias]: `activationGrad` and the sums of dx over every axis but the last (float64 accumulation). */
export function biasActivationGrad(dy: Tensor, y: Tensor, activation: FusedActivation): [Tensor, Tensor] {
  const dx = activationGrad(dy, y, activation);
  const c = (dy.shape[dy.rank - 1] as number | undefined) ?? 1;
  const sums = new Float64Array(c);
  const g = dx.data;
  for (let i = 0; i < g.length; i++) sums[i % c] += g[i] as number;
  const db = allocate(dy.dtype, c);
  db.set(sums);
  return [dx, new Tensor(db, [c])];
}

/** act(conv2d(x, filter) + bias): the reference composes the convolution and `biasActivation`. */
export function conv2dBiasActivation(
  x: Tensor,
  filter: Tensor,
  bias: Tensor | null,
  activation: FusedActivation,
  geometry: Conv2DGeometry,
): Tensor {
  return biasActivation(conv2d(x, filter, geometry), bias, activation);
}

/** [dx, dfilter, dbias] of `conv2dBiasActivation`, each only where wanted. */
export function conv2dBiasActivationGrad(
  x: Tensor,
  filter: Tensor,
  y: Tensor,
  dy: Tensor,
  activation: FusedActivation,
  geometry: Conv2DGeometry,
  wanted: readonly [boolean, boolean, boolean],
): [Tensor | null, Tensor | null, Tensor | null] {
  const [dz, db] = biasActivationGrad(dy, y, activation);
  return [
    wanted[0] ? conv2dBackpropInput(dz, filter, x.shape, geometry) : null,
    wanted[1] ? conv2dBackpropFilter(x, dz, filter.shape, geometry) : null,
    wanted[2] ? db : null,
  ];
}

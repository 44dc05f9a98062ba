import { Tensor } from '../../tensor/Tensor.js';
import type { FusedActivation } from '../kernels.js';
import * as abi from './abi.js';
import type { WasmRuntime } from './runtime.js';

/** Elements per task; below 2 tasks' worth the calling thread runs alone. */
const CHUNK = 1 << 14;

const ACT: Record<FusedActivation, number> = { linear: abi.FA_LINEAR, relu: abi.FA_RELU };

function stage(rt: WasmRuntime, act: FusedActivation, rows: number, c: number, x: number, b: number, y: number) {
  const chunkRows = Math.max(1, Math.floor(CHUNK / c));
  const p = rt.p;
  p.fill(0);
  p[abi.FA_ACT] = ACT[act];
  p[abi.FA_ROWS] = rows;
  p[abi.FA_C] = c;
  p[abi.FA_X] = x;
  p[abi.FA_B] = b;
  p[abi.FA_Y] = y;
  p[abi.FA_CHUNK] = chunkRows;
  const tasks = Math.ceil(rows / chunkRows);
  return { tasks, parallel: tasks > 1 };
}

/** In the arena: out = act(in + bias) over [rows, c] (bPtr 0: no bias; out may be in). */
export function biasActivationAt(
  rt: WasmRuntime,
  activation: FusedActivation,
  rows: number,
  c: number,
  inPtr: number,
  bPtr: number,
  outPtr: number,
): void {
  const { tasks, parallel } = stage(rt, activation, rows, c, inPtr, bPtr, outPtr);
  rt.run(abi.K_BIAS_ACT, tasks, parallel);
}

/** In the arena: dx = dy · act'(y) over [rows, c]; returns the column sums of dx (the bias gradient). */
export function biasActivationGradAt(
  rt: WasmRuntime,
  activation: FusedActivation,
  rows: number,
  c: number,
  dyPtr: number,
  yPtr: number,
  dxPtr: number,
): Float64Array {
  const { tasks, parallel } = stage(rt, activation, rows, c, dyPtr, yPtr, dxPtr);
  const dbPtr = rt.alloc(tasks * c * 4);
  rt.p[abi.FA_DB] = dbPtr;
  rt.run(abi.K_BIAS_ACT_GRAD, tasks, parallel);
  const partial = rt.f32.subarray(dbPtr >> 2, (dbPtr >> 2) + tasks * c);
  const sums = new Float64Array(c);
  for (let i = 0; i < partial.length; i++) sums[i % c] += partial[i] as number;
  return sums;
}

/** y = act(x + bias) for float32 x and bias [C] (or none), C the last axis of x. */
export function wasmBiasActivation(
  rt: WasmRuntime,
  x: Tensor,
  bias: Tensor | null,
  activation: FusedActivation,
): Tensor {
  const c = (x.shape[x.rank - 1] as number | undefined) ?? 1;
  rt.begin();
  const xPtr = rt.copyIn(x.data as Float32Array);
  const bPtr = bias ? rt.copyIn(bias.data as Float32Array) : 0;
  const yPtr = rt.alloc(x.size * 4);
  biasActivationAt(rt, activation, x.size / c, c, xPtr, bPtr, yPtr);
  return new Tensor(rt.readF32(yPtr, x.size), x.shape);
}

/** dx = dy · act'(y) for float32 dy and y of one shape. */
export function wasmActivationGrad(rt: WasmRuntime, dy: Tensor, y: Tensor, activation: FusedActivation): Tensor {
  if (activation === 'linear') return dy;
  rt.begin();
  const dyPtr = rt.copyIn(dy.data as Float32Array);
  const yPtr = rt.copyIn(y.data as Float32Array);
  const dxPtr = rt.alloc(dy.size * 4);
  // One-element rows: tasks are CHUNK-element runs.
  const { tasks, parallel } = stage(rt, activation, dy.size, 1, dyPtr, yPtr, dxPtr);
  rt.run(abi.K_ACT_GRAD, tasks, parallel);
  return new Tensor(rt.readF32(dxPtr, dy.size), dy.shape);
}

/** [dx, dbias] for float32 dy and y: one pass writes dx and per-task column sums, added here in float64. */
export function wasmBiasActivationGrad(
  rt: WasmRuntime,
  dy: Tensor,
  y: Tensor,
  activation: FusedActivation,
): [Tensor, Tensor] {
  const c = (dy.shape[dy.rank - 1] as number | undefined) ?? 1;
  rt.begin();
  const dyPtr = rt.copyIn(dy.data as Float32Array);
  const yPtr = rt.copyIn(y.data as Float32Array);
  const dxPtr = rt.alloc(dy.size * 4);
  const sums = biasActivationGradAt(rt, activation, dy.size / c, c, dyPtr, yPtr, dxPtr);
  return [new Tensor(rt.readF32(dxPtr, dy.size), dy.shape), new Tensor(Float32Array.from(sums), [c])];
}

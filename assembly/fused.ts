/**
 * Fused bias + activation over a row-major [rows, C] float32 matrix (the last axis of an NHWC or [batch, units]
 * tensor), and the activation's gradient from the forward output. One pass instead of a broadcast add, an
 * activation and (backward) a comparison, a cast and a multiply.
 */
import { FA_ACT, FA_B, FA_C, FA_CHUNK, FA_DB, FA_RELU, FA_ROWS, FA_X, FA_Y } from '../src/backend/wasm/abi';
import { imin, pa, pi } from './simd';
import { storeLanes } from './unary';

/** Rows [t·chunk, (t + 1)·chunk) of y = act(x + b). */
export function biasActTask(t: i32, p: usize): void {
  const relu = pi(p, FA_ACT) == FA_RELU;
  const c = pi(p, FA_C);
  const x = pa(p, FA_X);
  const b = pa(p, FA_B);
  const y = pa(p, FA_Y);
  const start = t * pi(p, FA_CHUNK);
  const end = imin(pi(p, FA_ROWS), start + pi(p, FA_CHUNK));
  const zero = f32x4.splat(0);
  for (let r = start; r < end; r++) {
    const row = (<usize>r * <usize>c) << 2;
    let j = 0;
    for (; j + 4 <= c; j += 4) {
      const o = (<usize>j) << 2;
      let v = v128.load(x + row + o);
      if (b != 0) v = f32x4.add(v, v128.load(b + o));
      // x > 0 ? x : 0, so NaN gives 0 as the Relu kernel.
      if (relu) v = v128.and(v, f32x4.gt(v, zero));
      v128.store(y + row + o, v);
    }
    for (; j < c; j++) {
      const o = (<usize>j) << 2;
      let v = load<f32>(x + row + o);
      if (b != 0) v += load<f32>(b + o);
      if (relu) v = v > 0 ? v : 0;
      store<f32>(y + row + o, v);
    }
  }
}

/** Elements [t·chunk·C, (t + 1)·chunk·C) of dx = dy · act'(y); for relu, dy where y > 0. */
export function actGradTask(t: i32, p: usize): void {
  const c = pi(p, FA_C);
  const dy = pa(p, FA_X);
  const y = pa(p, FA_B);
  const dx = pa(p, FA_Y);
  const start = t * pi(p, FA_CHUNK) * c;
  const end = imin(pi(p, FA_ROWS), (t + 1) * pi(p, FA_CHUNK)) * c;
  const zero = f32x4.splat(0);
  let i = start;
  for (; i + 4 <= end; i += 4) {
    const o = (<usize>i) << 2;
    v128.store(dx + o, v128.and(v128.load(dy + o), f32x4.gt(v128.load(y + o), zero)));
  }
  if (i < end) {
    const o = (<usize>i) << 2;
    storeLanes(dx + o, v128.and(v128.load(dy + o), f32x4.gt(v128.load(y + o), zero)), end - i);
  }
}

/**
 * Rows [t·chunk, (t + 1)·chunk) of dx = dy · act'(y), and this task's column sums of dx (the bias gradient's
 * share of these rows) in row t of the partial-sum matrix; the driver adds the rows.
 */
export function biasActGradTask(t: i32, p: usize): void {
  const relu = pi(p, FA_ACT) == FA_RELU;
  const c = pi(p, FA_C);
  const dy = pa(p, FA_X);
  const y = pa(p, FA_B);
  const dx = pa(p, FA_Y);
  const db = pa(p, FA_DB) + ((<usize>t * <usize>c) << 2);
  const start = t * pi(p, FA_CHUNK);
  const end = imin(pi(p, FA_ROWS), start + pi(p, FA_CHUNK));
  const zero = f32x4.splat(0);
  memory.fill(db, 0, (<usize>c) << 2);
  for (let r = start; r < end; r++) {
    const row = (<usize>r * <usize>c) << 2;
    let j = 0;
    for (; j + 4 <= c; j += 4) {
      const o = (<usize>j) << 2;
      let g = v128.load(dy + row + o);
      if (relu) g = v128.and(g, f32x4.gt(v128.load(y + row + o), zero));
      v128.store(dx + row + o, g);
      v128.store(db + o, f32x4.add(v128.load(db + o), g));
    }
    for (; j < c; j++) {
      const o = (<usize>j) << 2;
      let g = load<f32>(dy + row + o);
      if (relu && !(load<f32>(y + row + o) > 0)) g = 0;
      store<f32>(dx + row + o, g);
      store<f32>(db + o, load<f32>(db + o) + g);
    }
  }
}

/**
 * Sum, max and min over any set of axes of a float32 tensor. The driver collapses the shape and gives, for
 * each input axis, the output's stride (0 on reduced axes); the input is walked in order. Sums accumulate
 * in double precision, as the reference does, so the two differ only by summation order.
 */
import {
  RD_MAX,
  RD_MIN,
  RD_SUM,
  R_ACC,
  R_OP,
  R_OSTR,
  R_OUT,
  R_OUTN,
  R_RANK,
  R_SHAPE,
  R_X,
} from '../src/backend/wasm/abi';
import { pa, pi } from './simd';
import { hi64, lo64 } from './vmath';

// Scratch layout (bytes): counters at 128 (8 × i32), output offset at 160.
const CNT: usize = 128;
const OFF: usize = 160;

/** acc ← v when v beats acc (greater for max, smaller for min) or v is NaN: NaN wins, as in the reference. */
function pick(isMax: bool, acc: v128, v: v128): v128 {
  const better = isMax ? f32x4.gt(v, acc) : f32x4.lt(v, acc);
  return v128.bitselect(v, acc, v128.or(better, f32x4.ne(v, v)));
}

function pickScalar(isMax: bool, acc: f32, v: f32): f32 {
  return (isMax ? v > acc : v < acc) || isNaN(v) ? v : acc;
}

/** The whole reduction (one task). */
export function reduceTask(_t: i32, p: usize, sc: usize): void {
  const op = pi(p, R_OP);
  const rank = pi(p, R_RANK);
  const shape = pa(p, R_SHAPE);
  const ostr = pa(p, R_OSTR);
  const x = pa(p, R_X);
  const acc = pa(p, R_ACC);
  const out = pa(p, R_OUT);
  const outN = pi(p, R_OUTN);
  const n = load<i32>(shape + ((<usize>(rank - 1)) << 2));
  const inner = load<i32>(ostr + ((<usize>(rank - 1)) << 2)); // 0: the last axis is reduced; 1: kept
  let rows = 1;
  for (let d = 0; d < rank - 1; d++) {
    rows *= load<i32>(shape + ((<usize>d) << 2));
    store<i32>(sc + CNT + ((<usize>d) << 2), 0);
  }
  const isSum = op == RD_SUM;
  const isMax = op == RD_MAX;
  if (isSum) memory.fill(acc, 0, (<usize>outN) << 3);
  else {
    const init: f32 = op == RD_MIN ? Infinity : -Infinity;
    for (let i = 0; i < outN; i++) store<f32>(out + ((<usize>i) << 2), init);
  }
  let o = 0;
  for (let r = 0; r < rows; r++) {
    const row = x + ((<usize>r * <usize>n) << 2);
    if (inner == 0) {
      if (isSum) {
        let s0 = f64x2.splat(0);
        let s1 = f64x2.splat(0);
        let j = 0;
        for (; j + 4 <= n; j += 4) {
          const v = v128.load(row + ((<usize>j) << 2));
          s0 = f64x2.add(s0, lo64(v));
          s1 = f64x2.add(s1, hi64(v));
        }
        const s = f64x2.add(s0, s1);
        let total = f64x2.extract_lane(s, 0) + f64x2.extract_lane(s, 1);
        for (; j < n; j++) total += <f64>load<f32>(row + ((<usize>j) << 2));
        const a = acc + ((<usize>o) << 3);
        store<f64>(a, load<f64>(a) + total);
      } else {
        let best = f32x4.splat(isMax ? -Infinity : Infinity);
        let j = 0;
        for (; j + 4 <= n; j += 4) best = pick(isMax, best, v128.load(row + ((<usize>j) << 2)));
        const a = out + ((<usize>o) << 2);
        let m = load<f32>(a);
        m = pickScalar(isMax, m, f32x4.extract_lane(best, 0));
        m = pickScalar(isMax, m, f32x4.extract_lane(best, 1));
        m = pickScalar(isMax, m, f32x4.extract_lane(best, 2));
        m = pickScalar(isMax, m, f32x4.extract_lane(best, 3));
        for (; j < n; j++) m = pickScalar(isMax, m, load<f32>(row + ((<usize>j) << 2)));
        store<f32>(a, m);
      }
    } else if (isSum) {
      const a = acc + ((<usize>o) << 3);
      let j = 0;
      for (; j + 4 <= n; j += 4) {
        const v = v128.load(row + ((<usize>j) << 2));
        const d = a + ((<usize>j) << 3);
        v128.store(d, f64x2.add(v128.load(d), lo64(v)));
        v128.store(d, f64x2.add(v128.load(d, 16), hi64(v)), 16);
      }
      for (; j < n; j++) {
        const d = a + ((<usize>j) << 3);
        store<f64>(d, load<f64>(d) + <f64>load<f32>(row + ((<usize>j) << 2)));
      }
    } else {
      const a = out + ((<usize>o) << 2);
      let j = 0;
      for (; j + 4 <= n; j += 4) {
        const d = a + ((<usize>j) << 2);
        v128.store(d, pick(isMax, v128.load(d), v128.load(row + ((<usize>j) << 2))));
      }
      for (; j < n; j++) {
        const d = a + ((<usize>j) << 2);
        store<f32>(d, pickScalar(isMax, load<f32>(d), load<f32>(row + ((<usize>j) << 2))));
      }
    }
    // Odometer over the row axes, moving the output offset along.
    for (let d = rank - 2; d >= 0; d--) {
      const at = sc + CNT + ((<usize>d) << 2);
      const c = load<i32>(at) + 1;
      const s = load<i32>(ostr + ((<usize>d) << 2));
      if (c < load<i32>(shape + ((<usize>d) << 2))) {
        store<i32>(at, c);
        o += s;
        break;
      }
      store<i32>(at, 0);
      o -= (c - 1) * s;
    }
  }
  if (isSum) {
    for (let i = 0; i < outN; i++) store<f32>(out + ((<usize>i) << 2), <f32>load<f64>(acc + ((<usize>i) << 3)));
  }
  store<i32>(sc + OFF, o);
}

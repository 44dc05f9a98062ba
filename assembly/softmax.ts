/**
 * Softmax and log-softmax along one axis of a float32 tensor viewed as [outer, n, inner]. The maximum is
 * subtracted first so no exponent overflows; exponentials and sums are in double precision. With inner = 1
 * each line is contiguous and vectorised along the line; otherwise four neighbouring lines share a vector.
 */
import { SM_CHUNK, SM_INNER, SM_N, SM_OP, SM_OUTER, SM_X, SM_Y } from '../src/backend/wasm/abi';
import { imin, pa, pi } from './simd';
import { storeLanes } from './unary';
import { hi64, join32, lo64, vexp } from './vmath';

function softmaxLine(x: usize, y: usize, n: i32, log: bool): void {
  let vm = f32x4.splat(-Infinity);
  let j = 0;
  for (; j + 4 <= n; j += 4) vm = f32x4.max(vm, v128.load(x + ((<usize>j) << 2)));
  let m = max(
    max(f32x4.extract_lane(vm, 0), f32x4.extract_lane(vm, 1)),
    max(f32x4.extract_lane(vm, 2), f32x4.extract_lane(vm, 3)),
  );
  for (; j < n; j++) m = max(m, load<f32>(x + ((<usize>j) << 2)));
  const md = <f64>m;
  const mv = f64x2.splat(md);
  let s0 = f64x2.splat(0);
  let s1 = f64x2.splat(0);
  j = 0;
  for (; j + 4 <= n; j += 4) {
    const v = v128.load(x + ((<usize>j) << 2));
    const lo = vexp(f64x2.sub(lo64(v), mv));
    const hi = vexp(f64x2.sub(hi64(v), mv));
    s0 = f64x2.add(s0, lo);
    s1 = f64x2.add(s1, hi);
    if (!log) v128.store(y + ((<usize>j) << 2), join32(lo, hi));
  }
  const s = f64x2.add(s0, s1);
  let sum = f64x2.extract_lane(s, 0) + f64x2.extract_lane(s, 1);
  for (let k = j; k < n; k++) {
    const e = f64x2.extract_lane(vexp(f64x2.splat(<f64>load<f32>(x + ((<usize>k) << 2)) - md)), 0);
    sum += e;
    if (!log) store<f32>(y + ((<usize>k) << 2), <f32>e);
  }
  if (log) {
    // (x − max) − log Σ, in this order: x − max is exact, and log Σ may be far below max's last bit.
    const ls = Math.log(sum);
    const lv = f64x2.splat(ls);
    j = 0;
    for (; j + 4 <= n; j += 4) {
      const v = v128.load(x + ((<usize>j) << 2));
      const lo = f64x2.sub(f64x2.sub(lo64(v), mv), lv);
      const hi = f64x2.sub(f64x2.sub(hi64(v), mv), lv);
      v128.store(y + ((<usize>j) << 2), join32(lo, hi));
    }
    for (; j < n; j++) store<f32>(y + ((<usize>j) << 2), <f32>(<f64>load<f32>(x + ((<usize>j) << 2)) - md - ls));
  } else {
    const inv = f64x2.splat(1 / sum);
    j = 0;
    for (; j + 4 <= n; j += 4) {
      const v = v128.load(y + ((<usize>j) << 2));
      v128.store(y + ((<usize>j) << 2), join32(f64x2.mul(lo64(v), inv), f64x2.mul(hi64(v), inv)));
    }
    const invs = 1 / sum;
    for (; j < n; j++) store<f32>(y + ((<usize>j) << 2), <f32>(<f64>load<f32>(y + ((<usize>j) << 2)) * invs));
  }
}

/** Four neighbouring lines (lanes < `lanes` are real) starting at x, elements `step` bytes apart. */
function softmaxLanes(x: usize, y: usize, n: i32, step: usize, lanes: i32, log: bool): void {
  let vm = v128.load(x);
  for (let k = 1; k < n; k++) vm = f32x4.max(vm, v128.load(x + <usize>k * step));
  const mlo = lo64(vm);
  const mhi = hi64(vm);
  let slo = f64x2.splat(0);
  let shi = f64x2.splat(0);
  for (let k = 0; k < n; k++) {
    const v = v128.load(x + <usize>k * step);
    const lo = vexp(f64x2.sub(lo64(v), mlo));
    const hi = vexp(f64x2.sub(hi64(v), mhi));
    slo = f64x2.add(slo, lo);
    shi = f64x2.add(shi, hi);
    if (!log) {
      const r = join32(lo, hi);
      if (lanes == 4) v128.store(y + <usize>k * step, r);
      else storeLanes(y + <usize>k * step, r, lanes);
    }
  }
  if (log) {
    const llo = f64x2(Math.log(f64x2.extract_lane(slo, 0)), Math.log(f64x2.extract_lane(slo, 1)));
    const lhi = f64x2(Math.log(f64x2.extract_lane(shi, 0)), Math.log(f64x2.extract_lane(shi, 1)));
    for (let k = 0; k < n; k++) {
      const v = v128.load(x + <usize>k * step);
      const r = join32(f64x2.sub(f64x2.sub(lo64(v), mlo), llo), f64x2.sub(f64x2.sub(hi64(v), mhi), lhi));
      if (lanes == 4) v128.store(y + <usize>k * step, r);
      else storeLanes(y + <usize>k * step, r, lanes);
    }
  } else {
    const ilo = f64x2.div(f64x2.splat(1), slo);
    const ihi = f64x2.div(f64x2.splat(1), shi);
    for (let k = 0; k < n; k++) {
      const v = v128.load(y + <usize>k * step);
      const r = join32(f64x2.mul(lo64(v), ilo), f64x2.mul(hi64(v), ihi));
      if (lanes == 4) v128.store(y + <usize>k * step, r);
      else storeLanes(y + <usize>k * step, r, lanes);
    }
  }
}

/** Line groups [t·chunk, (t + 1)·chunk). */
export function softmaxTask(t: i32, p: usize): void {
  const log = pi(p, SM_OP) == 1;
  const outer = pi(p, SM_OUTER);
  const n = pi(p, SM_N);
  const inner = pi(p, SM_INNER);
  const x = pa(p, SM_X);
  const y = pa(p, SM_Y);
  const chunk = pi(p, SM_CHUNK);
  const g0 = t * chunk;
  if (inner == 1) {
    const g1 = imin(outer, g0 + chunk);
    for (let g = g0; g < g1; g++) {
      const o = (<usize>g * <usize>n) << 2;
      softmaxLine(x + o, y + o, n, log);
    }
    return;
  }
  const per = (inner + 3) >> 2;
  const g1 = imin(outer * per, g0 + chunk);
  const step = (<usize>inner) << 2;
  for (let g = g0; g < g1; g++) {
    const o = g / per;
    const jb = (g - o * per) << 2;
    const off = (<usize>o * <usize>n * <usize>inner + <usize>jb) << 2;
    softmaxLanes(x + off, y + off, n, step, imin(4, inner - jb), log);
  }
}

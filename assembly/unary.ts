/**
 * Element-wise functions of one float32 tensor. Tasks are contiguous chunks (a multiple of 4 elements); the
 * last vector of the last chunk may read past the end (the driver pads every buffer) but writes only the
 * lanes inside.
 */
import {
  U_ABS,
  U_ALPHA,
  U_BETA,
  U_CHUNK,
  U_CLIP,
  U_COS,
  U_ELU,
  U_EXP,
  U_LEAKY_RELU,
  U_LOG,
  U_LOG1P,
  U_N,
  U_NEG,
  U_OP,
  U_RECIPROCAL,
  U_RELU,
  U_SIGMOID,
  U_SIGN,
  U_SIN,
  U_SOFTPLUS,
  U_SQRT,
  U_SQUARE,
  U_TANH,
  U_X,
  U_Y,
} from '../src/backend/wasm/abi';
import { imin, pa, pf, pi } from './simd';
import { hi64, join32, lo64, vexp, vexpm1, vlog, vlog1p, vsigmoid, vsoftplus, vtanh } from './vmath';

/** Writes the first `k` (1–3) lanes of v at d. */
export function storeLanes(d: usize, v: v128, k: i32): void {
  v128.store32_lane(d, v, 0);
  if (k > 1) v128.store32_lane(d, v, 1, 4);
  if (k > 2) v128.store32_lane(d, v, 2, 8);
}

/** Applies a double-precision vector function to the four float32 lanes of v. */
function viaF64(op: i32, v: v128, alpha: f32): v128 {
  let lo = lo64(v);
  let hi = hi64(v);
  switch (op) {
    case U_EXP:
      lo = vexp(lo);
      hi = vexp(hi);
      break;
    case U_LOG:
      lo = vlog(lo);
      hi = vlog(hi);
      break;
    case U_LOG1P:
      lo = vlog1p(lo);
      hi = vlog1p(hi);
      break;
    case U_TANH:
      lo = vtanh(lo);
      hi = vtanh(hi);
      break;
    case U_SIGMOID:
      lo = vsigmoid(lo);
      hi = vsigmoid(hi);
      break;
    case U_SOFTPLUS:
      lo = vsoftplus(lo);
      hi = vsoftplus(hi);
      break;
    default: {
      // U_ELU: alpha·expm1(x) where x <= 0 (selected by the caller).
      const a = f64x2.splat(<f64>alpha);
      lo = f64x2.mul(a, vexpm1(lo));
      hi = f64x2.mul(a, vexpm1(hi));
    }
  }
  return join32(lo, hi);
}

/** The operation on one vector. */
function apply(op: i32, v: v128, alpha: f32, beta: f32): v128 {
  const zero = f32x4.splat(0);
  switch (op) {
    case U_NEG:
      return f32x4.neg(v);
    case U_ABS:
      return f32x4.abs(v);
    case U_SIGN: {
      // Math.sign: ±1, and ±0 and NaN give themselves.
      const s = v128.bitselect(f32x4.splat(1), v, f32x4.gt(v, zero));
      return v128.bitselect(f32x4.splat(-1), s, f32x4.lt(v, zero));
    }
    case U_SQRT:
      return f32x4.sqrt(v);
    case U_SQUARE:
      return f32x4.mul(v, v);
    case U_RECIPROCAL:
      return f32x4.div(f32x4.splat(1), v);
    case U_RELU:
      // x > 0 ? x : 0, so NaN gives 0 as in the reference.
      return v128.and(v, f32x4.gt(v, zero));
    case U_LEAKY_RELU:
      return v128.bitselect(v, f32x4.mul(v, f32x4.splat(alpha)), f32x4.gt(v, zero));
    case U_CLIP: {
      // v < min ? min : v > max ? max : v (NaN stays NaN).
      const hi = v128.bitselect(f32x4.splat(beta), v, f32x4.gt(v, f32x4.splat(beta)));
      return v128.bitselect(f32x4.splat(alpha), hi, f32x4.lt(v, f32x4.splat(alpha)));
    }
    case U_ELU:
      return v128.bitselect(v, viaF64(U_ELU, v, alpha), f32x4.gt(v, zero));
    default:
      return viaF64(op, v, alpha);
  }
}

/** Elements [t·chunk, (t + 1)·chunk) of y = op(x). */
export function unaryTask(t: i32, p: usize): void {
  const op = pi(p, U_OP);
  const n = pi(p, U_N);
  const chunk = pi(p, U_CHUNK);
  const x = pa(p, U_X);
  const y = pa(p, U_Y);
  const alpha = pf(p, U_ALPHA);
  const beta = pf(p, U_BETA);
  const start = t * chunk;
  const end = imin(n, start + chunk);
  if (op == U_SIN || op == U_COS) {
    // No vector sine here: the scalar double-precision library functions, rounded once.
    for (let i = start; i < end; i++) {
      const o = (<usize>i) << 2;
      const v = <f64>load<f32>(x + o);
      store<f32>(y + o, <f32>(op == U_SIN ? Math.sin(v) : Math.cos(v)));
    }
    return;
  }
  let i = start;
  for (; i + 4 <= end; i += 4) {
    const o = (<usize>i) << 2;
    v128.store(y + o, apply(op, v128.load(x + o), alpha, beta));
  }
  if (i < end) {
    const o = (<usize>i) << 2;
    storeLanes(y + o, apply(op, v128.load(x + o), alpha, beta), end - i);
  }
}

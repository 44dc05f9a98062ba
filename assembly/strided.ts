/**
 * Kernels that walk an output shape with an odometer over up to 8 axes, each input read through its own
 * element strides (0 where it broadcasts): broadcasting binary ops, `where`, and strided copies (transpose,
 * slice, broadcast, pad). A task is a range of rows (all axes but the last); the last axis is the inner run.
 * Counters and offsets live in the calling thread's scratch block.
 */
import {
  B_ADD,
  B_DIV,
  B_EQUAL,
  B_GREATER,
  B_GREATER_EQUAL,
  B_LESS,
  B_LESS_EQUAL,
  B_MAXIMUM,
  B_MINIMUM,
  B_MUL,
  B_NOT_EQUAL,
  B_POW,
  B_SUB,
  S_FLAG,
  S_IN0,
  S_IN1,
  S_IN2,
  S_OP,
  S_OSTR,
  S_OUT,
  S_RANK,
  S_ROWCHUNK,
  S_ROWS,
  S_SHAPE,
  S_STR0,
  S_STR1,
  S_STR2,
} from '../src/backend/wasm/abi';
import { imin, pa, pi } from './simd';
import { storeLanes } from './unary';

// Scratch layout (bytes): counters at 128 (8 × i32), offsets at 160 (3 × i32).
const CNT: usize = 128;
const OFF: usize = 160;

function stride(s: usize, d: i32): i32 {
  return s == 0 ? 0 : load<i32>(s + ((<usize>d) << 2));
}

/** Positions the odometer at row r0: counters for axes 0..rank−2 and the element offset of each input. */
function odoStart(sc: usize, rank: i32, shape: usize, r0: i32, s0: usize, s1: usize, s2: usize): void {
  let rest = r0;
  let o0 = 0;
  let o1 = 0;
  let o2 = 0;
  for (let d = rank - 2; d >= 0; d--) {
    const size = load<i32>(shape + ((<usize>d) << 2));
    const q = rest / size;
    const c = rest - q * size;
    rest = q;
    store<i32>(sc + CNT + ((<usize>d) << 2), c);
    o0 += c * stride(s0, d);
    o1 += c * stride(s1, d);
    o2 += c * stride(s2, d);
  }
  store<i32>(sc + OFF, o0);
  store<i32>(sc + OFF, o1, 4);
  store<i32>(sc + OFF, o2, 8);
}

/** Steps the odometer to the next row. */
function odoNext(sc: usize, rank: i32, shape: usize, s0: usize, s1: usize, s2: usize): void {
  let o0 = load<i32>(sc + OFF);
  let o1 = load<i32>(sc + OFF, 4);
  let o2 = load<i32>(sc + OFF, 8);
  for (let d = rank - 2; d >= 0; d--) {
    const at = sc + CNT + ((<usize>d) << 2);
    const c = load<i32>(at) + 1;
    if (c < load<i32>(shape + ((<usize>d) << 2))) {
      store<i32>(at, c);
      o0 += stride(s0, d);
      o1 += stride(s1, d);
      o2 += stride(s2, d);
      break;
    }
    store<i32>(at, 0);
    o0 -= (c - 1) * stride(s0, d);
    o1 -= (c - 1) * stride(s1, d);
    o2 -= (c - 1) * stride(s2, d);
  }
  store<i32>(sc + OFF, o0);
  store<i32>(sc + OFF, o1, 4);
  store<i32>(sc + OFF, o2, 8);
}

/**
 * Four consecutive elements j.. of a run whose element stride is 1, or the run's single value (stride 0).
 * Broadcasting contiguous tensors only ever gives these two inner strides.
 */
function ld(ptr: usize, s: i32, j: i32): v128 {
  return s != 0 ? v128.load(ptr + ((<usize>j) << 2)) : v128.load32_splat(ptr);
}

/** Stores v at element j of o: all four lanes, or the ones before n at the end of the row. */
function st(o: usize, j: i32, n: i32, v: v128): void {
  if (j + 4 <= n) v128.store(o + ((<usize>j) << 2), v);
  else storeLanes(o + ((<usize>j) << 2), v, n - j);
}

/** Math.pow as JavaScript defines it (which differs from C's pow for 1^NaN and (±1)^±∞). */
function jsPow(a: f64, b: f64): f64 {
  if (isNaN(b) || (Math.abs(a) == 1 && !isFinite(b))) return NaN;
  return Math.pow(a, b);
}

function powLanes(a: v128, b: v128): v128 {
  let r = f32x4.splat(0);
  r = f32x4.replace_lane(r, 0, <f32>jsPow(f32x4.extract_lane(a, 0), f32x4.extract_lane(b, 0)));
  r = f32x4.replace_lane(r, 1, <f32>jsPow(f32x4.extract_lane(a, 1), f32x4.extract_lane(b, 1)));
  r = f32x4.replace_lane(r, 2, <f32>jsPow(f32x4.extract_lane(a, 2), f32x4.extract_lane(b, 2)));
  return f32x4.replace_lane(r, 3, <f32>jsPow(f32x4.extract_lane(a, 3), f32x4.extract_lane(b, 3)));
}

/** One row: o[j] = op(a[j·sa], b[j·sb]) for j < n, with the operation chosen once per row. */
function binaryRow(op: i32, a: usize, sa: i32, b: usize, sb: i32, o: usize, n: i32): void {
  const one = i32x4.splat(1);
  switch (op) {
    case B_ADD:
      for (let j = 0; j < n; j += 4) st(o, j, n, f32x4.add(ld(a, sa, j), ld(b, sb, j)));
      break;
    case B_SUB:
      for (let j = 0; j < n; j += 4) st(o, j, n, f32x4.sub(ld(a, sa, j), ld(b, sb, j)));
      break;
    case B_MUL:
      for (let j = 0; j < n; j += 4) st(o, j, n, f32x4.mul(ld(a, sa, j), ld(b, sb, j)));
      break;
    case B_DIV:
      for (let j = 0; j < n; j += 4) st(o, j, n, f32x4.div(ld(a, sa, j), ld(b, sb, j)));
      break;
    case B_POW:
      for (let j = 0; j < n; j += 4) st(o, j, n, powLanes(ld(a, sa, j), ld(b, sb, j)));
      break;
    case B_MAXIMUM:
      // a >= b || isNaN(a) ? a : b
      for (let j = 0; j < n; j += 4) {
        const x = ld(a, sa, j);
        const y = ld(b, sb, j);
        st(o, j, n, v128.bitselect(x, y, v128.or(f32x4.ge(x, y), f32x4.ne(x, x))));
      }
      break;
    case B_MINIMUM:
      for (let j = 0; j < n; j += 4) {
        const x = ld(a, sa, j);
        const y = ld(b, sb, j);
        st(o, j, n, v128.bitselect(x, y, v128.or(f32x4.le(x, y), f32x4.ne(x, x))));
      }
      break;
    case B_EQUAL:
      for (let j = 0; j < n; j += 4) st(o, j, n, v128.and(f32x4.eq(ld(a, sa, j), ld(b, sb, j)), one));
      break;
    case B_NOT_EQUAL:
      for (let j = 0; j < n; j += 4) st(o, j, n, v128.and(f32x4.ne(ld(a, sa, j), ld(b, sb, j)), one));
      break;
    case B_LESS:
      for (let j = 0; j < n; j += 4) st(o, j, n, v128.and(f32x4.lt(ld(a, sa, j), ld(b, sb, j)), one));
      break;
    case B_LESS_EQUAL:
      for (let j = 0; j < n; j += 4) st(o, j, n, v128.and(f32x4.le(ld(a, sa, j), ld(b, sb, j)), one));
      break;
    case B_GREATER:
      for (let j = 0; j < n; j += 4) st(o, j, n, v128.and(f32x4.gt(ld(a, sa, j), ld(b, sb, j)), one));
      break;
    case B_GREATER_EQUAL:
      for (let j = 0; j < n; j += 4) st(o, j, n, v128.and(f32x4.ge(ld(a, sa, j), ld(b, sb, j)), one));
      break;
    default:
      unreachable();
  }
}

/** Broadcasting binary op on float32 inputs; the output (float32, or int32 for comparisons) is contiguous. */
export function binaryTask(t: i32, p: usize, sc: usize): void {
  const op = pi(p, S_OP);
  const rank = pi(p, S_RANK);
  const shape = pa(p, S_SHAPE);
  const s0 = pa(p, S_STR0);
  const s1 = pa(p, S_STR1);
  const in0 = pa(p, S_IN0);
  const in1 = pa(p, S_IN1);
  const out = pa(p, S_OUT);
  const chunk = pi(p, S_ROWCHUNK);
  const r0 = t * chunk;
  const r1 = imin(pi(p, S_ROWS), r0 + chunk);
  const n = load<i32>(shape + ((<usize>(rank - 1)) << 2));
  const sa = stride(s0, rank - 1);
  const sb = stride(s1, rank - 1);
  odoStart(sc, rank, shape, r0, s0, s1, 0);
  for (let r = r0; r < r1; r++) {
    const a = in0 + ((<usize>load<i32>(sc + OFF)) << 2);
    const b = in1 + ((<usize>load<i32>(sc + OFF, 4)) << 2);
    binaryRow(op, a, sa, b, sb, out + ((<usize>r * <usize>n) << 2), n);
    odoNext(sc, rank, shape, s0, s1, 0);
  }
}

/** out = cond != 0 ? a : b, all three broadcast; cond is int32 when S_FLAG is 1, else float32. */
export function whereTask(t: i32, p: usize, sc: usize): void {
  const rank = pi(p, S_RANK);
  const shape = pa(p, S_SHAPE);
  const s0 = pa(p, S_STR0);
  const s1 = pa(p, S_STR1);
  const s2 = pa(p, S_STR2);
  const in0 = pa(p, S_IN0);
  const in1 = pa(p, S_IN1);
  const in2 = pa(p, S_IN2);
  const out = pa(p, S_OUT);
  const intCond = pi(p, S_FLAG) != 0;
  const chunk = pi(p, S_ROWCHUNK);
  const r0 = t * chunk;
  const r1 = imin(pi(p, S_ROWS), r0 + chunk);
  const n = load<i32>(shape + ((<usize>(rank - 1)) << 2));
  const sc0 = stride(s0, rank - 1);
  const sa = stride(s1, rank - 1);
  const sb = stride(s2, rank - 1);
  const zero = i32x4.splat(0);
  odoStart(sc, rank, shape, r0, s0, s1, s2);
  for (let r = r0; r < r1; r++) {
    const c = in0 + ((<usize>load<i32>(sc + OFF)) << 2);
    const a = in1 + ((<usize>load<i32>(sc + OFF, 4)) << 2);
    const b = in2 + ((<usize>load<i32>(sc + OFF, 8)) << 2);
    const o = out + ((<usize>r * <usize>n) << 2);
    for (let j = 0; j < n; j += 4) {
      const cv = ld(c, sc0, j);
      const mask = intCond ? i32x4.ne(cv, zero) : f32x4.ne(cv, zero);
      st(o, j, n, v128.bitselect(ld(a, sa, j), ld(b, sb, j), mask));
    }
    odoNext(sc, rank, shape, s0, s1, s2);
  }
}

/** Copies 4-byte elements: out (through S_OSTR strides, or contiguous when 0) from in0 (through S_STR0). */
export function copyTask(t: i32, p: usize, sc: usize): void {
  const rank = pi(p, S_RANK);
  const shape = pa(p, S_SHAPE);
  const s0 = pa(p, S_STR0);
  const so = pa(p, S_OSTR);
  const in0 = pa(p, S_IN0);
  const out = pa(p, S_OUT);
  const chunk = pi(p, S_ROWCHUNK);
  const r0 = t * chunk;
  const r1 = imin(pi(p, S_ROWS), r0 + chunk);
  const n = load<i32>(shape + ((<usize>(rank - 1)) << 2));
  const si = stride(s0, rank - 1);
  const sd = so == 0 ? 1 : stride(so, rank - 1);
  odoStart(sc, rank, shape, r0, s0, so, 0);
  for (let r = r0; r < r1; r++) {
    const src = in0 + ((<usize>load<i32>(sc + OFF)) << 2);
    const dst = out + ((<usize>(so == 0 ? r * n : load<i32>(sc + OFF, 4))) << 2);
    if (si == 1 && sd == 1) {
      memory.copy(dst, src, (<usize>n) << 2);
    } else if (si == 0 && sd == 1) {
      const v = load<u32>(src);
      for (let j = 0; j < n; j++) store<u32>(dst + ((<usize>j) << 2), v);
    } else {
      const a = (<usize>si) << 2;
      const b = (<usize>sd) << 2;
      let s = src;
      let d = dst;
      for (let j = 0; j < n; j++) {
        store<u32>(d, load<u32>(s));
        s += a;
        d += b;
      }
    }
    odoNext(sc, rank, shape, s0, so, 0);
  }
}

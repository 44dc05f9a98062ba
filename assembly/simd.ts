/** Small SIMD helpers shared by the kernels. */

/** Reads parameter slot `slot` (i32). */
export function pi(p: usize, slot: i32): i32 {
  return load<i32>(p + ((<usize>slot) << 2));
}

/** Reads parameter slot `slot` as an address. */
export function pa(p: usize, slot: i32): usize {
  return <usize>load<u32>(p + ((<usize>slot) << 2));
}

/** Reads parameter slot `slot` (f32). */
export function pf(p: usize, slot: i32): f32 {
  return load<f32>(p + ((<usize>slot) << 2));
}

/** a·b + c; fused when the relaxed-SIMD build runs on hardware with FMA. */
export function madd(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_madd(a, b, c);
  return f32x4.add(c, f32x4.mul(a, b));
}

/**
 * Stores the 4×4 transpose of the rows v0..v3 at dst, dst + stride, dst + 2·stride, dst + 3·stride:
 * output row k holds lane k of each input.
 */
export function storeTransposed4(dst: usize, stride: usize, v0: v128, v1: v128, v2: v128, v3: v128): void {
  const t0 = v128.shuffle<i32>(v0, v1, 0, 4, 1, 5);
  const t1 = v128.shuffle<i32>(v0, v1, 2, 6, 3, 7);
  const t2 = v128.shuffle<i32>(v2, v3, 0, 4, 1, 5);
  const t3 = v128.shuffle<i32>(v2, v3, 2, 6, 3, 7);
  v128.store(dst, v128.shuffle<i64>(t0, t2, 0, 2));
  v128.store(dst + stride, v128.shuffle<i64>(t0, t2, 1, 3));
  v128.store(dst + 2 * stride, v128.shuffle<i64>(t1, t3, 0, 2));
  v128.store(dst + 3 * stride, v128.shuffle<i64>(t1, t3, 1, 3));
}

export function imin(a: i32, b: i32): i32 {
  return a < b ? a : b;
}

export function imax(a: i32, b: i32): i32 {
  return a > b ? a : b;
}

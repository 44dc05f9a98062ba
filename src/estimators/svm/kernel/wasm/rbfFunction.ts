import {
  BLOCK,
  BR,
  BR_IF,
  EMPTY,
  END,
  F32X4_DEMOTE,
  F64X2_ADD,
  F64X2_MAX,
  F64X2_MIN,
  F64X2_MUL,
  F64X2_SPLAT,
  F64X2_SUB,
  F64_NEG,
  I32,
  I32_ADD,
  I32_GE_S,
  I32_SHL,
  I64X2_ADD,
  I64X2_SHL,
  LOCAL_TEE,
  LOOP,
  V128,
  V128_LOAD,
  V128_STORE64_LANE,
  get,
  i32,
  set,
  uleb,
  v128Const,
  vec,
} from './encoding.js';

/**
 * rbfQ(out, sq, count, sqi, gamma, sign, yi, dst): for t < count (rounded up to even; buffers are padded),
 * dst[t] = float32(yi · sign[t] · exp(−gamma · (sqi + sq[t] − 2 out[t]))), two lanes at a time. exp by
 * Cody–Waite reduction x = n ln2 + r, the Taylor polynomial of degree 11 in r (Estrin's scheme), and 2^n built in the exponent
 * bits: n is read off x·log2(e) + 1.5·2^52 (whose low mantissa bits hold the rounded integer), so
 * (bits + 1023) << 52 is 2^n. x is clamped to [−708, 709], where exp stays normal (below, the float32 result
 * is 0 either way). Relative error ~1e-15 before the float32 rounding.
 * Params: 0 out, 1 sq, 2 count, 3 sqi, 4 gamma, 5 sign, 6 yi, 7 dst; locals: 8 t, 9 off, 10 x, 11 tv, 12 n,
 * 13 r, 14 SQI, 15 NG, 16 YI, 17 r², 18 r⁴.
 */
export function rbfBody(): number[] {
  const [OUT, SQ, COUNT, SQI_P, GAMMA, SIGN, YI_P, DST, T, OFF, XV, TV, NV, RV, SQI, NG, YI, R2, R4] = [
    0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18,
  ];
  const MAGIC = 6755399441055744; // 1.5 · 2^52
  const load = (base: number): number[] => [...get(base), ...get(OFF), I32_ADD, ...V128_LOAD, 3, 0];
  // Σ_{k≤11} r^k / k! by Estrin's scheme (pairs, then r², r⁴, r⁸): a short dependency chain, unlike Horner's
  const fact = (k: number): number => (k <= 1 ? 1 : k * fact(k - 1));
  const pair = (k: number): number[] => [
    ...get(RV),
    ...v128Const(1 / fact(k + 1)),
    ...F64X2_MUL,
    ...v128Const(1 / fact(k)),
    ...F64X2_ADD,
  ];
  const estrin: number[] = [
    ...get(RV),
    ...get(RV),
    ...F64X2_MUL,
    ...set(R2),
    ...get(R2),
    ...get(R2),
    ...F64X2_MUL,
    ...set(R4),
    // q0 = (c0 + c1 r) + (c2 + c3 r) r²
    ...pair(0),
    ...pair(2),
    ...get(R2),
    ...F64X2_MUL,
    ...F64X2_ADD,
    // q1 = (c4 + c5 r) + (c6 + c7 r) r²
    ...pair(4),
    ...pair(6),
    ...get(R2),
    ...F64X2_MUL,
    ...F64X2_ADD,
    // q2 = (c8 + c9 r) + (c10 + c11 r) r²
    ...pair(8),
    ...pair(10),
    ...get(R2),
    ...F64X2_MUL,
    ...F64X2_ADD,
    // q1 + q2 r⁴, then q0 + that · r⁴
    ...get(R4),
    ...F64X2_MUL,
    ...F64X2_ADD,
    ...get(R4),
    ...F64X2_MUL,
    ...F64X2_ADD,
  ];
  const code = [
    ...get(SQI_P),
    ...F64X2_SPLAT,
    ...set(SQI),
    ...get(GAMMA),
    F64_NEG,
    ...F64X2_SPLAT,
    ...set(NG),
    ...get(YI_P),
    ...F64X2_SPLAT,
    ...set(YI),
    ...i32(0),
    ...set(T),
    BLOCK,
    EMPTY,
    LOOP,
    EMPTY,
    ...get(T),
    ...get(COUNT),
    I32_GE_S,
    BR_IF,
    1,
    ...get(T),
    ...i32(3),
    I32_SHL,
    ...set(OFF),
    // store address first: dst + 4t
    ...get(DST),
    ...get(T),
    ...i32(2),
    I32_SHL,
    I32_ADD,
    // x = −gamma · (sqi + sq[t] − 2 out[t]), clamped
    ...get(SQI),
    ...load(SQ),
    ...F64X2_ADD,
    ...load(OUT),
    LOCAL_TEE,
    TV,
    ...get(TV),
    ...F64X2_ADD,
    ...F64X2_SUB,
    ...get(NG),
    ...F64X2_MUL,
    ...v128Const(-708),
    ...F64X2_MAX,
    ...v128Const(709),
    ...F64X2_MIN,
    LOCAL_TEE,
    XV,
    // tv = x·log2e + MAGIC; n = tv − MAGIC
    ...v128Const(Math.LOG2E),
    ...F64X2_MUL,
    ...v128Const(MAGIC),
    ...F64X2_ADD,
    LOCAL_TEE,
    TV,
    ...v128Const(MAGIC),
    ...F64X2_SUB,
    ...set(NV),
    // r = x − n·ln2hi − n·ln2lo
    ...get(XV),
    ...get(NV),
    ...v128Const(6.9314718036912381649e-1),
    ...F64X2_MUL,
    ...F64X2_SUB,
    ...get(NV),
    ...v128Const(1.90821492927058770002e-10),
    ...F64X2_MUL,
    ...F64X2_SUB,
    ...set(RV),
    ...estrin,
    // · 2^n
    ...get(TV),
    ...v128Const(1023, true),
    ...I64X2_ADD,
    ...i32(52),
    ...I64X2_SHL,
    ...F64X2_MUL,
    // · sign · yi, to float32, store two floats
    ...load(SIGN),
    ...F64X2_MUL,
    ...get(YI),
    ...F64X2_MUL,
    ...F32X4_DEMOTE,
    ...V128_STORE64_LANE,
    2,
    0,
    0,
    ...get(T),
    ...i32(2),
    I32_ADD,
    ...set(T),
    BR,
    0,
    END,
    END,
    END,
  ];
  const locals = vec([
    [2, I32],
    [9, V128],
  ]);
  const body = [...locals, ...code];
  return [...uleb(body.length), ...body];
}

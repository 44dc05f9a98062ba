/*
 * A minimal WebAssembly binary encoder: LEB128 numbers, sections, vectors, and the opcodes the SVM kernels use
 * (WebAssembly 1.0 plus fixed-width SIMD). Enough to assemble small modules from their instructions in
 * TypeScript, with no build step.
 */

export function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
}

export function section(id: number, body: number[]): number[] {
  return [id, ...uleb(body.length), ...body];
}

export function vec(items: number[][]): number[] {
  return [...uleb(items.length), ...items.flat()];
}

export function name(s: string): number[] {
  return [...uleb(s.length), ...Array.from(s, (c) => c.charCodeAt(0))];
}

// opcodes
export const I32 = 0x7f;
export const V128 = 0x7b;
export const LOCAL_GET = 0x20;
export const LOCAL_SET = 0x21;
export const LOCAL_TEE = 0x22;
export const I32_CONST = 0x41;
export const I32_ADD = 0x6a;
export const I32_SHL = 0x74;
export const I32_GE_S = 0x4e;
export const F64_ADD = 0xa0;
export const F64_MUL = 0xa2;
export const F64_LOAD = 0x2b;
export const F64_STORE = 0x39;
export const F64_CONST = 0x44;
export const BLOCK = 0x02;
export const LOOP = 0x03;
export const BR_IF = 0x0d;
export const BR = 0x0c;
export const END = 0x0b;
export const EMPTY = 0x40;
export const SIMD = 0xfd;
export const V128_LOAD = [SIMD, 0x00];
export const F64X2_SPLAT = [SIMD, 0x14];
export const F64X2_EXTRACT = [SIMD, 0x21];
export const F64X2_ADD = [SIMD, ...uleb(0xf0)];
export const F64X2_MUL = [SIMD, ...uleb(0xf2)];
export const F64X2_SUB = [SIMD, ...uleb(0xf1)];
export const F64X2_MIN = [SIMD, ...uleb(0xf4)];
export const F64X2_MAX = [SIMD, ...uleb(0xf5)];
export const I64X2_ADD = [SIMD, ...uleb(0xce)];
export const I64X2_SHL = [SIMD, ...uleb(0xcb)];
export const F32X4_DEMOTE = [SIMD, ...uleb(0x5e)];
export const V128_STORE64_LANE = [SIMD, ...uleb(0x5b)];
export const F64_NEG = 0x9a;

/** v128.const holding two f64 (or two i64 when `integer`). */
export function v128Const(value: number, integer = false): number[] {
  const bytes = new Uint8Array(16);
  const view = new DataView(bytes.buffer);
  for (const o of [0, 8]) {
    if (integer) view.setBigInt64(o, BigInt(value), true);
    else view.setFloat64(o, value, true);
  }
  return [SIMD, 0x0c, ...bytes];
}

export const get = (i: number): number[] => [LOCAL_GET, i];
export const set = (i: number): number[] => [LOCAL_SET, i];
export const i32 = (v: number): number[] => [I32_CONST, ...sleb(v)];

export function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (b & 0x40) === 0) || (n === -1 && (b & 0x40) !== 0)) {
      out.push(b);
      return out;
    }
    out.push(b | 0x80);
  }
}

/**
 * SGEMM: C = op(A)·op(B), batched, in two phases. The pack phase copies A into MR-row panels and B into
 * NR-column panels (zero-padded, k-major), block by block of KC steps of k; packing absorbs every transpose
 * and the implicit im2col of convolutions, so one micro-kernel serves all. The compute phase runs the 4×8
 * register-tiled micro-kernel over (row block × column block) tasks; each task walks all k blocks of its
 * block of C, so C stays in cache and every element of C is summed in the same order on any thread count.
 *
 * Packed layout of one batch: k block b (first step pc0, extent kc) starts at pc0·panels·(bytes per step of
 * one panel); panel i of the block follows at i·kc·(bytes per step).
 */
import {
  A_IM2COL,
  A_IM2COL_T,
  G_ACS,
  G_AMODE,
  G_AP,
  G_APSTRIDE,
  G_ARS,
  G_ATABLE,
  G_BCS,
  G_BP,
  G_BPSTRIDE,
  G_BRS,
  G_BTABLE,
  G_C,
  G_CB,
  G_CSTRIDE,
  G_GA,
  G_GB,
  G_K,
  G_KC,
  G_LDC,
  G_M,
  G_MCP,
  G_N,
  G_NCP,
  G_RB,
  G_TA,
  G_TB,
} from '../src/backend/wasm/abi';
import { im2colPanel, im2colTPanel } from './conv';
import { imin, madd, pa, pi, storeTransposed4 } from './simd';

/**
 * The micro-kernel: the 4×8 tile at c (row stride ldc bytes) gets Ap·Bp over kc steps, where Ap is a packed
 * 4-row panel and Bp a packed 8-column panel. Eight accumulators, two B vectors and one broadcast A value fit
 * the 16 SIMD registers; measured against 5×8 and 6×8 tiles, which spill (see docs/backends.md).
 * Shared with the LSTM recurrence (assembly/lstm.ts).
 */
export function micro(ap: usize, bp: usize, kc: i32, c: usize, ldc: usize, accumulate: bool): void {
  let c00 = f32x4.splat(0);
  let c01 = f32x4.splat(0);
  let c10 = f32x4.splat(0);
  let c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0);
  let c21 = f32x4.splat(0);
  let c30 = f32x4.splat(0);
  let c31 = f32x4.splat(0);
  let a = ap;
  let b = bp;
  for (let p = 0; p < kc; p++) {
    const b0 = v128.load(b);
    const b1 = v128.load(b, 16);
    let av = v128.load32_splat(a);
    c00 = madd(av, b0, c00);
    c01 = madd(av, b1, c01);
    av = v128.load32_splat(a, 4);
    c10 = madd(av, b0, c10);
    c11 = madd(av, b1, c11);
    av = v128.load32_splat(a, 8);
    c20 = madd(av, b0, c20);
    c21 = madd(av, b1, c21);
    av = v128.load32_splat(a, 12);
    c30 = madd(av, b0, c30);
    c31 = madd(av, b1, c31);
    a += 16;
    b += 32;
  }
  if (accumulate) {
    c00 = f32x4.add(c00, v128.load(c));
    c01 = f32x4.add(c01, v128.load(c, 16));
    c10 = f32x4.add(c10, v128.load(c + ldc));
    c11 = f32x4.add(c11, v128.load(c + ldc, 16));
    c20 = f32x4.add(c20, v128.load(c + 2 * ldc));
    c21 = f32x4.add(c21, v128.load(c + 2 * ldc, 16));
    c30 = f32x4.add(c30, v128.load(c + 3 * ldc));
    c31 = f32x4.add(c31, v128.load(c + 3 * ldc, 16));
  }
  v128.store(c, c00);
  v128.store(c, c01, 16);
  v128.store(c + ldc, c10);
  v128.store(c + ldc, c11, 16);
  v128.store(c + 2 * ldc, c20);
  v128.store(c + 2 * ldc, c21, 16);
  v128.store(c + 3 * ldc, c30);
  v128.store(c + 3 * ldc, c31, 16);
}

/** Packs rows 4·ip.. of op(A), k in [pc0, pc0 + kc), as kc groups of 4 floats (zero past row M). */
function packAMatrix(p: usize, batch: i32, ip: i32, dst: usize, pc0: i32, kc: i32): void {
  const m = pi(p, G_M);
  const rs = pi(p, G_ARS);
  const cs = pi(p, G_ACS);
  const base = <usize>load<u32>(pa(p, G_ATABLE) + ((<usize>batch) << 2));
  const i0 = ip << 2;
  if (i0 + 4 <= m && cs == 1) {
    // Rows are contiguous along k: transpose 4×4 blocks.
    const r0 = base + ((<usize>(i0 * rs + pc0)) << 2);
    const rstep = (<usize>rs) << 2;
    const r1 = r0 + rstep;
    const r2 = r1 + rstep;
    const r3 = r2 + rstep;
    let q = 0;
    for (; q + 4 <= kc; q += 4) {
      const o = (<usize>q) << 2;
      storeTransposed4(dst + (o << 2), 16, v128.load(r0 + o), v128.load(r1 + o), v128.load(r2 + o), v128.load(r3 + o));
    }
    for (; q < kc; q++) {
      const o = (<usize>q) << 2;
      const d = dst + (o << 2);
      store<f32>(d, load<f32>(r0 + o));
      store<f32>(d, load<f32>(r1 + o), 4);
      store<f32>(d, load<f32>(r2 + o), 8);
      store<f32>(d, load<f32>(r3 + o), 12);
    }
    return;
  }
  if (i0 + 4 <= m && rs == 1) {
    // A is stored transposed: the 4 rows at one k are contiguous.
    for (let q = 0; q < kc; q++) {
      v128.store(dst + ((<usize>q) << 4), v128.load(base + ((<usize>(i0 + (pc0 + q) * cs)) << 2)));
    }
    return;
  }
  for (let q = 0; q < kc; q++) {
    const d = dst + ((<usize>q) << 4);
    for (let r = 0; r < 4; r++) {
      const i = i0 + r;
      store<f32>(d + ((<usize>r) << 2), i < m ? load<f32>(base + ((<usize>(i * rs + (pc0 + q) * cs)) << 2)) : 0);
    }
  }
}

/** Packs columns 8·jp.. of op(B), k in [pc0, pc0 + kc), as kc groups of 8 floats (zero past column N). */
function packBMatrix(p: usize, batch: i32, jp: i32, dst: usize, pc0: i32, kc: i32): void {
  const n = pi(p, G_N);
  const rs = pi(p, G_BRS);
  const cs = pi(p, G_BCS);
  const base = <usize>load<u32>(pa(p, G_BTABLE) + ((<usize>batch) << 2));
  const j0 = jp << 3;
  if (j0 + 8 <= n && cs == 1) {
    let src = base + ((<usize>(pc0 * rs + j0)) << 2);
    const step = (<usize>rs) << 2;
    for (let q = 0; q < kc; q++) {
      const d = dst + ((<usize>q) << 5);
      v128.store(d, v128.load(src));
      v128.store(d, v128.load(src, 16), 16);
      src += step;
    }
    return;
  }
  if (j0 + 8 <= n && rs == 1) {
    // B is stored transposed: each of the 8 columns is contiguous along k.
    const cstep = (<usize>cs) << 2;
    const s0 = base + ((<usize>(j0 * cs + pc0)) << 2);
    const s1 = s0 + cstep;
    const s2 = s1 + cstep;
    const s3 = s2 + cstep;
    const s4 = s3 + cstep;
    const s5 = s4 + cstep;
    const s6 = s5 + cstep;
    const s7 = s6 + cstep;
    let q = 0;
    for (; q + 4 <= kc; q += 4) {
      const o = (<usize>q) << 2;
      const d = dst + ((<usize>q) << 5);
      storeTransposed4(d, 32, v128.load(s0 + o), v128.load(s1 + o), v128.load(s2 + o), v128.load(s3 + o));
      storeTransposed4(d + 16, 32, v128.load(s4 + o), v128.load(s5 + o), v128.load(s6 + o), v128.load(s7 + o));
    }
    for (; q < kc; q++) {
      const o = (<usize>q) << 2;
      const d = dst + ((<usize>q) << 5);
      store<f32>(d, load<f32>(s0 + o));
      store<f32>(d, load<f32>(s1 + o), 4);
      store<f32>(d, load<f32>(s2 + o), 8);
      store<f32>(d, load<f32>(s3 + o), 12);
      store<f32>(d, load<f32>(s4 + o), 16);
      store<f32>(d, load<f32>(s5 + o), 20);
      store<f32>(d, load<f32>(s6 + o), 24);
      store<f32>(d, load<f32>(s7 + o), 28);
    }
    return;
  }
  for (let q = 0; q < kc; q++) {
    const d = dst + ((<usize>q) << 5);
    const row = (pc0 + q) * rs;
    for (let c = 0; c < 8; c++) {
      const j = j0 + c;
      store<f32>(d + ((<usize>c) << 2), j < n ? load<f32>(base + ((<usize>(row + j * cs)) << 2)) : 0);
    }
  }
}

/** One packing task: a group of A panels or of B panels of one k block of one batch. */
export function gemmPackTask(t: i32, p: usize): void {
  const ta = pi(p, G_TA);
  const per = ta + pi(p, G_TB);
  const k = pi(p, G_K);
  const kcMax = pi(p, G_KC);
  const blocks = (k + kcMax - 1) / kcMax;
  const batch = t / (per * blocks);
  let r = t - batch * per * blocks;
  const kb = r / per;
  r -= kb * per;
  const pc0 = kb * kcMax;
  const kc = imin(kcMax, k - pc0);
  if (r < ta) {
    const panels = (pi(p, G_M) + 3) >> 2;
    const g = pi(p, G_GA);
    const end = imin(panels, (r + 1) * g);
    const ap = pa(p, G_AP) + <usize>batch * pa(p, G_APSTRIDE) + <usize>pc0 * <usize>panels * 16;
    const mode = pi(p, G_AMODE);
    for (let ip = r * g; ip < end; ip++) {
      const dst = ap + <usize>ip * <usize>kc * 16;
      if (mode == A_IM2COL) im2colPanel(p, ip, dst, pc0, kc);
      else if (mode == A_IM2COL_T) im2colTPanel(p, ip, dst, pc0, kc);
      else packAMatrix(p, batch, ip, dst, pc0, kc);
    }
  } else {
    const panels = (pi(p, G_N) + 7) >> 3;
    const g = pi(p, G_GB);
    const rr = r - ta;
    const end = imin(panels, (rr + 1) * g);
    const bp = pa(p, G_BP) + <usize>batch * pa(p, G_BPSTRIDE) + <usize>pc0 * <usize>panels * 32;
    for (let jp = rr * g; jp < end; jp++) packBMatrix(p, batch, jp, bp + <usize>jp * <usize>kc * 32, pc0, kc);
  }
}

/** One compute task: a block of MR-panels × a block of NR-panels of one batch's C, over every k block. */
export function gemmComputeTask(t: i32, p: usize, scratch: usize): void {
  const rb = pi(p, G_RB);
  const cb = pi(p, G_CB);
  const per = rb * cb;
  const batch = t / per;
  const r = t - batch * per;
  const ib = r / cb;
  const jb = r - ib * cb;
  const m = pi(p, G_M);
  const n = pi(p, G_N);
  const k = pi(p, G_K);
  const kcMax = pi(p, G_KC);
  const mcp = pi(p, G_MCP);
  const ncp = pi(p, G_NCP);
  const mp = (m + 3) >> 2;
  const np = (n + 7) >> 3;
  const ir0 = ib * mcp;
  const ir1 = imin(ir0 + mcp, mp);
  const jr0 = jb * ncp;
  const jr1 = imin(jr0 + ncp, np);
  const ap0 = pa(p, G_AP) + <usize>batch * pa(p, G_APSTRIDE);
  const bp0 = pa(p, G_BP) + <usize>batch * pa(p, G_BPSTRIDE);
  const c = pa(p, G_C) + <usize>batch * pa(p, G_CSTRIDE);
  computeBlock(ap0, bp0, c, pi(p, G_LDC), m, n, k, kcMax, ir0, ir1, jr0, jr1, scratch);
}

/**
 * C's panels [ir0, ir1) × [jr0, jr1) (MR rows, NR columns each; C [m, n], row stride ldc) = packed A · packed B over
 * every k block of at most kcMax steps, in one fixed order. A and B are packed as the pack phase writes them (k block
 * at pc0 starts at pc0·panels·bytes per step). Edge tiles go through `scratch` (4×8 floats). Shared with the LSTM's
 * weight gradients, whose operands its backward writes already packed (assembly/lstm.ts).
 */
export function computeBlock(
  ap0: usize,
  bp0: usize,
  c: usize,
  ldc: i32,
  m: i32,
  n: i32,
  k: i32,
  kcMax: i32,
  ir0: i32,
  ir1: i32,
  jr0: i32,
  jr1: i32,
  scratch: usize,
): void {
  const mp = (m + 3) >> 2;
  const np = (n + 7) >> 3;
  const ldcb = (<usize>ldc) << 2;
  for (let pc0 = 0; pc0 < k; pc0 += kcMax) {
    const kc = imin(kcMax, k - pc0);
    const accumulate = pc0 > 0;
    const ap = ap0 + <usize>pc0 * <usize>mp * 16;
    const bp = bp0 + <usize>pc0 * <usize>np * 32;
    const apStep = (<usize>kc) << 4;
    const bpStep = (<usize>kc) << 5;
    for (let jr = jr0; jr < jr1; jr++) {
      const bpanel = bp + <usize>jr * bpStep;
      const nr = imin(8, n - (jr << 3));
      for (let ir = ir0; ir < ir1; ir++) {
        const apanel = ap + <usize>ir * apStep;
        const mr = imin(4, m - (ir << 2));
        const cptr = c + ((<usize>(ir << 2) * <usize>ldc + <usize>(jr << 3)) << 2);
        if (mr == 4 && nr == 8) {
          micro(apanel, bpanel, kc, cptr, ldcb, accumulate);
        } else {
          // Edge tile: compute the whole padded tile into scratch, then keep the part inside C.
          micro(apanel, bpanel, kc, scratch, 32, false);
          for (let i = 0; i < mr; i++) {
            const crow = cptr + <usize>i * ldcb;
            const srow = scratch + ((<usize>i) << 5);
            for (let j = 0; j < nr; j++) {
              const o = (<usize>j) << 2;
              const v = load<f32>(srow + o);
              store<f32>(crow + o, accumulate ? load<f32>(crow + o) + v : v);
            }
          }
        }
      }
    }
  }
}

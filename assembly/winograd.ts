/**
 * Winograd minimal filtering F(2×2, 3×3) for 3×3 stride-1 convolutions (Lavin & Gray, "Fast Algorithms for
 * Convolutional Neural Networks", 2015). A 2×2 block of outputs is Aᵀ·[(G·g·Gᵀ) ⊙ (Bᵀ·d·B)]·A, where d is the
 * 4×4 input tile under it (tiles overlap, stride 2) and g the 3×3 filter:
 *
 *   Bᵀ = [1 0 −1 0; 0 1 1 0; 0 −1 1 0; 0 1 0 −1]   G = [1 0 0; ½ ½ ½; ½ −½ ½; 0 0 1]   Aᵀ = [1 1 1 0; 0 1 −1 −1]
 *
 * Summed over input channels, the 16 element-wise products become 16 matrix products M[t] = V[t]·U[t]
 * (tiles × cin by cin × cout): 16·cin·cout multiplications per tile of 4 outputs instead of 36·cin·cout.
 *
 * The filter phase writes U[t] straight in the GEMM's packed B layout (NR-column panels, k-major). A tile task
 * then runs a block of tiles through everything in its thread's workspace, which stays in cache: the input
 * transform writes V[t] in the packed A layout (MR-row panels), the GEMM micro-kernel forms M[t], and the output
 * transform writes y. NHWC keeps channels contiguous, so every transform works on four channels per vector.
 * F(4×4, 3×3) (6×6 tiles, 36 products) and the filter gradient's transposed algorithms F(3×3, 2×2) and F(3×3, 4×4)
 * follow further down, built the same way.
 *
 * A thread's workspace is found from its scratch tile: the control block's CTRL_SCRATCH holds the address of
 * thread 0's, and thread i's follows at i·SCRATCH_BYTES. Results never depend on which thread runs a task: every
 * task overwrites the part of the workspace it reads.
 */
import {
  CTRL_PARAMS,
  CTRL_SCRATCH,
  SCRATCH_BYTES,
  WG_BT,
  WG_CIN,
  WG_COUT,
  WG_DW,
  WG_DZ,
  WG_FC,
  WG_FF,
  WG_FLIP,
  WG_H,
  WG_KP,
  WG_NP,
  WG_OH,
  WG_OW,
  WG_PART,
  WG_PARTS,
  WG_PL,
  WG_PSTRIDE,
  WG_PT,
  WG_TH,
  WG_TILES,
  WG_TPT,
  WG_TW,
  WG_U,
  WG_USTRIDE,
  WG_W,
  WG_WD,
  WG_WORK,
  WG_WORKBYTES,
  WG_X,
  WG_Y,
  WG_STAGE_BYTES,
  WG_STAGE43_BYTES,
  WG_DW_STAGE43_BYTES,
  WG_ZERO,
} from '../src/backend/wasm/abi';
import { micro } from './gemm';
import { imin, pa, pi, storeTransposed4 } from './simd';

/**
 * The running thread's workspace: its index follows from its scratch tile's place after the control block's base,
 * and each thread owns WG_WORKBYTES of the WG_WORK area.
 */
function threadWorkspace(p: usize, scratch: usize): usize {
  const scratchBase = <usize>load<u32>(p - CTRL_PARAMS + CTRL_SCRATCH);
  const tid = <i32>((scratch - scratchBase) / SCRATCH_BYTES);
  return pa(p, WG_WORK) + <usize>tid * pa(p, WG_WORKBYTES);
}

/** Stores the first n lanes of `v` at d (n ≥ 1). */
function storeLanes(d: usize, v: v128, n: i32): void {
  store<f32>(d, f32x4.extract_lane(v, 0));
  if (n > 1) store<f32>(d, f32x4.extract_lane(v, 1), 4);
  if (n > 2) store<f32>(d, f32x4.extract_lane(v, 2), 8);
  if (n > 3) store<f32>(d, f32x4.extract_lane(v, 3), 12);
}

/** Stores the first n lanes of `v` at d, d + step, d + 2·step, d + 3·step (a column of a packed B panel). */
function scatterLanes(d: usize, step: usize, v: v128, n: i32): void {
  store<f32>(d, f32x4.extract_lane(v, 0));
  if (n > 1) store<f32>(d + step, f32x4.extract_lane(v, 1));
  if (n > 2) store<f32>(d + 2 * step, f32x4.extract_lane(v, 2));
  if (n > 3) store<f32>(d + 3 * step, f32x4.extract_lane(v, 3));
}

/**
 * Stores one entry of U[t] for four (c, f) pairs into U[t]'s packed panels: element (row, col) of the product's B
 * goes to panel col / 8 at step `row`. Forward: row = input channel c, columns f..f+3. Flipped: rows f..f+3,
 * column c.
 */
function storeU(u: usize, v: v128, c: i32, f: i32, lanes: i32, flip: bool, kp: i32): void {
  if (!flip) {
    const d = u + ((<usize>((f >> 3) * kp + c)) << 5) + ((<usize>(f & 7)) << 2);
    if (lanes == 4) v128.store(d, v);
    else storeLanes(d, v, lanes);
  } else {
    scatterLanes(u + ((<usize>((c >> 3) * kp + f)) << 5) + ((<usize>(c & 7)) << 2), 32, v, lanes);
  }
}

/** Transforms filters f..f+3 (fewer at the end) of input channel c: U[0..15] = G·g·Gᵀ, stored by `storeU`. */
function filterGroup(w: usize, tap: usize, u: usize, us: usize, c: i32, f: i32, ff: i32, flip: bool, kp: i32): void {
  const half = f32x4.splat(0.5);
  const lanes = imin(4, ff - f);
  // Lanes past ff read the next row (or the arena's slack after w); they are never stored.
  const s = w + ((<usize>(c * ff + f)) << 2);
  const g00 = v128.load(s + (flip ? 8 : 0) * tap);
  const g01 = v128.load(s + (flip ? 7 : 1) * tap);
  const g02 = v128.load(s + (flip ? 6 : 2) * tap);
  const g10 = v128.load(s + (flip ? 5 : 3) * tap);
  const g11 = v128.load(s + 4 * tap);
  const g12 = v128.load(s + (flip ? 3 : 5) * tap);
  const g20 = v128.load(s + (flip ? 2 : 6) * tap);
  const g21 = v128.load(s + (flip ? 1 : 7) * tap);
  const g22 = v128.load(s + (flip ? 0 : 8) * tap);
  // Rows of G·g (4 × 3), then each row times Gᵀ gives four entries of U.
  for (let r = 0; r < 4; r++) {
    let x0 = g00;
    let x1 = g01;
    let x2 = g02;
    if (r == 1) {
      x0 = f32x4.mul(f32x4.add(f32x4.add(g00, g10), g20), half);
      x1 = f32x4.mul(f32x4.add(f32x4.add(g01, g11), g21), half);
      x2 = f32x4.mul(f32x4.add(f32x4.add(g02, g12), g22), half);
    } else if (r == 2) {
      x0 = f32x4.mul(f32x4.add(f32x4.sub(g00, g10), g20), half);
      x1 = f32x4.mul(f32x4.add(f32x4.sub(g01, g11), g21), half);
      x2 = f32x4.mul(f32x4.add(f32x4.sub(g02, g12), g22), half);
    } else if (r == 3) {
      x0 = g20;
      x1 = g21;
      x2 = g22;
    }
    const ut = u + <usize>(4 * r) * us;
    storeU(ut, x0, c, f, lanes, flip, kp);
    storeU(ut + us, f32x4.mul(f32x4.add(f32x4.add(x0, x1), x2), half), c, f, lanes, flip, kp);
    storeU(ut + 2 * us, f32x4.mul(f32x4.add(f32x4.sub(x0, x1), x2), half), c, f, lanes, flip, kp);
    storeU(ut + 3 * us, x2, c, f, lanes, flip, kp);
  }
}

/**
 * Filter transform of one NR-column panel of the packed U: U = G·g·Gᵀ for w [3, 3, fc, ff], four filters at a time.
 * Forward, the panel's columns are filters 8t..8t+7 and its steps the input channels; with WG_FLIP the taps are read
 * rotated by 180° and U is transposed (steps f, columns c = 8t..8t+7): the filter of the input gradient, a full
 * correlation of dy with the filter. Either way the panel is written in order, step after step.
 */
export function winoFilterTask(t: i32, p: usize): void {
  const w = pa(p, WG_W);
  const fc = pi(p, WG_FC);
  const ff = pi(p, WG_FF);
  const flip = pi(p, WG_FLIP) != 0;
  const kp = pi(p, WG_KP);
  const u = pa(p, WG_U);
  const us = pa(p, WG_USTRIDE);
  const tap = (<usize>(fc * ff)) << 2;
  const j0 = t << 3;
  if (!flip) {
    const f1 = imin(ff, j0 + 8);
    for (let c = 0; c < fc; c++) {
      for (let f = j0; f < f1; f += 4) filterGroup(w, tap, u, us, c, f, ff, false, kp);
    }
  } else {
    const c1 = imin(fc, j0 + 8);
    for (let f = 0; f < ff; f += 4) {
      for (let c = j0; c < c1; c++) filterGroup(w, tap, u, us, c, f, ff, true, kp);
    }
  }
}

/**
 * Row pass of the input transform for one tile and four channels: Bᵀ·d into stage[q·4 + s] (16 vectors). `ptrs`
 * holds the tile's 16 pixel addresses, row-major (a zero pixel for those outside the image); `co` the channel
 * offset in bytes.
 */
function inputRows(stage: usize, ptrs: usize, co: usize): void {
  for (let s: usize = 0; s < 16; s += 4) {
    const d0 = v128.load(<usize>load<u32>(ptrs + s) + co);
    const d1 = v128.load(<usize>load<u32>(ptrs + s + 16) + co);
    const d2 = v128.load(<usize>load<u32>(ptrs + s + 32) + co);
    const d3 = v128.load(<usize>load<u32>(ptrs + s + 48) + co);
    const sc = stage + (s << 2);
    v128.store(sc, f32x4.sub(d0, d2));
    v128.store(sc, f32x4.add(d1, d2), 64);
    v128.store(sc, f32x4.sub(d2, d1), 128);
    v128.store(sc, f32x4.sub(d1, d3), 192);
  }
}

/**
 * One tile task: tiles [t·WG_BT, (t + 1)·WG_BT). Workspace of the running thread: the 16 packed A operands
 * (WG_BT/4 panels of WG_KP steps each), the 16 products M[t] (WG_BT rows × WG_NP·8 columns), a 1 KiB stage
 * and a 256-byte table of pixel addresses.
 */
export function winoTileTask(t: i32, p: usize, scratch: usize): void {
  const x = pa(p, WG_X);
  const y = pa(p, WG_Y);
  const u = pa(p, WG_U);
  const us = pa(p, WG_USTRIDE);
  const h = pi(p, WG_H);
  const w = pi(p, WG_WD);
  const cin = pi(p, WG_CIN);
  const kp = pi(p, WG_KP);
  const cout = pi(p, WG_COUT);
  const np = pi(p, WG_NP);
  const oh = pi(p, WG_OH);
  const ow = pi(p, WG_OW);
  const pt = pi(p, WG_PT);
  const pl = pi(p, WG_PL);
  const th = pi(p, WG_TH);
  const tw = pi(p, WG_TW);
  const tiles = pi(p, WG_TILES);
  const bt = pi(p, WG_BT);
  const work = threadWorkspace(p, scratch);
  const aStride = (<usize>(bt * kp)) << 2; // one packed A operand
  const ldm = np << 3;
  const mStride = (<usize>(bt * ldm)) << 2; // one product M[t]
  const mBase = work + 16 * aStride;
  const stage = mBase + 16 * mStride; // 1 KiB: row passes of 4 tiles
  const ptrs = stage + WG_STAGE_BYTES; // WG_PTRS_BYTES: pixel addresses of 4 tiles
  const zeroPixel = pa(p, WG_ZERO);
  const i0 = t * bt;
  const n = imin(bt, tiles - i0);
  const inPixel = (<usize>cin) << 2;
  const inRow = <usize>w * inPixel;
  const inImage = <usize>h * inRow;

  // Input transform, one panel of 4 tiles and 4 channels at a time: row passes into the stage, then per t the
  // column pass of the 4 tiles, transposed into the panel's 4 steps (lanes past cin fall into steps ≥ cin,
  // which the products never read).
  for (let ip = 0; ip < bt >> 2; ip++) {
    const panel = work + ((<usize>(ip * kp)) << 4);
    // The 16 pixel addresses of each of the 4 tiles (the zero pixel where outside the image or past the tiles).
    for (let r = 0; r < 4; r++) {
      const i = ip * 4 + r;
      const pr = ptrs + ((<usize>r) << 6);
      if (i >= n) {
        for (let k: usize = 0; k < 64; k += 4) store<u32>(pr + k, <u32>zeroPixel);
        continue;
      }
      const tile = i0 + i;
      const row = tile / tw;
      const tj = tile - row * tw;
      const b = row / th;
      const iy0 = 2 * (row - b * th) - pt;
      const ix0 = 2 * tj - pl;
      const image = x + <usize>b * inImage;
      for (let a = 0; a < 4; a++) {
        const iy = iy0 + a;
        for (let c = 0; c < 4; c++) {
          const ix = ix0 + c;
          const ok = iy >= 0 && iy < h && ix >= 0 && ix < w;
          const at = ok ? image + <usize>(iy * w + ix) * inPixel : zeroPixel;
          store<u32>(pr + ((<usize>(a * 4 + c)) << 2), <u32>at);
        }
      }
    }
    for (let ch = 0; ch < cin; ch += 4) {
      const co = (<usize>ch) << 2;
      inputRows(stage, ptrs, co);
      inputRows(stage + 256, ptrs + 64, co);
      inputRows(stage + 512, ptrs + 128, co);
      inputRows(stage + 768, ptrs + 192, co);
      const dst = panel + ((<usize>ch) << 4);
      for (let q = 0; q < 4; q++) {
        for (let s = 0; s < 4; s++) {
          // V[4q + s] = row q of Bᵀ·d times column s of B.
          const a = <usize>(q << 6) + (s == 0 ? 0 : 16);
          const bOff = <usize>(q << 6) + (s == 3 ? 48 : 32);
          const e0 = v128.load(stage + a);
          const e1 = v128.load(stage + 256 + a);
          const e2 = v128.load(stage + 512 + a);
          const e3 = v128.load(stage + 768 + a);
          const f0 = v128.load(stage + bOff);
          const f1 = v128.load(stage + 256 + bOff);
          const f2 = v128.load(stage + 512 + bOff);
          const f3 = v128.load(stage + 768 + bOff);
          let v0: v128;
          let v1: v128;
          let v2: v128;
          let v3: v128;
          if (s == 0) {
            v0 = f32x4.sub(e0, f0);
            v1 = f32x4.sub(e1, f1);
            v2 = f32x4.sub(e2, f2);
            v3 = f32x4.sub(e3, f3);
          } else if (s == 1) {
            v0 = f32x4.add(e0, f0);
            v1 = f32x4.add(e1, f1);
            v2 = f32x4.add(e2, f2);
            v3 = f32x4.add(e3, f3);
          } else if (s == 2) {
            v0 = f32x4.sub(f0, e0);
            v1 = f32x4.sub(f1, e1);
            v2 = f32x4.sub(f2, e2);
            v3 = f32x4.sub(f3, e3);
          } else {
            v0 = f32x4.sub(e0, f0);
            v1 = f32x4.sub(e1, f1);
            v2 = f32x4.sub(e2, f2);
            v3 = f32x4.sub(e3, f3);
          }
          storeTransposed4(dst + <usize>(4 * q + s) * aStride, 16, v0, v1, v2, v3);
        }
      }
    }
  }

  // The 16 products on the micro-kernel: full 4×8 tiles (A rows and B columns are zero-padded).
  const ldmb = (<usize>ldm) << 2;
  const bPanel = (<usize>kp) << 5;
  const aPanel = (<usize>kp) << 4;
  const panels = (n + 3) >> 2;
  for (let q = 0; q < 16; q++) {
    const a = work + <usize>q * aStride;
    const bq = u + <usize>q * us;
    const m = mBase + <usize>q * mStride;
    for (let jp = 0; jp < np; jp++) {
      const bp = bq + <usize>jp * bPanel;
      for (let ip = 0; ip < panels; ip++) {
        micro(a + <usize>ip * aPanel, bp, cin, m + <usize>(ip << 2) * ldmb + ((<usize>jp) << 5), ldmb, false);
      }
    }
  }

  // Output transform: y = Aᵀ·M·A per tile, four filters at a time; parts past the output's edge are dropped.
  const outPixel = (<usize>cout) << 2;
  const outRow = <usize>ow * outPixel;
  const outImage = <usize>oh * outRow;
  for (let i = 0; i < n; i++) {
    const tile = i0 + i;
    const row = tile / tw;
    const tj = tile - row * tw;
    const b = row / th;
    const oy = 2 * (row - b * th);
    const ox = 2 * tj;
    const down = oy + 1 < oh;
    const right = ox + 1 < ow;
    const o00 = y + <usize>b * outImage + <usize>oy * outRow + <usize>ox * outPixel;
    const src = mBase + <usize>i * ldmb;
    for (let ch = 0; ch < cout; ch += 4) {
      const co = (<usize>ch) << 2;
      // y row 0 = rows 0 + 1 + 2 of M·A, y row 1 = rows 1 − 2 − 3.
      let y00 = f32x4.splat(0);
      let y01 = y00;
      let y10 = y00;
      let y11 = y00;
      for (let q = 0; q < 4; q++) {
        const base = src + co + <usize>(4 * q) * mStride;
        const m0 = v128.load(base);
        const m1 = v128.load(base + mStride);
        const m2 = v128.load(base + 2 * mStride);
        const m3 = v128.load(base + 3 * mStride);
        const a0 = f32x4.add(f32x4.add(m0, m1), m2);
        const a1 = f32x4.sub(f32x4.sub(m1, m2), m3);
        if (q == 0) {
          y00 = a0;
          y01 = a1;
        } else if (q == 1) {
          y00 = f32x4.add(y00, a0);
          y01 = f32x4.add(y01, a1);
          y10 = a0;
          y11 = a1;
        } else if (q == 2) {
          y00 = f32x4.add(y00, a0);
          y01 = f32x4.add(y01, a1);
          y10 = f32x4.sub(y10, a0);
          y11 = f32x4.sub(y11, a1);
        } else {
          y10 = f32x4.sub(y10, a0);
          y11 = f32x4.sub(y11, a1);
        }
      }
      const d = o00 + co;
      const lanes = imin(4, cout - ch);
      if (lanes == 4) {
        v128.store(d, y00);
        if (right) v128.store(d + outPixel, y01);
        if (down) {
          v128.store(d + outRow, y10);
          if (right) v128.store(d + outRow + outPixel, y11);
        }
      } else {
        storeLanes(d, y00, lanes);
        if (right) storeLanes(d + outPixel, y01, lanes);
        if (down) {
          storeLanes(d + outRow, y10, lanes);
          if (right) storeLanes(d + outRow + outPixel, y11, lanes);
        }
      }
    }
  }
}

/**
 * Filter gradient by Winograd F(3×3, 2×2), the transpose of F(2×2, 3×3): within one 4×4 input tile d and the
 * 2×2 block of dz over it, the gradient's contribution Σᵢⱼ dz[i][j]·d[i + a][j + b] equals
 * Gᵀ·[(A·dz·Aᵀ) ⊙ (Bᵀ·d·B)]·G (A = (Aᵀ)ᵀ, 4×2). Summed over tiles and images, the 16 element-wise products become
 * the matrix products M[t] = V[t]ᵀ·Z[t] ([cin × tiles] by [tiles × cout]).
 *
 * One task per part, a fixed range of WG_TPT tiles (the parts do not depend on the thread count): blocks of WG_BT
 * tiles are transformed straight into packed GEMM panels in the thread's workspace (V[t]ᵀ as A: a vector of four
 * channels of one tile is one k step of an MR panel; Z[t] as B: four filters of one tile are half a k step of an
 * NR panel), and the micro-kernel adds V[t]ᵀ·Z[t] into the part's own partial sums M[t] (WG_KP × WG_NP·8 each).
 */
export function winoDwPartTask(t: i32, p: usize, scratch: usize): void {
  const x = pa(p, WG_X);
  const dz = pa(p, WG_DZ);
  const h = pi(p, WG_H);
  const w = pi(p, WG_WD);
  const cin = pi(p, WG_CIN);
  const kp = pi(p, WG_KP);
  const cout = pi(p, WG_COUT);
  const np = pi(p, WG_NP);
  const oh = pi(p, WG_OH);
  const ow = pi(p, WG_OW);
  const pt = pi(p, WG_PT);
  const pl = pi(p, WG_PL);
  const th = pi(p, WG_TH);
  const tw = pi(p, WG_TW);
  const bt = pi(p, WG_BT);
  const zeroPixel = pa(p, WG_ZERO);
  const work = threadWorkspace(p, scratch);
  const ldm = np << 3;
  const aPanel = (<usize>bt) << 4; // one MR panel: bt k steps of 4 floats
  const bPanel = (<usize>bt) << 5; // one NR panel: bt k steps of 8 floats
  const aStride = <usize>(kp >> 2) * aPanel; // one V[t]ᵀ
  const bStride = <usize>np * bPanel; // one Z[t]
  const bBase = work + 16 * aStride;
  const mStride = (<usize>(kp * ldm)) << 2;
  const mBase = pa(p, WG_PART) + <usize>t * pa(p, WG_PSTRIDE);
  const inPixel = (<usize>cin) << 2;
  const inImage = <usize>h * <usize>w * inPixel;
  const outPixel = (<usize>cout) << 2;
  const outRow = <usize>ow * outPixel;
  const outImage = <usize>oh * outRow;
  const ptrs = scratch; // 16 pixel addresses of the tile (the zero pixel outside the image)
  const p0 = t * pi(p, WG_TPT);
  const p1 = imin(pi(p, WG_TILES), p0 + pi(p, WG_TPT));
  for (let bs = p0; bs < p1; bs += bt) {
    const nb = imin(bt, p1 - bs);
    for (let i = 0; i < nb; i++) {
      const tile = bs + i;
      const row = tile / tw;
      const tj = tile - row * tw;
      const b = row / th;
      const ty = row - b * th;
      const iy0 = 2 * ty - pt;
      const ix0 = 2 * tj - pl;
      const image = x + <usize>b * inImage;
      for (let a = 0; a < 4; a++) {
        const iy = iy0 + a;
        for (let c = 0; c < 4; c++) {
          const ix = ix0 + c;
          const ok = iy >= 0 && iy < h && ix >= 0 && ix < w;
          store<u32>(
            ptrs + ((<usize>(a * 4 + c)) << 2),
            <u32>(ok ? image + <usize>(iy * w + ix) * inPixel : zeroPixel),
          );
        }
      }
      // V[t] = Bᵀ·d·B, four channels at a time, each vector one k step of A panel ch/4.
      const aOut = work + ((<usize>i) << 4);
      for (let ch = 0; ch < cin; ch += 4) {
        const co = (<usize>ch) << 2;
        const dst = aOut + <usize>(ch >> 2) * aPanel;
        for (let q = 0; q < 4; q++) {
          // Bᵀ row q combines input rows (0 − 2), (1 + 2), (2 − 1), (1 − 3).
          const ra: usize = q == 0 ? 0 : q == 2 ? 32 : 16;
          const rb: usize = q == 0 || q == 1 ? 32 : q == 2 ? 16 : 48;
          const l0a = v128.load(<usize>load<u32>(ptrs + ra) + co);
          const l0b = v128.load(<usize>load<u32>(ptrs + rb) + co);
          const l1a = v128.load(<usize>load<u32>(ptrs + ra + 4) + co);
          const l1b = v128.load(<usize>load<u32>(ptrs + rb + 4) + co);
          const l2a = v128.load(<usize>load<u32>(ptrs + ra + 8) + co);
          const l2b = v128.load(<usize>load<u32>(ptrs + rb + 8) + co);
          const l3a = v128.load(<usize>load<u32>(ptrs + ra + 12) + co);
          const l3b = v128.load(<usize>load<u32>(ptrs + rb + 12) + co);
          let e0: v128;
          let e1: v128;
          let e2: v128;
          let e3: v128;
          if (q == 1) {
            e0 = f32x4.add(l0a, l0b);
            e1 = f32x4.add(l1a, l1b);
            e2 = f32x4.add(l2a, l2b);
            e3 = f32x4.add(l3a, l3b);
          } else {
            e0 = f32x4.sub(l0a, l0b);
            e1 = f32x4.sub(l1a, l1b);
            e2 = f32x4.sub(l2a, l2b);
            e3 = f32x4.sub(l3a, l3b);
          }
          const d = dst + <usize>(4 * q) * aStride;
          v128.store(d, f32x4.sub(e0, e2));
          v128.store(d + aStride, f32x4.add(e1, e2));
          v128.store(d + 2 * aStride, f32x4.sub(e2, e1));
          v128.store(d + 3 * aStride, f32x4.sub(e1, e3));
        }
      }
      // Z[t] = A·dz·Aᵀ of the tile's 2×2 block of dz (zero past the output's edge), four filters at a time.
      const oy = 2 * ty;
      const ox = 2 * tj;
      const right = ox + 1 < ow;
      const down = oy + 1 < oh;
      const a00 = dz + <usize>b * outImage + <usize>oy * outRow + <usize>ox * outPixel;
      const a01 = right ? a00 + outPixel : zeroPixel;
      const a10 = down ? a00 + outRow : zeroPixel;
      const a11 = right && down ? a00 + outRow + outPixel : zeroPixel;
      const bOut = bBase + ((<usize>i) << 5);
      for (let ch = 0; ch < cout; ch += 4) {
        const co = (<usize>ch) << 2;
        const d00 = v128.load(a00 + co);
        const d01 = v128.load(a01 + co);
        const d10 = v128.load(a10 + co);
        const d11 = v128.load(a11 + co);
        const dst = bOut + <usize>(ch >> 3) * bPanel + ((<usize>(ch & 4)) << 2);
        // Rows of A·dz: (d0), (d0 + d1), (d0 − d1), (−d1); then each row times Aᵀ the same way.
        for (let q = 0; q < 4; q++) {
          let r0: v128;
          let r1: v128;
          if (q == 0) {
            r0 = d00;
            r1 = d01;
          } else if (q == 1) {
            r0 = f32x4.add(d00, d10);
            r1 = f32x4.add(d01, d11);
          } else if (q == 2) {
            r0 = f32x4.sub(d00, d10);
            r1 = f32x4.sub(d01, d11);
          } else {
            r0 = f32x4.neg(d10);
            r1 = f32x4.neg(d11);
          }
          const d = dst + <usize>(4 * q) * bStride;
          v128.store(d, r0);
          v128.store(d + bStride, f32x4.add(r0, r1));
          v128.store(d + 2 * bStride, f32x4.sub(r0, r1));
          v128.store(d + 3 * bStride, f32x4.neg(r1));
        }
      }
    }
    // M[t] (+)= V[t]ᵀ·Z[t] over this block's nb k steps.
    const accumulate = bs > p0;
    const ldmb = (<usize>ldm) << 2;
    for (let q = 0; q < 16; q++) {
      const aq = work + <usize>q * aStride;
      const bq = bBase + <usize>q * bStride;
      const mq = mBase + <usize>q * mStride;
      for (let jp = 0; jp < np; jp++) {
        for (let ic = 0; ic < kp >> 2; ic++) {
          micro(
            aq + <usize>ic * aPanel,
            bq + <usize>jp * bPanel,
            nb,
            mq + <usize>(ic << 2) * ldmb + ((<usize>jp) << 5),
            ldmb,
            accumulate,
          );
        }
      }
    }
  }
}

/**
 * Output transform of the filter gradient for WG_TPT input channels c: the parts' partial sums of M[t] are added
 * in part order (into the thread's scratch), then dw[a][b][c][f..f+3] = (Gᵀ·M·G)[a][b], Gᵀ = [1 ½ ½ 0; 0 ½ −½ 0;
 * 0 ½ ½ 1].
 */
export function winoDwOutputTask(t: i32, p: usize, scratch: usize): void {
  const part = pa(p, WG_PART);
  const ps = pa(p, WG_PSTRIDE);
  const parts = pi(p, WG_PARTS);
  const dw = pa(p, WG_DW);
  const cin = pi(p, WG_CIN);
  const kp = pi(p, WG_KP);
  const cout = pi(p, WG_COUT);
  const ldm = pi(p, WG_NP) << 3;
  const ms = (<usize>(kp * ldm)) << 2;
  const c0 = t * pi(p, WG_TPT);
  const c1 = imin(cin, c0 + pi(p, WG_TPT));
  const half = f32x4.splat(0.5);
  const tap = (<usize>(cin * cout)) << 2;
  for (let c = c0; c < c1; c++) {
    for (let f = 0; f < cout; f += 4) {
      const src = part + ((<usize>(c * ldm + f)) << 2);
      for (let q = 0; q < 16; q++) {
        const at = src + <usize>q * ms;
        let sum = v128.load(at);
        for (let k = 1; k < parts; k++) sum = f32x4.add(sum, v128.load(at + <usize>k * ps));
        v128.store(scratch + ((<usize>q) << 4), sum);
      }
      const dst = dw + ((<usize>(c * cout + f)) << 2);
      const lanes = imin(4, cout - f);
      // Rows of M·G (4 × 3) one M row at a time, folded into the 3 rows of Gᵀ·(M·G).
      for (let b = 0; b < 3; b++) {
        let y0 = f32x4.splat(0);
        let y1 = y0;
        let y2 = y0;
        for (let q = 0; q < 4; q++) {
          const base = scratch + ((<usize>q) << 6);
          const m0 = v128.load(base);
          const m1 = v128.load(base, 16);
          const m2 = v128.load(base, 32);
          const m3 = v128.load(base, 48);
          // Column b of G: b = 0: (1, ½, ½, 0); b = 1: (0, ½, −½, 0); b = 2: (0, ½, ½, 1).
          let r: v128;
          if (b == 0) r = f32x4.add(m0, f32x4.mul(f32x4.add(m1, m2), half));
          else if (b == 1) r = f32x4.mul(f32x4.sub(m1, m2), half);
          else r = f32x4.add(f32x4.mul(f32x4.add(m1, m2), half), m3);
          if (q == 0) {
            y0 = r;
          } else if (q == 1) {
            const hr = f32x4.mul(r, half);
            y0 = f32x4.add(y0, hr);
            y1 = hr;
            y2 = hr;
          } else if (q == 2) {
            const hr = f32x4.mul(r, half);
            y0 = f32x4.add(y0, hr);
            y1 = f32x4.sub(y1, hr);
            y2 = f32x4.add(y2, hr);
          } else {
            y2 = f32x4.add(y2, r);
          }
        }
        const o = dst + <usize>b * tap;
        if (lanes == 4) {
          v128.store(o, y0);
          v128.store(o + 3 * tap, y1);
          v128.store(o + 6 * tap, y2);
        } else {
          storeLanes(o, y0, lanes);
          storeLanes(o + 3 * tap, y1, lanes);
          storeLanes(o + 6 * tap, y2, lanes);
        }
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// F(4×4, 3×3): 6×6 input tiles at stride 4, 36 products per tile of 16 outputs (2.25 multiplications per output
// and channel pair instead of 4). Points 0, ±1, ±2, ∞:
//
//   Bᵀ = [4 0 −5 0 1 0; 0 −4 −4 1 1 0; 0 4 −4 −1 1 0; 0 −2 −1 2 1 0; 0 2 −1 −2 1 0; 0 4 0 −5 0 1]
//   G  = [¼ 0 0; −⅙ −⅙ −⅙; −⅙ ⅙ −⅙; 1/24 1/12 ⅙; 1/24 −1/12 ⅙; 0 0 1]
//   Aᵀ = [1 1 1 1 1 0; 0 1 −1 2 −2 0; 0 1 1 4 4 0; 0 1 −1 8 −8 1]
// ---------------------------------------------------------------------------------------------------------------

/** Stores G·(x0, x1, x2) (six entries of U) at u, u + us, …, through `storeU`. */
function storeG6(
  u: usize,
  us: usize,
  x0: v128,
  x1: v128,
  x2: v128,
  c: i32,
  f: i32,
  lanes: i32,
  flip: bool,
  kp: i32,
): void {
  const quarter = f32x4.splat(0.25);
  const sixth = f32x4.splat(<f32>(1.0 / 6.0));
  const s24 = f32x4.splat(<f32>(1.0 / 24.0));
  const s12 = f32x4.splat(<f32>(1.0 / 12.0));
  const e = f32x4.add(x0, x2);
  const a = f32x4.add(f32x4.mul(x0, s24), f32x4.mul(x2, sixth));
  const b = f32x4.mul(x1, s12);
  storeU(u, f32x4.mul(x0, quarter), c, f, lanes, flip, kp);
  storeU(u + us, f32x4.neg(f32x4.mul(f32x4.add(e, x1), sixth)), c, f, lanes, flip, kp);
  storeU(u + 2 * us, f32x4.neg(f32x4.mul(f32x4.sub(e, x1), sixth)), c, f, lanes, flip, kp);
  storeU(u + 3 * us, f32x4.add(a, b), c, f, lanes, flip, kp);
  storeU(u + 4 * us, f32x4.sub(a, b), c, f, lanes, flip, kp);
  storeU(u + 5 * us, x2, c, f, lanes, flip, kp);
}

/** F(4×4, 3×3) filter transform of filters f..f+3 of input channel c: U[0..35] = G·g·Gᵀ. */
function filterGroup43(w: usize, tap: usize, u: usize, us: usize, c: i32, f: i32, ff: i32, flip: bool, kp: i32): void {
  const lanes = imin(4, ff - f);
  const s = w + ((<usize>(c * ff + f)) << 2);
  const quarter = f32x4.splat(0.25);
  const sixth = f32x4.splat(<f32>(1.0 / 6.0));
  const s24 = f32x4.splat(<f32>(1.0 / 24.0));
  const s12 = f32x4.splat(<f32>(1.0 / 12.0));
  // Column j of g (three taps down), then G·column for its six rows.
  for (let r = 0; r < 6; r++) {
    let x0 = f32x4.splat(0);
    let x1 = x0;
    let x2 = x0;
    for (let j = 0; j < 3; j++) {
      const g0 = v128.load(s + <usize>(flip ? 8 - j : j) * tap);
      const g1 = v128.load(s + <usize>(flip ? 5 - j : 3 + j) * tap);
      const g2 = v128.load(s + <usize>(flip ? 2 - j : 6 + j) * tap);
      let v: v128;
      if (r == 0) v = f32x4.mul(g0, quarter);
      else if (r == 1) v = f32x4.neg(f32x4.mul(f32x4.add(f32x4.add(g0, g2), g1), sixth));
      else if (r == 2) v = f32x4.neg(f32x4.mul(f32x4.sub(f32x4.add(g0, g2), g1), sixth));
      else if (r == 3) v = f32x4.add(f32x4.add(f32x4.mul(g0, s24), f32x4.mul(g2, sixth)), f32x4.mul(g1, s12));
      else if (r == 4) v = f32x4.sub(f32x4.add(f32x4.mul(g0, s24), f32x4.mul(g2, sixth)), f32x4.mul(g1, s12));
      else v = g2;
      if (j == 0) x0 = v;
      else if (j == 1) x1 = v;
      else x2 = v;
    }
    storeG6(u + <usize>(6 * r) * us, us, x0, x1, x2, c, f, lanes, flip, kp);
  }
}

/** F(4×4, 3×3) filter transform task: one NR-column panel of the 36 packed U, as `winoFilterTask`. */
export function winoFilter43Task(t: i32, p: usize): void {
  const w = pa(p, WG_W);
  const fc = pi(p, WG_FC);
  const ff = pi(p, WG_FF);
  const flip = pi(p, WG_FLIP) != 0;
  const kp = pi(p, WG_KP);
  const u = pa(p, WG_U);
  const us = pa(p, WG_USTRIDE);
  const tap = (<usize>(fc * ff)) << 2;
  const j0 = t << 3;
  if (!flip) {
    const f1 = imin(ff, j0 + 8);
    for (let c = 0; c < fc; c++) {
      for (let f = j0; f < f1; f += 4) filterGroup43(w, tap, u, us, c, f, ff, false, kp);
    }
  } else {
    const c1 = imin(fc, j0 + 8);
    for (let f = 0; f < ff; f += 4) {
      for (let c = j0; c < c1; c++) filterGroup43(w, tap, u, us, c, f, ff, true, kp);
    }
  }
}

/** Bᵀ·(d0..d5) of F(4×4, 3×3), stored at dst + k·step for k = 0..5. */
function storeBt6(dst: usize, step: usize, d0: v128, d1: v128, d2: v128, d3: v128, d4: v128, d5: v128): void {
  const four = f32x4.splat(4);
  const five = f32x4.splat(5);
  const two = f32x4.splat(2);
  v128.store(dst, f32x4.add(f32x4.sub(f32x4.mul(d0, four), f32x4.mul(d2, five)), d4));
  const a = f32x4.sub(f32x4.add(d3, d4), f32x4.mul(f32x4.add(d1, d2), four)); // −4d1 − 4d2 + d3 + d4
  const b = f32x4.add(f32x4.sub(d4, d3), f32x4.mul(f32x4.sub(d1, d2), four)); // 4d1 − 4d2 − d3 + d4
  v128.store(dst + step, a);
  v128.store(dst + 2 * step, b);
  const c = f32x4.mul(f32x4.sub(d3, d1), two); // 2(d3 − d1)
  const e = f32x4.sub(d4, d2);
  v128.store(dst + 3 * step, f32x4.add(e, c)); // −2d1 − d2 + 2d3 + d4
  v128.store(dst + 4 * step, f32x4.sub(e, c)); // 2d1 − d2 − 2d3 + d4
  v128.store(dst + 5 * step, f32x4.add(f32x4.sub(f32x4.mul(d1, four), f32x4.mul(d3, five)), d5));
}

/**
 * F(4×4, 3×3) tile task: as `winoTileTask` with 6×6 input tiles at stride 4 and 36 products. Workspace: the 36
 * packed A operands, the 36 products, a 2304-byte stage (36 vectors for each of 4 tiles) and 576 bytes of pixel
 * addresses.
 */
export function winoTile43Task(t: i32, p: usize, scratch: usize): void {
  const x = pa(p, WG_X);
  const y = pa(p, WG_Y);
  const u = pa(p, WG_U);
  const us = pa(p, WG_USTRIDE);
  const h = pi(p, WG_H);
  const w = pi(p, WG_WD);
  const cin = pi(p, WG_CIN);
  const kp = pi(p, WG_KP);
  const cout = pi(p, WG_COUT);
  const np = pi(p, WG_NP);
  const oh = pi(p, WG_OH);
  const ow = pi(p, WG_OW);
  const pt = pi(p, WG_PT);
  const pl = pi(p, WG_PL);
  const th = pi(p, WG_TH);
  const tw = pi(p, WG_TW);
  const tiles = pi(p, WG_TILES);
  const bt = pi(p, WG_BT);
  const work = threadWorkspace(p, scratch);
  const aStride = (<usize>(bt * kp)) << 2;
  const ldm = np << 3;
  const mStride = (<usize>(bt * ldm)) << 2;
  const mBase = work + 36 * aStride;
  const stage = mBase + 36 * mStride; // 4 tiles × 36 vectors
  const ptrs = stage + WG_STAGE43_BYTES; // 4 tiles × 36 addresses
  const zeroPixel = pa(p, WG_ZERO);
  const i0 = t * bt;
  const n = imin(bt, tiles - i0);
  const inPixel = (<usize>cin) << 2;
  const inImage = <usize>h * <usize>w * inPixel;

  for (let ip = 0; ip < bt >> 2; ip++) {
    const panel = work + ((<usize>(ip * kp)) << 4);
    for (let r = 0; r < 4; r++) {
      const i = ip * 4 + r;
      const pr = ptrs + <usize>r * 144;
      if (i >= n) {
        for (let k: usize = 0; k < 144; k += 4) store<u32>(pr + k, <u32>zeroPixel);
        continue;
      }
      const tile = i0 + i;
      const row = tile / tw;
      const tj = tile - row * tw;
      const b = row / th;
      const iy0 = 4 * (row - b * th) - pt;
      const ix0 = 4 * tj - pl;
      const image = x + <usize>b * inImage;
      for (let a = 0; a < 6; a++) {
        const iy = iy0 + a;
        for (let c = 0; c < 6; c++) {
          const ix = ix0 + c;
          const ok = iy >= 0 && iy < h && ix >= 0 && ix < w;
          store<u32>(pr + ((<usize>(a * 6 + c)) << 2), <u32>(ok ? image + <usize>(iy * w + ix) * inPixel : zeroPixel));
        }
      }
    }
    for (let ch = 0; ch < cin; ch += 4) {
      const co = (<usize>ch) << 2;
      for (let r = 0; r < 4; r++) {
        const pr = ptrs + <usize>r * 144;
        const st = stage + <usize>r * 576;
        // Row pass per column s: (Bᵀ·d)[q][s] at st + (6q + s)·16.
        for (let s = 0; s < 6; s++) {
          const ps = pr + ((<usize>s) << 2);
          storeBt6(
            st + ((<usize>s) << 4),
            96,
            v128.load(<usize>load<u32>(ps) + co),
            v128.load(<usize>load<u32>(ps + 24) + co),
            v128.load(<usize>load<u32>(ps + 48) + co),
            v128.load(<usize>load<u32>(ps + 72) + co),
            v128.load(<usize>load<u32>(ps + 96) + co),
            v128.load(<usize>load<u32>(ps + 120) + co),
          );
        }
        // Column pass per row q, in place: V[6q + s] = row q times column s of B.
        for (let q = 0; q < 6; q++) {
          const rq = st + <usize>q * 96;
          storeBt6(
            rq,
            16,
            v128.load(rq),
            v128.load(rq, 16),
            v128.load(rq, 32),
            v128.load(rq, 48),
            v128.load(rq, 64),
            v128.load(rq, 80),
          );
        }
      }
      const dst = panel + ((<usize>ch) << 4);
      for (let q = 0; q < 36; q++) {
        const o = (<usize>q) << 4;
        storeTransposed4(
          dst + <usize>q * aStride,
          16,
          v128.load(stage + o),
          v128.load(stage + 576 + o),
          v128.load(stage + 1152 + o),
          v128.load(stage + 1728 + o),
        );
      }
    }
  }

  const ldmb = (<usize>ldm) << 2;
  const bPanel = (<usize>kp) << 5;
  const aPanel = (<usize>kp) << 4;
  const panels = (n + 3) >> 2;
  for (let q = 0; q < 36; q++) {
    const a = work + <usize>q * aStride;
    const bq = u + <usize>q * us;
    const m = mBase + <usize>q * mStride;
    for (let jp = 0; jp < np; jp++) {
      const bp = bq + <usize>jp * bPanel;
      for (let ip = 0; ip < panels; ip++) {
        micro(a + <usize>ip * aPanel, bp, cin, m + <usize>(ip << 2) * ldmb + ((<usize>jp) << 5), ldmb, false);
      }
    }
  }

  // Output transform: rows of M·A (6 × 4) into the stage, then Aᵀ·(M·A), 4×4 outputs cropped at the edges.
  const outPixel = (<usize>cout) << 2;
  const outRow = <usize>ow * outPixel;
  const outImage = <usize>oh * outRow;
  const two = f32x4.splat(2);
  const four = f32x4.splat(4);
  const eight = f32x4.splat(8);
  for (let i = 0; i < n; i++) {
    const tile = i0 + i;
    const row = tile / tw;
    const tj = tile - row * tw;
    const b = row / th;
    const oy = 4 * (row - b * th);
    const ox = 4 * tj;
    const rows = imin(4, oh - oy);
    const cols = imin(4, ow - ox);
    const o00 = y + <usize>b * outImage + <usize>oy * outRow + <usize>ox * outPixel;
    const src = mBase + <usize>i * ldmb;
    for (let ch = 0; ch < cout; ch += 4) {
      const co = (<usize>ch) << 2;
      for (let q = 0; q < 6; q++) {
        const base = src + co + <usize>(6 * q) * mStride;
        const m0 = v128.load(base);
        const m1 = v128.load(base + mStride);
        const m2 = v128.load(base + 2 * mStride);
        const m3 = v128.load(base + 3 * mStride);
        const m4 = v128.load(base + 4 * mStride);
        const m5 = v128.load(base + 5 * mStride);
        const s12 = f32x4.add(m1, m2);
        const d12 = f32x4.sub(m1, m2);
        const s34 = f32x4.add(m3, m4);
        const d34 = f32x4.sub(m3, m4);
        const st = stage + <usize>q * 64;
        v128.store(st, f32x4.add(f32x4.add(m0, s12), s34));
        v128.store(st, f32x4.add(d12, f32x4.mul(d34, two)), 16);
        v128.store(st, f32x4.add(s12, f32x4.mul(s34, four)), 32);
        v128.store(st, f32x4.add(f32x4.add(d12, f32x4.mul(d34, eight)), m5), 48);
      }
      const lanes = imin(4, cout - ch);
      for (let j = 0; j < cols; j++) {
        const cj = stage + ((<usize>j) << 4);
        const m0 = v128.load(cj);
        const m1 = v128.load(cj, 64);
        const m2 = v128.load(cj, 128);
        const m3 = v128.load(cj, 192);
        const m4 = v128.load(cj, 256);
        const m5 = v128.load(cj, 320);
        const s12 = f32x4.add(m1, m2);
        const d12 = f32x4.sub(m1, m2);
        const s34 = f32x4.add(m3, m4);
        const d34 = f32x4.sub(m3, m4);
        const d = o00 + <usize>j * outPixel + co;
        for (let r = 0; r < rows; r++) {
          let v: v128;
          if (r == 0) v = f32x4.add(f32x4.add(m0, s12), s34);
          else if (r == 1) v = f32x4.add(d12, f32x4.mul(d34, two));
          else if (r == 2) v = f32x4.add(s12, f32x4.mul(s34, four));
          else v = f32x4.add(f32x4.add(d12, f32x4.mul(d34, eight)), m5);
          const at = d + <usize>r * outRow;
          if (lanes == 4) v128.store(at, v);
          else storeLanes(at, v, lanes);
        }
      }
    }
  }
}

/** A·(d0..d3) of F(3×3, 4×4) (A = (Aᵀ)ᵀ of F(4×4, 3×3), 6×4), stored at dst + k·step for k = 0..5. */
function storeA6(dst: usize, step: usize, d0: v128, d1: v128, d2: v128, d3: v128): void {
  const two = f32x4.splat(2);
  const four = f32x4.splat(4);
  const eight = f32x4.splat(8);
  const e = f32x4.add(d0, f32x4.mul(d2, four)); // d0 + 4d2
  const o = f32x4.add(f32x4.mul(d1, two), f32x4.mul(d3, eight)); // 2d1 + 8d3
  const e1 = f32x4.add(d0, d2);
  const o1 = f32x4.add(d1, d3);
  v128.store(dst, d0);
  v128.store(dst + step, f32x4.add(e1, o1));
  v128.store(dst + 2 * step, f32x4.sub(e1, o1));
  v128.store(dst + 3 * step, f32x4.add(e, o));
  v128.store(dst + 4 * step, f32x4.sub(e, o));
  v128.store(dst + 5 * step, d3);
}

/**
 * Filter gradient by F(3×3, 4×4), the transpose of F(4×4, 3×3): dw = Gᵀ·[Σ_tiles (Bᵀ·d·B) ⊙ (A·dz·Aᵀ)]·G over
 * 6×6 tiles d at stride 4 and the 4×4 blocks of dz over them; 36 products. Otherwise as `winoDwPartTask`; the
 * thread's workspace also holds a 576-byte stage and 208 bytes of pixel addresses after the panels.
 */
export function winoDwPart43Task(t: i32, p: usize, scratch: usize): void {
  const x = pa(p, WG_X);
  const dz = pa(p, WG_DZ);
  const h = pi(p, WG_H);
  const w = pi(p, WG_WD);
  const cin = pi(p, WG_CIN);
  const kp = pi(p, WG_KP);
  const cout = pi(p, WG_COUT);
  const np = pi(p, WG_NP);
  const oh = pi(p, WG_OH);
  const ow = pi(p, WG_OW);
  const pt = pi(p, WG_PT);
  const pl = pi(p, WG_PL);
  const th = pi(p, WG_TH);
  const tw = pi(p, WG_TW);
  const bt = pi(p, WG_BT);
  const zeroPixel = pa(p, WG_ZERO);
  const work = threadWorkspace(p, scratch);
  const ldm = np << 3;
  const aPanel = (<usize>bt) << 4;
  const bPanel = (<usize>bt) << 5;
  const aStride = <usize>(kp >> 2) * aPanel;
  const bStride = <usize>np * bPanel;
  const bBase = work + 36 * aStride;
  const stage = bBase + 36 * bStride; // 36 vectors
  const ptrs = stage + WG_DW_STAGE43_BYTES; // 36 input pixels, then 16 dz pixels
  const mStride = (<usize>(kp * ldm)) << 2;
  const mBase = pa(p, WG_PART) + <usize>t * pa(p, WG_PSTRIDE);
  const inPixel = (<usize>cin) << 2;
  const inImage = <usize>h * <usize>w * inPixel;
  const outPixel = (<usize>cout) << 2;
  const outRow = <usize>ow * outPixel;
  const outImage = <usize>oh * outRow;
  const p0 = t * pi(p, WG_TPT);
  const p1 = imin(pi(p, WG_TILES), p0 + pi(p, WG_TPT));
  for (let bs = p0; bs < p1; bs += bt) {
    const nb = imin(bt, p1 - bs);
    for (let i = 0; i < nb; i++) {
      const tile = bs + i;
      const row = tile / tw;
      const tj = tile - row * tw;
      const b = row / th;
      const ty = row - b * th;
      const iy0 = 4 * ty - pt;
      const ix0 = 4 * tj - pl;
      const image = x + <usize>b * inImage;
      for (let a = 0; a < 6; a++) {
        const iy = iy0 + a;
        for (let c = 0; c < 6; c++) {
          const ix = ix0 + c;
          const ok = iy >= 0 && iy < h && ix >= 0 && ix < w;
          store<u32>(
            ptrs + ((<usize>(a * 6 + c)) << 2),
            <u32>(ok ? image + <usize>(iy * w + ix) * inPixel : zeroPixel),
          );
        }
      }
      const oy = 4 * ty;
      const ox = 4 * tj;
      const dzImage = dz + <usize>b * outImage;
      for (let a = 0; a < 4; a++) {
        for (let c = 0; c < 4; c++) {
          const ok = oy + a < oh && ox + c < ow;
          const at = ok ? dzImage + <usize>(oy + a) * outRow + <usize>(ox + c) * outPixel : zeroPixel;
          store<u32>(ptrs + 144 + ((<usize>(a * 4 + c)) << 2), <u32>at);
        }
      }
      // V[t] = Bᵀ·d·B: row pass per column into the stage, column pass per row into the A panels.
      const aOut = work + ((<usize>i) << 4);
      for (let ch = 0; ch < cin; ch += 4) {
        const co = (<usize>ch) << 2;
        for (let s = 0; s < 6; s++) {
          const ps = ptrs + ((<usize>s) << 2);
          storeBt6(
            stage + ((<usize>s) << 4),
            96,
            v128.load(<usize>load<u32>(ps) + co),
            v128.load(<usize>load<u32>(ps + 24) + co),
            v128.load(<usize>load<u32>(ps + 48) + co),
            v128.load(<usize>load<u32>(ps + 72) + co),
            v128.load(<usize>load<u32>(ps + 96) + co),
            v128.load(<usize>load<u32>(ps + 120) + co),
          );
        }
        const dst = aOut + <usize>(ch >> 2) * aPanel;
        for (let q = 0; q < 6; q++) {
          const rq = stage + <usize>q * 96;
          storeBt6(
            dst + <usize>(6 * q) * aStride,
            aStride,
            v128.load(rq),
            v128.load(rq, 16),
            v128.load(rq, 32),
            v128.load(rq, 48),
            v128.load(rq, 64),
            v128.load(rq, 80),
          );
        }
      }
      // Z[t] = A·dz·Aᵀ of the tile's 4×4 block of dz.
      const bOut = bBase + ((<usize>i) << 5);
      for (let ch = 0; ch < cout; ch += 4) {
        const co = (<usize>ch) << 2;
        for (let s = 0; s < 4; s++) {
          const ps = ptrs + 144 + ((<usize>s) << 2);
          storeA6(
            stage + ((<usize>s) << 4),
            64,
            v128.load(<usize>load<u32>(ps) + co),
            v128.load(<usize>load<u32>(ps + 16) + co),
            v128.load(<usize>load<u32>(ps + 32) + co),
            v128.load(<usize>load<u32>(ps + 48) + co),
          );
        }
        const dst = bOut + <usize>(ch >> 3) * bPanel + ((<usize>(ch & 4)) << 2);
        for (let q = 0; q < 6; q++) {
          const rq = stage + <usize>q * 64;
          storeA6(
            dst + <usize>(6 * q) * bStride,
            bStride,
            v128.load(rq),
            v128.load(rq, 16),
            v128.load(rq, 32),
            v128.load(rq, 48),
          );
        }
      }
    }
    const accumulate = bs > p0;
    const ldmb = (<usize>ldm) << 2;
    for (let q = 0; q < 36; q++) {
      const aq = work + <usize>q * aStride;
      const bq = bBase + <usize>q * bStride;
      const mq = mBase + <usize>q * mStride;
      for (let jp = 0; jp < np; jp++) {
        for (let ic = 0; ic < kp >> 2; ic++) {
          micro(
            aq + <usize>ic * aPanel,
            bq + <usize>jp * bPanel,
            nb,
            mq + <usize>(ic << 2) * ldmb + ((<usize>jp) << 5),
            ldmb,
            accumulate,
          );
        }
      }
    }
  }
}

/**
 * Output transform of the F(3×3, 4×4) filter gradient for WG_TPT input channels c: the parts' sums of M[t] are
 * added in part order into part 0 (each element by this task only), then dw = Gᵀ·M·G with G of F(4×4, 3×3).
 */
export function winoDwOutput43Task(t: i32, p: usize): void {
  const part = pa(p, WG_PART);
  const ps = pa(p, WG_PSTRIDE);
  const parts = pi(p, WG_PARTS);
  const dw = pa(p, WG_DW);
  const cin = pi(p, WG_CIN);
  const kp = pi(p, WG_KP);
  const cout = pi(p, WG_COUT);
  const ldm = pi(p, WG_NP) << 3;
  const ms = (<usize>(kp * ldm)) << 2;
  const c0 = t * pi(p, WG_TPT);
  const c1 = imin(cin, c0 + pi(p, WG_TPT));
  const tap = (<usize>(cin * cout)) << 2;
  const quarter = f32x4.splat(0.25);
  const sixth = f32x4.splat(<f32>(1.0 / 6.0));
  const s12 = f32x4.splat(<f32>(1.0 / 12.0));
  const s24 = f32x4.splat(<f32>(1.0 / 24.0));
  for (let c = c0; c < c1; c++) {
    for (let f = 0; f < cout; f += 4) {
      const src = part + ((<usize>(c * ldm + f)) << 2);
      for (let q = 0; q < 36; q++) {
        const at = src + <usize>q * ms;
        let sum = v128.load(at);
        for (let k = 1; k < parts; k++) sum = f32x4.add(sum, v128.load(at + <usize>k * ps));
        v128.store(at, sum);
      }
      const dst = dw + ((<usize>(c * cout + f)) << 2);
      const lanes = imin(4, cout - f);
      for (let b = 0; b < 3; b++) {
        let y0 = f32x4.splat(0);
        let y1 = y0;
        let y2 = y0;
        for (let q = 0; q < 6; q++) {
          const base = src + <usize>(6 * q) * ms;
          const m0 = v128.load(base);
          const m1 = v128.load(base + ms);
          const m2 = v128.load(base + 2 * ms);
          const m3 = v128.load(base + 3 * ms);
          const m4 = v128.load(base + 4 * ms);
          const m5 = v128.load(base + 5 * ms);
          // Column b of G.
          let r: v128;
          if (b == 0) {
            r = f32x4.add(
              f32x4.sub(f32x4.mul(m0, quarter), f32x4.mul(f32x4.add(m1, m2), sixth)),
              f32x4.mul(f32x4.add(m3, m4), s24),
            );
          } else if (b == 1) {
            r = f32x4.add(f32x4.mul(f32x4.sub(m2, m1), sixth), f32x4.mul(f32x4.sub(m3, m4), s12));
          } else {
            r = f32x4.add(f32x4.mul(f32x4.sub(f32x4.add(m3, m4), f32x4.add(m1, m2)), sixth), m5);
          }
          // Row q of G weighs r into the three rows of dw.
          if (q == 0) {
            y0 = f32x4.mul(r, quarter);
          } else if (q == 1) {
            const v = f32x4.mul(r, sixth);
            y0 = f32x4.sub(y0, v);
            y1 = f32x4.neg(v);
            y2 = f32x4.neg(v);
          } else if (q == 2) {
            const v = f32x4.mul(r, sixth);
            y0 = f32x4.sub(y0, v);
            y1 = f32x4.add(y1, v);
            y2 = f32x4.sub(y2, v);
          } else if (q == 3) {
            y0 = f32x4.add(y0, f32x4.mul(r, s24));
            y1 = f32x4.add(y1, f32x4.mul(r, s12));
            y2 = f32x4.add(y2, f32x4.mul(r, sixth));
          } else if (q == 4) {
            y0 = f32x4.add(y0, f32x4.mul(r, s24));
            y1 = f32x4.sub(y1, f32x4.mul(r, s12));
            y2 = f32x4.add(y2, f32x4.mul(r, sixth));
          } else {
            y2 = f32x4.add(y2, r);
          }
        }
        const o = dst + <usize>b * tap;
        if (lanes == 4) {
          v128.store(o, y0);
          v128.store(o + 3 * tap, y1);
          v128.store(o + 6 * tap, y2);
        } else {
          storeLanes(o, y0, lanes);
          storeLanes(o + 3 * tap, y1, lanes);
          storeLanes(o + 6 * tap, y2, lanes);
        }
      }
    }
  }
}

/**
 * Direct convolution of single-channel images (the first layer of an image model: C = 1, F a multiple of 4),
 * without the GEMM's packing phase. With one input channel the reduction has only kh·kw steps, so an im2col
 * GEMM spends about as long packing and storing short tiles as multiplying. Here a task first gathers, for each
 * of its output rows, the tap values of every output pixel (zero in the padding) into a small taps × OW table,
 * then multiplies straight from it:
 *
 * - forward: y[pixel, f] = act(Σ_tap x(pixel, tap) · w[tap, f] + b[f]), taps summed in filter order;
 * - filter gradient: dz = dy · act'(y) and, per task, the partial sums Σ_pixel x(pixel, tap) · dz[pixel, f]
 *   and Σ_pixel dz[pixel, f] (the bias gradient), which the driver adds in task order, so the result does not
 *   depend on the thread count.
 *
 * Geometry comes from the GEO_* slots, the rest from the DC_* slots.
 */
import {
  DC_ACT,
  DC_B,
  DC_COLS,
  DC_COLSTRIDE,
  DC_DY,
  DC_F,
  DC_PART,
  DC_ROWS,
  DC_W,
  DC_X,
  DC_Y,
  FA_RELU,
  GEO_DH,
  GEO_DW,
  GEO_H,
  GEO_KH,
  GEO_KW,
  GEO_N,
  GEO_OH,
  GEO_OW,
  GEO_PL,
  GEO_PT,
  GEO_SH,
  GEO_SW,
  GEO_W,
} from '../src/backend/wasm/abi';
import { imin, madd, pa, pi } from './simd';

/**
 * Writes the tap table of output row `r` (image b = r / OH, row r mod OH) at `cols`: entry (tap, j), at element
 * tap·ts + j·js, is the input value under tap (ki, kj) of the window of output pixel j, or 0 in the padding.
 * Shared with the fused convolution + pooling gradient (assembly/convPool.ts).
 */
export function gatherRow(p: usize, r: i32, cols: usize, ts: i32, js: i32): void {
  const h = pi(p, GEO_H);
  const w = pi(p, GEO_W);
  const kh = pi(p, GEO_KH);
  const kw = pi(p, GEO_KW);
  const sh = pi(p, GEO_SH);
  const sw = pi(p, GEO_SW);
  const dh = pi(p, GEO_DH);
  const dw = pi(p, GEO_DW);
  const pt = pi(p, GEO_PT);
  const pl = pi(p, GEO_PL);
  const oh = pi(p, GEO_OH);
  const ow = pi(p, GEO_OW);
  const b = r / oh;
  const i = r - b * oh;
  const img = pa(p, DC_X) + ((<usize>b * <usize>(h * w)) << 2);
  let dst = cols;
  const jstep = (<usize>js) << 2;
  for (let ki = 0; ki < kh; ki++) {
    const ih = i * sh - pt + ki * dh;
    const inside = ih >= 0 && ih < h;
    const row = img + ((<usize>(inside ? ih * w : 0)) << 2);
    for (let kj = 0; kj < kw; kj++) {
      let iw = kj * dw - pl;
      let at = dst;
      for (let j = 0; j < ow; j++) {
        store<f32>(at, inside && iw >= 0 && iw < w ? load<f32>(row + ((<usize>iw) << 2)) : 0);
        iw += sw;
        at += jstep;
      }
      dst += (<usize>ts) << 2;
    }
  }
}

/** Stores act(acc + bias) (bias 0: none) at dst; relu keeps x > 0, so NaN gives 0 as the Relu kernel. */
function finish(acc: v128, b: usize, o: usize, relu: bool, dst: usize): void {
  let v = acc;
  if (b != 0) v = f32x4.add(v, v128.load(b + o));
  if (relu) v = v128.and(v, f32x4.gt(v, f32x4.splat(0)));
  v128.store(dst + o, v);
}

/** Forward task t: output rows [t·rows, (t + 1)·rows) of all N·OH rows. */
export function directConvTask(t: i32, p: usize): void {
  const taps = pi(p, GEO_KH) * pi(p, GEO_KW);
  const ow = pi(p, GEO_OW);
  const f = pi(p, DC_F);
  const wgt = pa(p, DC_W);
  const b = pa(p, DC_B);
  const y = pa(p, DC_Y);
  const relu = pi(p, DC_ACT) == FA_RELU;
  const cols = pa(p, DC_COLS) + <usize>t * pa(p, DC_COLSTRIDE);
  const rows = pi(p, DC_ROWS);
  const end = imin(pi(p, GEO_N) * pi(p, GEO_OH), (t + 1) * rows);
  const fb = (<usize>f) << 2;
  const colStep = (<usize>ow) << 2;
  for (let r = t * rows; r < end; r++) {
    gatherRow(p, r, cols, ow, 1);
    const out = y + <usize>r * <usize>ow * fb;
    for (let j = 0; j < ow; j += 2) {
      // Two pixels share each filter load; the second is a copy of the first past the row's end.
      const two = j + 1 < ow;
      const x0 = cols + ((<usize>j) << 2);
      const x1 = two ? x0 + 4 : x0;
      const y0 = out + <usize>j * fb;
      const y1 = y0 + fb;
      let fc = 0;
      for (; fc + 16 <= f; fc += 16) {
        let a0 = f32x4.splat(0);
        let a1 = f32x4.splat(0);
        let a2 = f32x4.splat(0);
        let a3 = f32x4.splat(0);
        let c0 = f32x4.splat(0);
        let c1 = f32x4.splat(0);
        let c2 = f32x4.splat(0);
        let c3 = f32x4.splat(0);
        let wp = wgt + ((<usize>fc) << 2);
        let q: usize = 0;
        for (let k = 0; k < taps; k++) {
          const s0 = v128.load32_splat(x0 + q);
          const s1 = v128.load32_splat(x1 + q);
          const w0 = v128.load(wp);
          const w1 = v128.load(wp, 16);
          const w2 = v128.load(wp, 32);
          const w3 = v128.load(wp, 48);
          a0 = madd(s0, w0, a0);
          a1 = madd(s0, w1, a1);
          a2 = madd(s0, w2, a2);
          a3 = madd(s0, w3, a3);
          c0 = madd(s1, w0, c0);
          c1 = madd(s1, w1, c1);
          c2 = madd(s1, w2, c2);
          c3 = madd(s1, w3, c3);
          wp += fb;
          q += colStep;
        }
        const o = (<usize>fc) << 2;
        finish(a0, b, o, relu, y0);
        finish(a1, b, o + 16, relu, y0);
        finish(a2, b, o + 32, relu, y0);
        finish(a3, b, o + 48, relu, y0);
        if (two) {
          finish(c0, b, o, relu, y1);
          finish(c1, b, o + 16, relu, y1);
          finish(c2, b, o + 32, relu, y1);
          finish(c3, b, o + 48, relu, y1);
        }
      }
      for (; fc < f; fc += 4) {
        let a0 = f32x4.splat(0);
        let c0 = f32x4.splat(0);
        let wp = wgt + ((<usize>fc) << 2);
        let q: usize = 0;
        for (let k = 0; k < taps; k++) {
          const w0 = v128.load(wp);
          a0 = madd(v128.load32_splat(x0 + q), w0, a0);
          c0 = madd(v128.load32_splat(x1 + q), w0, c0);
          wp += fb;
          q += colStep;
        }
        const o = (<usize>fc) << 2;
        finish(a0, b, o, relu, y0);
        if (two) finish(c0, b, o, relu, y1);
      }
    }
  }
}

/** dz = dy · act'(y) for the vector at offset o. */
function dzAt(dy: usize, y: usize, o: usize, relu: bool): v128 {
  const g = v128.load(dy + o);
  return relu ? v128.and(g, f32x4.gt(v128.load(y + o), f32x4.splat(0))) : g;
}

/**
 * Filter-gradient task t: over output rows [t·rows, (t + 1)·rows), the partial sums of x(pixel, tap)·dz and of
 * dz, written as a (taps + 1) × F block (the last row the bias sums) at DC_PART + t·(taps + 1)·F floats.
 */
export function directConvGradTask(t: i32, p: usize): void {
  const taps = pi(p, GEO_KH) * pi(p, GEO_KW);
  const ow = pi(p, GEO_OW);
  const f = pi(p, DC_F);
  const dy = pa(p, DC_DY);
  const y = pa(p, DC_Y);
  const relu = pi(p, DC_ACT) == FA_RELU;
  const cols = pa(p, DC_COLS) + <usize>t * pa(p, DC_COLSTRIDE);
  const rows = pi(p, DC_ROWS);
  const r0 = t * rows;
  const nr = imin(pi(p, GEO_N) * pi(p, GEO_OH), r0 + rows) - r0;
  const part = pa(p, DC_PART) + <usize>t * <usize>(taps + 1) * ((<usize>f) << 2);
  const fb = (<usize>f) << 2;
  // Tap table pixel-major, taps padded to a multiple of 8: a block's 8 taps of one pixel are adjacent.
  const tp = (taps + 7) & ~7;
  const pixStep = (<usize>tp) << 2;
  const first = y == 0 ? dy : y;
  memory.fill(part, 0, <usize>(taps + 1) * fb);
  // Row by row, so one row's dy and y (OW·F floats each) stay in L1 across the passes over filter groups;
  // the accumulators go through the partial block between rows.
  for (let r = 0; r < nr; r++) {
    gatherRow(p, r0 + r, cols, 1, tp);
    const g0 = dy + <usize>(r0 + r) * <usize>ow * fb;
    const y0 = first + <usize>(r0 + r) * <usize>ow * fb;
    for (let fc = 0; fc < f; fc += 4) {
      const o = (<usize>fc) << 2;
      // Taps in blocks of up to 8 accumulators (9 spill); the bias sums ride along with the first block.
      for (let tb = 0; tb < taps; tb += 8) {
        const nt = imin(8, taps - tb);
        const d = part + <usize>tb * fb + o;
        const bd = part + <usize>taps * fb + o;
        let a0 = v128.load(d);
        let a1 = nt > 1 ? v128.load(d + fb) : f32x4.splat(0);
        let a2 = nt > 2 ? v128.load(d + 2 * fb) : f32x4.splat(0);
        let a3 = nt > 3 ? v128.load(d + 3 * fb) : f32x4.splat(0);
        let a4 = nt > 4 ? v128.load(d + 4 * fb) : f32x4.splat(0);
        let a5 = nt > 5 ? v128.load(d + 5 * fb) : f32x4.splat(0);
        let a6 = nt > 6 ? v128.load(d + 6 * fb) : f32x4.splat(0);
        let a7 = nt > 7 ? v128.load(d + 7 * fb) : f32x4.splat(0);
        let bs = v128.load(bd);
        const c0 = cols + ((<usize>tb) << 2);
        if (nt == 8) {
          // A full block: the same loop without the per-tap guards.
          for (let j = 0; j < ow; j++) {
            const pix = <usize>j * fb + o;
            const dz = dzAt(g0 + pix, y0 + pix, 0, relu);
            bs = f32x4.add(bs, dz);
            const xj = c0 + <usize>j * pixStep;
            a0 = madd(v128.load32_splat(xj), dz, a0);
            a1 = madd(v128.load32_splat(xj, 4), dz, a1);
            a2 = madd(v128.load32_splat(xj, 8), dz, a2);
            a3 = madd(v128.load32_splat(xj, 12), dz, a3);
            a4 = madd(v128.load32_splat(xj, 16), dz, a4);
            a5 = madd(v128.load32_splat(xj, 20), dz, a5);
            a6 = madd(v128.load32_splat(xj, 24), dz, a6);
            a7 = madd(v128.load32_splat(xj, 28), dz, a7);
          }
          // Only the first block's sums are kept (tb == 0 below).
        } else {
          for (let j = 0; j < ow; j++) {
            const pix = <usize>j * fb + o;
            const dz = dzAt(g0 + pix, y0 + pix, 0, relu);
            if (tb == 0) bs = f32x4.add(bs, dz);
            const xj = c0 + <usize>j * pixStep;
            a0 = madd(v128.load32_splat(xj), dz, a0);
            if (nt > 1) a1 = madd(v128.load32_splat(xj, 4), dz, a1);
            if (nt > 2) a2 = madd(v128.load32_splat(xj, 8), dz, a2);
            if (nt > 3) a3 = madd(v128.load32_splat(xj, 12), dz, a3);
            if (nt > 4) a4 = madd(v128.load32_splat(xj, 16), dz, a4);
            if (nt > 5) a5 = madd(v128.load32_splat(xj, 20), dz, a5);
            if (nt > 6) a6 = madd(v128.load32_splat(xj, 24), dz, a6);
            if (nt > 7) a7 = madd(v128.load32_splat(xj, 28), dz, a7);
          }
        }
        v128.store(d, a0);
        if (nt > 1) v128.store(d + fb, a1);
        if (nt > 2) v128.store(d + 2 * fb, a2);
        if (nt > 3) v128.store(d + 3 * fb, a3);
        if (nt > 4) v128.store(d + 4 * fb, a4);
        if (nt > 5) v128.store(d + 5 * fb, a5);
        if (nt > 6) v128.store(d + 6 * fb, a6);
        if (nt > 7) v128.store(d + 7 * fb, a7);
        if (tb == 0) v128.store(bd, bs);
      }
    }
  }
}

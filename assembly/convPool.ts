/**
 * Kernels of a convolution followed by a max pooling whose windows tile the convolution's output (stride = window,
 * no padding), so the backward never needs the convolution's output itself:
 *
 * - K_CP_POOL: the pooling of the convolution output, plus, per pooled element, the position q of the window's
 *   first maximum (scan order, as the pooling kernels pick it), or -1 where a relu passes no gradient (the maximum
 *   is not > 0). The codes are what the backward keeps instead of the whole convolution output.
 * - K_CP_GRAD: for a single-channel convolution, the direct filter gradient (assembly/directConv.ts) with dz formed from the pooled dy and the codes:
 *   dz at window position q is dy where the code is q, else 0. These are bit for bit the values the max-pooling
 *   gradient and the relu mask give, so the sums equal those of the unfused kernels.
 * - K_CP_UNPOOL: that dz written out in full (for an input gradient through the GEMM path).
 *
 * Channels come four per vector (C a multiple of 4). Geometry of the pooling in the CP_* slots; the gradient also
 * reads the convolution's GEO_* and DC_* slots, as the direct kernels do.
 */
import {
  CP_C,
  CP_CODE,
  CP_DX,
  CP_DY,
  CP_H,
  CP_PKH,
  CP_PKW,
  CP_POH,
  CP_POW,
  CP_RELU,
  CP_W,
  CP_X,
  CP_Y,
  DC_COLS,
  DC_COLSTRIDE,
  DC_F,
  DC_PART,
  DC_ROWS,
  GEO_KH,
  GEO_KW,
  GEO_N,
  GEO_OH,
  GEO_OW,
} from '../src/backend/wasm/abi';
import { gatherRow } from './directConv';
import { imin, madd, pa, pi } from './simd';

/** Pooling task t = (image, pooled row): pooled maxima and the codes of their positions. */
export function convPoolTask(t: i32, p: usize): void {
  const h = pi(p, CP_H);
  const w = pi(p, CP_W);
  const c = pi(p, CP_C);
  const kh = pi(p, CP_PKH);
  const kw = pi(p, CP_PKW);
  const poh = pi(p, CP_POH);
  const pw = pi(p, CP_POW);
  const relu = pi(p, CP_RELU) != 0;
  const x = pa(p, CP_X);
  const y = pa(p, CP_Y);
  const code = pa(p, CP_CODE);
  const b = t / poh;
  const i = t - b * poh;
  const pixel = (<usize>c) << 2;
  const rowBytes = <usize>w * pixel;
  const none = i32x4.splat(-1);
  const zero = f32x4.splat(0);
  for (let j = 0; j < pw; j++) {
    const out = <usize>((b * poh + i) * pw + j) * pixel;
    const first = <usize>((b * h + i * kh) * w + j * kw) * pixel;
    for (let ch = 0; ch < c; ch += 4) {
      const o = first + ((<usize>ch) << 2);
      let best = v128.load(x + o);
      let at = i32x4.splat(0);
      let q = 0;
      for (let ih = 0; ih < kh; ih++) {
        for (let iw = 0; iw < kw; iw++) {
          const v = v128.load(x + o + <usize>ih * rowBytes + <usize>iw * pixel);
          const gt = f32x4.gt(v, best);
          best = v128.bitselect(v, best, gt);
          at = v128.bitselect(i32x4.splat(q), at, gt);
          q++;
        }
      }
      const oo = out + ((<usize>ch) << 2);
      v128.store(y + oo, best);
      v128.store(code + oo, relu ? v128.bitselect(at, none, f32x4.gt(best, zero)) : at);
    }
  }
}

/**
 * dz of conv pixel j of a row for channels [o/4, o/4 + 4): dy where the code names its window position, else 0.
 * `row` is the row's first pooled element (pixels), `qi` the window row's first position, `valid` false past the
 * last window row; `kw`, `pw`, `fb` the window width, pooled width and bytes per pixel.
 */
function dzFromCodes(
  dy: usize,
  code: usize,
  row: i32,
  qi: i32,
  valid: bool,
  j: i32,
  kw: i32,
  pw: i32,
  fb: usize,
  o: usize,
): v128 {
  const pj = j / kw;
  if (!valid || pj >= pw) return i32x4.splat(0);
  const at = <usize>(row + pj) * fb + o;
  const hit = i32x4.eq(v128.load(code + at), i32x4.splat(qi + j - pj * kw));
  return v128.and(v128.load(dy + at), hit);
}

/**
 * Filter-gradient task t, as the direct convolution's gradient task (same tasks, same order of every addition),
 * with dz taken from the pooled dy and the codes instead of a stored dz and the forward output.
 */
export function convPoolGradTask(t: i32, p: usize): void {
  const taps = pi(p, GEO_KH) * pi(p, GEO_KW);
  const oh = pi(p, GEO_OH);
  const ow = pi(p, GEO_OW);
  const f = pi(p, DC_F);
  const dy = pa(p, CP_DY);
  const code = pa(p, CP_CODE);
  const pkh = pi(p, CP_PKH);
  const pkw = pi(p, CP_PKW);
  const poh = pi(p, CP_POH);
  const pw = pi(p, CP_POW);
  const cols = pa(p, DC_COLS) + <usize>t * pa(p, DC_COLSTRIDE);
  const rows = pi(p, DC_ROWS);
  const r0 = t * rows;
  const nr = imin(pi(p, GEO_N) * oh, r0 + rows) - r0;
  const part = pa(p, DC_PART) + <usize>t * <usize>(taps + 1) * ((<usize>f) << 2);
  const fb = (<usize>f) << 2;
  const tp = (taps + 7) & ~7;
  const pixStep = (<usize>tp) << 2;
  memory.fill(part, 0, <usize>(taps + 1) * fb);
  for (let r = 0; r < nr; r++) {
    gatherRow(p, r0 + r, cols, 1, tp);
    const b = (r0 + r) / oh;
    const i = r0 + r - b * oh;
    const pi_ = i / pkh;
    const valid = pi_ < poh;
    const pooledRow = (b * poh + pi_) * pw;
    const qi = (i - pi_ * pkh) * pkw;
    for (let fc = 0; fc < f; fc += 4) {
      const o = (<usize>fc) << 2;
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
          for (let j = 0; j < ow; j++) {
            const dz = dzFromCodes(dy, code, pooledRow, qi, valid, j, pkw, pw, fb, o);
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
        } else {
          for (let j = 0; j < ow; j++) {
            const dz = dzFromCodes(dy, code, pooledRow, qi, valid, j, pkw, pw, fb, o);
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

/** Unpooling task t (an image): dz over the whole convolution output, 0 off the coded positions and past the windows. */
export function convPoolUnpoolTask(t: i32, p: usize): void {
  const h = pi(p, CP_H);
  const w = pi(p, CP_W);
  const c = pi(p, CP_C);
  const kh = pi(p, CP_PKH);
  const kw = pi(p, CP_PKW);
  const poh = pi(p, CP_POH);
  const pw = pi(p, CP_POW);
  const dy = pa(p, CP_DY);
  const code = pa(p, CP_CODE);
  const dx = pa(p, CP_DX);
  const b = t;
  const pixel = (<usize>c) << 2;
  const rowBytes = <usize>w * pixel;
  const img = dx + <usize>(b * h) * rowBytes;
  if (poh * kh < h) memory.fill(img + <usize>(poh * kh) * rowBytes, 0, <usize>(h - poh * kh) * rowBytes);
  if (pw * kw < w) {
    for (let ih = 0; ih < poh * kh; ih++) {
      memory.fill(img + <usize>ih * rowBytes + <usize>(pw * kw) * pixel, 0, <usize>(w - pw * kw) * pixel);
    }
  }
  for (let i = 0; i < poh; i++) {
    for (let j = 0; j < pw; j++) {
      const at = <usize>((b * poh + i) * pw + j) * pixel;
      const first = img + <usize>(i * kh) * rowBytes + <usize>(j * kw) * pixel;
      for (let ch = 0; ch < c; ch += 4) {
        const o = (<usize>ch) << 2;
        const gv = v128.load(dy + at + o);
        const codes = v128.load(code + at + o);
        let q = 0;
        for (let ih = 0; ih < kh; ih++) {
          for (let iw = 0; iw < kw; iw++) {
            v128.store(
              first + o + <usize>ih * rowBytes + <usize>iw * pixel,
              v128.and(gv, i32x4.eq(codes, i32x4.splat(q))),
            );
            q++;
          }
        }
      }
    }
  }
}

/**
 * Convolution pieces around the GEMM: implicit im2col packing of A (forward: pixels × taps; filter gradient:
 * taps × pixels) straight from the NHWC image, and col2im, which folds the input gradient's column matrix
 * back onto the image. Geometry comes from the GEO_* parameter slots.
 */
import {
  G_ATABLE,
  G_M,
  GEO_C,
  GEO_DH,
  GEO_DW,
  GEO_H,
  GEO_KH,
  GEO_KW,
  GEO_OH,
  GEO_OW,
  GEO_PL,
  GEO_PT,
  GEO_SH,
  GEO_SW,
  GEO_W,
  P_COLS,
  P_DX,
} from '../src/backend/wasm/abi';
import { imax, imin, pa, pi, storeTransposed4 } from './simd';

/** Address of channel 0 of input pixel (ih, iw) of the image at `img`, or 0 when it lies in the padding. */
function pixel(img: usize, ih: i32, iw: i32, h: i32, w: i32, c: i32): usize {
  if (img == 0 || ih < 0 || ih >= h || iw < 0 || iw >= w) return 0;
  return img + ((<usize>((ih * w + iw) * c)) << 2);
}

function loadOrZero(s: usize, o: usize): v128 {
  return s != 0 ? v128.load(s + o) : f32x4.splat(0);
}

function scalarOrZero(s: usize, o: usize): f32 {
  return s != 0 ? load<f32>(s + o) : 0;
}

/** True when a window with origin (oh, ow) and extent (spanH, spanW) lies inside an h × w image. */
function inside(oh: i32, ow: i32, spanH: i32, spanW: i32, h: i32, w: i32): bool {
  return oh >= 0 && ow >= 0 && oh + spanH < h && ow + spanW < w;
}

/** Copies `run` channels of four rows (0 = zero row) into k-major groups of 4 at dst. */
function copyRun4(dst: usize, s0: usize, s1: usize, s2: usize, s3: usize, run: i32): void {
  let j = 0;
  for (; j + 4 <= run; j += 4) {
    const o = (<usize>j) << 2;
    storeTransposed4(dst + (o << 2), 16, loadOrZero(s0, o), loadOrZero(s1, o), loadOrZero(s2, o), loadOrZero(s3, o));
  }
  for (; j < run; j++) {
    const o = (<usize>j) << 2;
    const d = dst + (o << 2);
    store<f32>(d, scalarOrZero(s0, o));
    store<f32>(d, scalarOrZero(s1, o), 4);
    store<f32>(d, scalarOrZero(s2, o), 8);
    store<f32>(d, scalarOrZero(s3, o), 12);
  }
}

/**
 * Packs A panel `ip` of the forward convolution: rows are output pixels (b, oh, ow), columns the taps
 * (ki, kj, c) in filter order. Consecutive columns of one tap are consecutive channels of one input pixel.
 */
export function im2colPanel(p: usize, ip: i32, dst: usize, pc0: i32, kc: i32): void {
  const m = pi(p, G_M);
  const h = pi(p, GEO_H);
  const w = pi(p, GEO_W);
  const c = pi(p, GEO_C);
  const kw = pi(p, GEO_KW);
  const sh = pi(p, GEO_SH);
  const sw = pi(p, GEO_SW);
  const dh = pi(p, GEO_DH);
  const dw = pi(p, GEO_DW);
  const pt = pi(p, GEO_PT);
  const pl = pi(p, GEO_PL);
  const ohw = pi(p, GEO_OH) * pi(p, GEO_OW);
  const ow = pi(p, GEO_OW);
  const x = <usize>load<u32>(pa(p, G_ATABLE));
  const imgBytes = (<usize>(h * w * c)) << 2;
  // Image address and window origin of each of the four rows (image 0 means a padding row past M).
  const i0 = ip << 2;
  let img0: usize = 0;
  let img1: usize = 0;
  let img2: usize = 0;
  let img3: usize = 0;
  let h0 = 0;
  let h1 = 0;
  let h2 = 0;
  let h3 = 0;
  let w0 = 0;
  let w1 = 0;
  let w2 = 0;
  let w3 = 0;
  for (let r = 0; r < 4; r++) {
    const i = i0 + r;
    if (i >= m) break;
    const b = i / ohw;
    const rem = i - b * ohw;
    const oh = rem / ow;
    const img = x + <usize>b * imgBytes;
    const hh = oh * sh - pt;
    const ww = (rem - oh * ow) * sw - pl;
    if (r == 0) {
      img0 = img;
      h0 = hh;
      w0 = ww;
    } else if (r == 1) {
      img1 = img;
      h1 = hh;
      w1 = ww;
    } else if (r == 2) {
      img2 = img;
      h2 = hh;
      w2 = ww;
    } else {
      img3 = img;
      h3 = hh;
      w3 = ww;
    }
  }
  const tap0 = pc0 / c;
  let ch = pc0 - tap0 * c;
  let ki = tap0 / kw;
  let kj = tap0 - ki * kw;
  let q = 0;
  // Fast path: every window of the four pixels lies inside the image (the interior of a valid convolution),
  // so a tap's four sources are each pixel's window origin plus one offset, with no bounds to check.
  const spanH = (pi(p, GEO_KH) - 1) * dh;
  const spanW = (kw - 1) * dw;
  if (
    img3 != 0 &&
    inside(h0, w0, spanH, spanW, h, w) &&
    inside(h1, w1, spanH, spanW, h, w) &&
    inside(h2, w2, spanH, spanW, h, w) &&
    inside(h3, w3, spanH, spanW, h, w)
  ) {
    const o0 = img0 + ((<usize>((h0 * w + w0) * c)) << 2);
    const o1 = img1 + ((<usize>((h1 * w + w1) * c)) << 2);
    const o2 = img2 + ((<usize>((h2 * w + w2) * c)) << 2);
    const o3 = img3 + ((<usize>((h3 * w + w3) * c)) << 2);
    const adjacent = c == 1 && o1 == o0 + 4 && o2 == o0 + 8 && o3 == o0 + 12;
    while (q < kc) {
      const tapOff = (<usize>((ki * dh * w + kj * dw) * c + ch)) << 2;
      const d = dst + ((<usize>q) << 4);
      if (adjacent) {
        v128.store(d, v128.load(o0 + tapOff));
        q++;
      } else if (c == 1) {
        store<f32>(d, load<f32>(o0 + tapOff));
        store<f32>(d, load<f32>(o1 + tapOff), 4);
        store<f32>(d, load<f32>(o2 + tapOff), 8);
        store<f32>(d, load<f32>(o3 + tapOff), 12);
        q++;
      } else {
        const run = min(c - ch, kc - q);
        copyRun4(d, o0 + tapOff, o1 + tapOff, o2 + tapOff, o3 + tapOff, run);
        q += run;
      }
      ch = 0;
      if (++kj == kw) {
        kj = 0;
        ki++;
      }
    }
    return;
  }
  while (q < kc) {
    const dy = ki * dh;
    const dx = kj * dw;
    let s0 = pixel(img0, h0 + dy, w0 + dx, h, w, c);
    let s1 = pixel(img1, h1 + dy, w1 + dx, h, w, c);
    let s2 = pixel(img2, h2 + dy, w2 + dx, h, w, c);
    let s3 = pixel(img3, h3 + dy, w3 + dx, h, w, c);
    if (c == 1) {
      // One channel per tap (a grey image): four scalars, or one vector when the four pixels are adjacent.
      const d = dst + ((<usize>q) << 4);
      if (s0 != 0 && s1 == s0 + 4 && s2 == s0 + 8 && s3 == s0 + 12) {
        v128.store(d, v128.load(s0));
        q++;
      } else {
        store<f32>(d, scalarOrZero(s0, 0));
        store<f32>(d, scalarOrZero(s1, 0), 4);
        store<f32>(d, scalarOrZero(s2, 0), 8);
        store<f32>(d, scalarOrZero(s3, 0), 12);
        q++;
      }
    } else {
      const run = min(c - ch, kc - q);
      const co = (<usize>ch) << 2;
      if (s0 != 0) s0 += co;
      if (s1 != 0) s1 += co;
      if (s2 != 0) s2 += co;
      if (s3 != 0) s3 += co;
      copyRun4(dst + ((<usize>q) << 4), s0, s1, s2, s3, run);
      q += run;
    }
    ch = 0;
    if (++kj == kw) {
      kj = 0;
      ki++;
    }
  }
}

/**
 * Packs A panel `ip` of the filter gradient: rows are taps (ki, kj, c), columns the output pixels, walked one
 * output row segment at a time so input addresses advance by the stride. When the channel count is a
 * multiple of 4, the panel's four taps are four adjacent channels of one input pixel: one vector per column.
 */
export function im2colTPanel(p: usize, ip: i32, dst: usize, pc0: i32, kc: i32): void {
  const taps = pi(p, G_M);
  const h = pi(p, GEO_H);
  const w = pi(p, GEO_W);
  const c = pi(p, GEO_C);
  const kw = pi(p, GEO_KW);
  const sh = pi(p, GEO_SH);
  const sw = pi(p, GEO_SW);
  const dh = pi(p, GEO_DH);
  const dw = pi(p, GEO_DW);
  const pt = pi(p, GEO_PT);
  const pl = pi(p, GEO_PL);
  const oh = pi(p, GEO_OH);
  const ow = pi(p, GEO_OW);
  const x = <usize>load<u32>(pa(p, G_ATABLE));
  const i0 = ip << 2;
  const ohw = oh * ow;
  let b = pc0 / ohw;
  const rem = pc0 - b * ohw;
  let y = rem / ow;
  let xo = rem - y * ow;
  const vector = (c & 3) == 0 && i0 + 4 <= taps;
  let q = 0;
  while (q < kc) {
    const seg = min(ow - xo, kc - q);
    const d = dst + ((<usize>q) << 4);
    const img = x + ((<usize>(b * h * w * c)) << 2);
    if (vector) {
      const tap = i0 / c;
      const ki = tap / kw;
      const kj = tap - ki * kw;
      const ih = y * sh - pt + ki * dh;
      if (ih < 0 || ih >= h) {
        memory.fill(d, 0, (<usize>seg) << 4);
      } else {
        const row = img + ((<usize>(ih * w * c + (i0 - tap * c))) << 2);
        const step = (<usize>(sw * c)) << 2;
        let iw = xo * sw - pl + kj * dw;
        let src = row + ((<usize>(iw * c)) << 2);
        for (let j = 0; j < seg; j++) {
          v128.store(d + ((<usize>j) << 4), iw >= 0 && iw < w ? v128.load(src) : f32x4.splat(0));
          iw += sw;
          src += step;
        }
      }
    } else {
      // Four independent taps; a row past the last tap is zero.
      for (let r = 0; r < 4; r++) {
        const i = i0 + r;
        const dr = d + ((<usize>r) << 2);
        const tap = i / c;
        const ki = tap / kw;
        const kj = tap - ki * kw;
        const ih = y * sh - pt + ki * dh;
        if (i >= taps || ih < 0 || ih >= h) {
          for (let j = 0; j < seg; j++) store<f32>(dr + ((<usize>j) << 4), 0);
          continue;
        }
        const row = img + ((<usize>(ih * w * c + (i - tap * c))) << 2);
        let iw = xo * sw - pl + kj * dw;
        for (let j = 0; j < seg; j++) {
          store<f32>(dr + ((<usize>j) << 4), iw >= 0 && iw < w ? load<f32>(row + ((<usize>(iw * c)) << 2)) : 0);
          iw += sw;
        }
      }
    }
    q += seg;
    xo += seg;
    if (xo == ow) {
      xo = 0;
      if (++y == oh) {
        y = 0;
        b++;
      }
    }
  }
}

/**
 * col2im for one image row (b, ih): each input pixel's gradient is the sum, over the taps whose window covers
 * it, of that tap's column in the (pixels × taps) matrix at P_COLS, taken in tap order. A gather, so rows
 * never race.
 */
export function col2imTask(t: i32, p: usize): void {
  const h = pi(p, GEO_H);
  const w = pi(p, GEO_W);
  const c = pi(p, GEO_C);
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
  const cols = pa(p, P_COLS);
  const dx = pa(p, P_DX);
  const taps = kh * kw * c;
  const b = t / h;
  const ih = t - b * h;
  const rowOut = dx + ((<usize>((b * h + ih) * w * c)) << 2);
  const pixelBytes = (<usize>c) << 2;
  memory.fill(rowOut, 0, (<usize>(w * c)) << 2);
  for (let ki = 0; ki < kh; ki++) {
    const yn = ih + pt - ki * dh;
    if (yn < 0) break;
    const y = yn / sh;
    if (y * sh != yn || y >= oh) continue;
    const colRow = cols + ((<usize>((b * oh + y) * ow * taps)) << 2);
    for (let kj = 0; kj < kw; kj++) {
      const tapBytes = (<usize>((ki * kw + kj) * c)) << 2;
      // Input columns iw whose window origin xn = iw + pl − kj·dw lands on an output column xo = xn / sw.
      let iw = imax(0, kj * dw - pl);
      const end = imin(w, (ow - 1) * sw + kj * dw - pl + 1);
      if (sw != 1) {
        while (iw < end && (iw + pl - kj * dw) % sw != 0) iw++;
      }
      let src = colRow + ((<usize>(((iw + pl - kj * dw) / sw) * taps)) << 2) + tapBytes;
      let out = rowOut + <usize>iw * pixelBytes;
      const srcStep = (<usize>taps) << 2;
      const outStep = <usize>sw * pixelBytes;
      for (; iw < end; iw += sw, src += srcStep, out += outStep) {
        if (c == 1) {
          store<f32>(out, load<f32>(out) + load<f32>(src));
          continue;
        }
        let j = 0;
        for (; j + 4 <= c; j += 4) {
          const o = (<usize>j) << 2;
          v128.store(out + o, f32x4.add(v128.load(out + o), v128.load(src + o)));
        }
        for (; j < c; j++) {
          const o = (<usize>j) << 2;
          store<f32>(out + o, load<f32>(out + o) + load<f32>(src + o));
        }
      }
    }
  }
}

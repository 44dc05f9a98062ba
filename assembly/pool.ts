/**
 * Max and average pooling over NHWC images, forward and backward, four channels per SIMD vector. Windows
 * are clipped to the image (padding never counts); the forward tasks are output rows (b, oh), the backward
 * tasks whole images, so no two tasks write the same gradient element.
 */
import {
  GEO_C,
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
  P_DX,
  P_DY,
  P_X,
  P_Y,
} from '../src/backend/wasm/abi';
import { imax, imin, pa, pi } from './simd';

/** Max pooling of output row t = (b, oh): the first maximum of each window, as the reference scans it. */
export function maxPoolTask(t: i32, p: usize): void {
  const h = pi(p, GEO_H);
  const w = pi(p, GEO_W);
  const c = pi(p, GEO_C);
  const kh = pi(p, GEO_KH);
  const kw = pi(p, GEO_KW);
  const sh = pi(p, GEO_SH);
  const sw = pi(p, GEO_SW);
  const pt = pi(p, GEO_PT);
  const pl = pi(p, GEO_PL);
  const oh = pi(p, GEO_OH);
  const ow = pi(p, GEO_OW);
  const x = pa(p, P_X);
  const y = pa(p, P_Y);
  const b = t / oh;
  const i = t - b * oh;
  const h0 = i * sh - pt;
  const hs = imax(h0, 0);
  const he = imin(h0 + kh, h);
  const rowBytes = (<usize>(w * c)) << 2;
  for (let j = 0; j < ow; j++) {
    const w0 = j * sw - pl;
    const ws = imax(w0, 0);
    const we = imin(w0 + kw, w);
    const out = y + ((<usize>(((b * oh + i) * ow + j) * c)) << 2);
    if (hs >= he || ws >= we) {
      for (let ch = 0; ch < c; ch++) store<f32>(out + ((<usize>ch) << 2), -Infinity);
      continue;
    }
    const first = x + ((<usize>(((b * h + hs) * w + ws) * c)) << 2);
    let ch = 0;
    for (; ch + 4 <= c; ch += 4) {
      const o = (<usize>ch) << 2;
      let best = v128.load(first + o);
      let row = first;
      for (let ih = hs; ih < he; ih++) {
        let px = row;
        for (let iw = ws; iw < we; iw++) {
          const v = v128.load(px + o);
          best = v128.bitselect(v, best, f32x4.gt(v, best));
          px += (<usize>c) << 2;
        }
        row += rowBytes;
      }
      v128.store(out + o, best);
    }
    for (; ch < c; ch++) {
      const o = (<usize>ch) << 2;
      let best = load<f32>(first + o);
      let row = first;
      for (let ih = hs; ih < he; ih++) {
        let px = row;
        for (let iw = ws; iw < we; iw++) {
          const v = load<f32>(px + o);
          if (v > best) best = v;
          px += (<usize>c) << 2;
        }
        row += rowBytes;
      }
      store<f32>(out + o, best);
    }
  }
}

/** Max-pooling gradient of image t: each output gradient goes to the first maximum of its window. */
export function maxPoolGradTask(t: i32, p: usize): void {
  const h = pi(p, GEO_H);
  const w = pi(p, GEO_W);
  const c = pi(p, GEO_C);
  const kh = pi(p, GEO_KH);
  const kw = pi(p, GEO_KW);
  const sh = pi(p, GEO_SH);
  const sw = pi(p, GEO_SW);
  const pt = pi(p, GEO_PT);
  const pl = pi(p, GEO_PL);
  const oh = pi(p, GEO_OH);
  const ow = pi(p, GEO_OW);
  const x = pa(p, P_X);
  const dy = pa(p, P_DY);
  const dx = pa(p, P_DX);
  const b = t;
  const img = (<usize>(b * h * w * c)) << 2;
  // Windows that tile the image (stride = window, no padding): every element of dx under a window is written
  // once by it, so no scatter, and only the rows and columns left over past the last window are zero-filled.
  if ((c & 3) == 0 && sh == kh && sw == kw && pt == 0 && pl == 0 && oh * kh <= h && ow * kw <= w) {
    maxPoolGradTiled(b, p);
    return;
  }
  memory.fill(dx + img, 0, (<usize>(h * w * c)) << 2);
  const lanes = i32x4(0, 1, 2, 3);
  for (let i = 0; i < oh; i++) {
    const h0 = i * sh - pt;
    const hs = imax(h0, 0);
    const he = imin(h0 + kh, h);
    for (let j = 0; j < ow; j++) {
      const w0 = j * sw - pl;
      const ws = imax(w0, 0);
      const we = imin(w0 + kw, w);
      if (hs >= he || ws >= we) continue;
      const g = dy + ((<usize>(((b * oh + i) * ow + j) * c)) << 2);
      const firstIdx = ((b * h + hs) * w + ws) * c;
      let ch = 0;
      for (; ch + 4 <= c; ch += 4) {
        let best = v128.load(x + ((<usize>(firstIdx + ch)) << 2));
        let at = i32x4.add(i32x4.splat(firstIdx + ch), lanes);
        for (let ih = hs; ih < he; ih++) {
          for (let iw = ws; iw < we; iw++) {
            const idx = ((b * h + ih) * w + iw) * c + ch;
            const v = v128.load(x + ((<usize>idx) << 2));
            const gt = f32x4.gt(v, best);
            best = v128.bitselect(v, best, gt);
            at = v128.bitselect(i32x4.add(i32x4.splat(idx), lanes), at, gt);
          }
        }
        const gv = v128.load(g + ((<usize>ch) << 2));
        let a = dx + ((<usize>i32x4.extract_lane(at, 0)) << 2);
        store<f32>(a, load<f32>(a) + f32x4.extract_lane(gv, 0));
        a = dx + ((<usize>i32x4.extract_lane(at, 1)) << 2);
        store<f32>(a, load<f32>(a) + f32x4.extract_lane(gv, 1));
        a = dx + ((<usize>i32x4.extract_lane(at, 2)) << 2);
        store<f32>(a, load<f32>(a) + f32x4.extract_lane(gv, 2));
        a = dx + ((<usize>i32x4.extract_lane(at, 3)) << 2);
        store<f32>(a, load<f32>(a) + f32x4.extract_lane(gv, 3));
      }
      for (; ch < c; ch++) {
        let at = firstIdx + ch;
        let best = load<f32>(x + ((<usize>at) << 2));
        for (let ih = hs; ih < he; ih++) {
          for (let iw = ws; iw < we; iw++) {
            const idx = ((b * h + ih) * w + iw) * c + ch;
            const v = load<f32>(x + ((<usize>idx) << 2));
            if (v > best) {
              best = v;
              at = idx;
            }
          }
        }
        const a = dx + ((<usize>at) << 2);
        store<f32>(a, load<f32>(a) + load<f32>(g + ((<usize>ch) << 2)));
      }
    }
  }
}

/**
 * Max-pooling gradient of image b when the windows tile the image and C is a multiple of 4: per window and
 * channel vector, the position of the first maximum (scan order, as the reference), then one pass that stores
 * dy where the position matches and 0 elsewhere. Rows and columns past the last window get 0.
 */
function maxPoolGradTiled(b: i32, p: usize): void {
  const h = pi(p, GEO_H);
  const w = pi(p, GEO_W);
  const c = pi(p, GEO_C);
  const kh = pi(p, GEO_KH);
  const kw = pi(p, GEO_KW);
  const oh = pi(p, GEO_OH);
  const ow = pi(p, GEO_OW);
  const x = pa(p, P_X);
  const dy = pa(p, P_DY);
  const dx = pa(p, P_DX);
  const pixel = (<usize>c) << 2;
  const rowBytes = <usize>w * pixel;
  const img = dx + <usize>(b * h) * rowBytes;
  if (oh * kh < h) memory.fill(img + <usize>(oh * kh) * rowBytes, 0, <usize>(h - oh * kh) * rowBytes);
  if (ow * kw < w) {
    for (let ih = 0; ih < oh * kh; ih++) {
      memory.fill(img + <usize>ih * rowBytes + <usize>(ow * kw) * pixel, 0, <usize>(w - ow * kw) * pixel);
    }
  }
  for (let i = 0; i < oh; i++) {
    for (let j = 0; j < ow; j++) {
      const g = dy + ((<usize>(((b * oh + i) * ow + j) * c)) << 2);
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
        const gv = v128.load(g + ((<usize>ch) << 2));
        q = 0;
        for (let ih = 0; ih < kh; ih++) {
          for (let iw = 0; iw < kw; iw++) {
            v128.store(dx + o + <usize>ih * rowBytes + <usize>iw * pixel, v128.and(gv, i32x4.eq(at, i32x4.splat(q))));
            q++;
          }
        }
      }
    }
  }
}

/** Average pooling of output row t = (b, oh) over the window's positions inside the image. */
export function avgPoolTask(t: i32, p: usize): void {
  const h = pi(p, GEO_H);
  const w = pi(p, GEO_W);
  const c = pi(p, GEO_C);
  const kh = pi(p, GEO_KH);
  const kw = pi(p, GEO_KW);
  const sh = pi(p, GEO_SH);
  const sw = pi(p, GEO_SW);
  const pt = pi(p, GEO_PT);
  const pl = pi(p, GEO_PL);
  const oh = pi(p, GEO_OH);
  const ow = pi(p, GEO_OW);
  const x = pa(p, P_X);
  const y = pa(p, P_Y);
  const b = t / oh;
  const i = t - b * oh;
  const h0 = i * sh - pt;
  const hs = imax(h0, 0);
  const he = imin(h0 + kh, h);
  const rowBytes = (<usize>(w * c)) << 2;
  for (let j = 0; j < ow; j++) {
    const w0 = j * sw - pl;
    const ws = imax(w0, 0);
    const we = imin(w0 + kw, w);
    const count = <f32>(imax(he - hs, 0) * imax(we - ws, 0));
    const out = y + ((<usize>(((b * oh + i) * ow + j) * c)) << 2);
    const first = x + ((<usize>(((b * h + hs) * w + ws) * c)) << 2);
    let ch = 0;
    for (; ch + 4 <= c; ch += 4) {
      const o = (<usize>ch) << 2;
      let s = f32x4.splat(0);
      let row = first;
      for (let ih = hs; ih < he; ih++) {
        let px = row;
        for (let iw = ws; iw < we; iw++) {
          s = f32x4.add(s, v128.load(px + o));
          px += (<usize>c) << 2;
        }
        row += rowBytes;
      }
      v128.store(out + o, f32x4.div(s, f32x4.splat(count)));
    }
    for (; ch < c; ch++) {
      const o = (<usize>ch) << 2;
      let s: f32 = 0;
      let row = first;
      for (let ih = hs; ih < he; ih++) {
        let px = row;
        for (let iw = ws; iw < we; iw++) {
          s += load<f32>(px + o);
          px += (<usize>c) << 2;
        }
        row += rowBytes;
      }
      store<f32>(out + o, s / count);
    }
  }
}

/** Average-pooling gradient of image t: each output gradient is shared equally by its window. */
export function avgPoolGradTask(t: i32, p: usize): void {
  const h = pi(p, GEO_H);
  const w = pi(p, GEO_W);
  const c = pi(p, GEO_C);
  const kh = pi(p, GEO_KH);
  const kw = pi(p, GEO_KW);
  const sh = pi(p, GEO_SH);
  const sw = pi(p, GEO_SW);
  const pt = pi(p, GEO_PT);
  const pl = pi(p, GEO_PL);
  const oh = pi(p, GEO_OH);
  const ow = pi(p, GEO_OW);
  const dy = pa(p, P_DY);
  const dx = pa(p, P_DX);
  const b = t;
  const rowBytes = (<usize>(w * c)) << 2;
  memory.fill(dx + ((<usize>(b * h * w * c)) << 2), 0, (<usize>(h * w * c)) << 2);
  for (let i = 0; i < oh; i++) {
    const h0 = i * sh - pt;
    const hs = imax(h0, 0);
    const he = imin(h0 + kh, h);
    for (let j = 0; j < ow; j++) {
      const w0 = j * sw - pl;
      const ws = imax(w0, 0);
      const we = imin(w0 + kw, w);
      if (hs >= he || ws >= we) continue;
      const count = <f32>((he - hs) * (we - ws));
      const g = dy + ((<usize>(((b * oh + i) * ow + j) * c)) << 2);
      const first = dx + ((<usize>(((b * h + hs) * w + ws) * c)) << 2);
      let ch = 0;
      for (; ch + 4 <= c; ch += 4) {
        const o = (<usize>ch) << 2;
        const share = f32x4.div(v128.load(g + o), f32x4.splat(count));
        let row = first;
        for (let ih = hs; ih < he; ih++) {
          let px = row;
          for (let iw = ws; iw < we; iw++) {
            v128.store(px + o, f32x4.add(v128.load(px + o), share));
            px += (<usize>c) << 2;
          }
          row += rowBytes;
        }
      }
      for (; ch < c; ch++) {
        const o = (<usize>ch) << 2;
        const share = load<f32>(g + o) / count;
        let row = first;
        for (let ih = hs; ih < he; ih++) {
          let px = row;
          for (let iw = ws; iw < we; iw++) {
            store<f32>(px + o, load<f32>(px + o) + share);
            px += (<usize>c) << 2;
          }
          row += rowBytes;
        }
      }
    }
  }
}

import { allocate } from '../../tensor/dtype.js';
import { Tensor } from '../../tensor/Tensor.js';
import type { Pool2DGeometry } from '../kernels.js';
import { convOutSize } from './conv.js';

/**
 * Visits every output position of a pooling window over NHWC input, passing its flat output offset
 * (channel 0) and the input offsets (channel 0) of the window positions that lie inside the image.
 */
function forEachWindow(
  xShape: readonly number[],
  g: Pool2DGeometry,
  visit: (yOff: number, xOffs: readonly number[]) => void,
): [number, number] {
  const [n, h, w, c] = xShape as [number, number, number, number];
  const [ph, pw] = g.poolSize;
  const [sh, sw] = g.strides;
  const [pt, pb, pl, pr] = g.pads;
  const oh = convOutSize(h, ph, sh, 1, pt, pb);
  const ow = convOutSize(w, pw, sw, 1, pl, pr);
  const offs: number[] = [];
  for (let b = 0; b < n; b++) {
    for (let i = 0; i < oh; i++) {
      for (let j = 0; j < ow; j++) {
        offs.length = 0;
        for (let ki = 0; ki < ph; ki++) {
          const ih = i * sh - pt + ki;
          if (ih < 0 || ih >= h) continue;
          for (let kj = 0; kj < pw; kj++) {
            const iw = j * sw - pl + kj;
            if (iw >= 0 && iw < w) offs.push(((b * h + ih) * w + iw) * c);
          }
        }
        visit(((b * oh + i) * ow + j) * c, offs);
      }
    }
  }
  return [oh, ow];
}

/** Offset (channel 0) of the first maximum in a window for channel `ch`, or -1 for an empty window. */
function argMaxInWindow(xd: ArrayLike<number>, offs: readonly number[], ch: number): number {
  let best = -Infinity;
  let at = -1;
  for (const off of offs) {
    const v = xd[off + ch] as number;
    if (v > best || at < 0) {
      best = v;
      at = off;
    }
  }
  return at;
}

export function maxPool2d(x: Tensor, g: Pool2DGeometry): Tensor {
  const [n, , , c] = x.shape as [number, number, number, number];
  const values: number[] = [];
  const [oh, ow] = forEachWindow(x.shape, g, (yOff, offs) => {
    for (let ch = 0; ch < c; ch++) {
      const at = argMaxInWindow(x.data, offs, ch);
      values[yOff + ch] = at < 0 ? -Infinity : (x.data[at + ch] as number);
    }
  });
  const out = allocate(x.dtype, n * oh * ow * c);
  for (let i = 0; i < out.length; i++) out[i] = values[i] as number;
  return new Tensor(out, [n, oh, ow, c]);
}

export function maxPool2dGrad(x: Tensor, dy: Tensor, g: Pool2DGeometry): Tensor {
  const c = x.shape[3] as number;
  const out = allocate(dy.dtype, x.size);
  const dyd = dy.data;
  forEachWindow(x.shape, g, (yOff, offs) => {
    for (let ch = 0; ch < c; ch++) {
      const at = argMaxInWindow(x.data, offs, ch);
      if (at >= 0) out[at + ch] = (out[at + ch] as number) + (dyd[yOff + ch] as number);
    }
  });
  return new Tensor(out, x.shape);
}

export function avgPool2d(x: Tensor, g: Pool2DGeometry): Tensor {
  const [n, , , c] = x.shape as [number, number, number, number];
  const values: number[] = [];
  const [oh, ow] = forEachWindow(x.shape, g, (yOff, offs) => {
    for (let ch = 0; ch < c; ch++) {
      let s = 0;
      for (const off of offs) s += x.data[off + ch] as number;
      values[yOff + ch] = s / offs.length;
    }
  });
  const out = allocate(x.dtype, n * oh * ow * c);
  for (let i = 0; i < out.length; i++) out[i] = values[i] as number;
  return new Tensor(out, [n, oh, ow, c]);
}

export function avgPool2dGrad(dy: Tensor, xShape: readonly number[], g: Pool2DGeometry): Tensor {
  const c = xShape[3] as number;
  const out = allocate(
    dy.dtype,
    xShape.reduce((p, d) => p * d, 1),
  );
  const dyd = dy.data;
  forEachWindow(xShape, g, (yOff, offs) => {
    for (let ch = 0; ch < c; ch++) {
      const share = (dyd[yOff + ch] as number) / offs.length;
      for (const off of offs) out[off + ch] = (out[off + ch] as number) + share;
    }
  });
  return new Tensor(out, xShape);
}

import { allocate } from '../../tensor/dtype.js';
import { Tensor } from '../../tensor/Tensor.js';
import type { Conv2DGeometry } from '../kernels.js';

/** Output size of one spatial axis. */
export function convOutSize(
  size: number,
  k: number,
  stride: number,
  dilation: number,
  padBefore: number,
  padAfter: number,
): number {
  return Math.floor((size + padBefore + padAfter - ((k - 1) * dilation + 1)) / stride) + 1;
}

interface ConvDims {
  n: number;
  h: number;
  w: number;
  c: number;
  kh: number;
  kw: number;
  f: number;
  oh: number;
  ow: number;
}

/**
 * Visits every (output position, filter tap) pair whose input position lies inside the image, passing the
 * flat offsets of the input pixel (channel 0), the output pixel (filter 0) and the filter tap (channel 0, filter 0).
 * Forward and both backward passes are the same loop with a different innermost update.
 */
function forEachTap(d: ConvDims, g: Conv2DGeometry, visit: (xOff: number, yOff: number, wOff: number) => void): void {
  const [sh, sw] = g.strides;
  const [dh, dw] = g.dilations;
  const [pt, , pl] = g.pads;
  for (let b = 0; b < d.n; b++) {
    for (let i = 0; i < d.oh; i++) {
      for (let j = 0; j < d.ow; j++) {
        const yOff = ((b * d.oh + i) * d.ow + j) * d.f;
        for (let ki = 0; ki < d.kh; ki++) {
          const ih = i * sh - pt + ki * dh;
          if (ih < 0 || ih >= d.h) continue;
          for (let kj = 0; kj < d.kw; kj++) {
            const iw = j * sw - pl + kj * dw;
            if (iw < 0 || iw >= d.w) continue;
            visit(((b * d.h + ih) * d.w + iw) * d.c, yOff, (ki * d.kw + kj) * d.c * d.f);
          }
        }
      }
    }
  }
}

function dims(xShape: readonly number[], fShape: readonly number[], g: Conv2DGeometry): ConvDims {
  const [n, h, w, c] = xShape as [number, number, number, number];
  const [kh, kw, , f] = fShape as [number, number, number, number];
  const oh = convOutSize(h, kh, g.strides[0], g.dilations[0], g.pads[0], g.pads[1]);
  const ow = convOutSize(w, kw, g.strides[1], g.dilations[1], g.pads[2], g.pads[3]);
  return { n, h, w, c, kh, kw, f, oh, ow };
}

export function conv2d(x: Tensor, filter: Tensor, g: Conv2DGeometry): Tensor {
  const d = dims(x.shape, filter.shape, g);
  const acc = new Float64Array(d.n * d.oh * d.ow * d.f);
  const xd = x.data;
  const wd = filter.data;
  forEachTap(d, g, (xOff, yOff, wOff) => {
    for (let c = 0; c < d.c; c++) {
      const xv = xd[xOff + c] as number;
      const wRow = wOff + c * d.f;
      for (let f = 0; f < d.f; f++) acc[yOff + f] = (acc[yOff + f] as number) + xv * (wd[wRow + f] as number);
    }
  });
  const out = allocate(x.dtype, acc.length);
  out.set(acc);
  return new Tensor(out, [d.n, d.oh, d.ow, d.f]);
}

export function conv2dBackpropInput(dy: Tensor, filter: Tensor, xShape: readonly number[], g: Conv2DGeometry): Tensor {
  const d = dims(xShape, filter.shape, g);
  const acc = new Float64Array(d.n * d.h * d.w * d.c);
  const dyd = dy.data;
  const wd = filter.data;
  forEachTap(d, g, (xOff, yOff, wOff) => {
    for (let c = 0; c < d.c; c++) {
      let s = 0;
      const wRow = wOff + c * d.f;
      for (let f = 0; f < d.f; f++) s += (dyd[yOff + f] as number) * (wd[wRow + f] as number);
      acc[xOff + c] = (acc[xOff + c] as number) + s;
    }
  });
  const out = allocate(dy.dtype, acc.length);
  out.set(acc);
  return new Tensor(out, xShape);
}

export function conv2dBackpropFilter(x: Tensor, dy: Tensor, filterShape: readonly number[], g: Conv2DGeometry): Tensor {
  const d = dims(x.shape, filterShape, g);
  const acc = new Float64Array(d.kh * d.kw * d.c * d.f);
  const xd = x.data;
  const dyd = dy.data;
  forEachTap(d, g, (xOff, yOff, wOff) => {
    for (let c = 0; c < d.c; c++) {
      const xv = xd[xOff + c] as number;
      const wRow = wOff + c * d.f;
      for (let f = 0; f < d.f; f++) acc[wRow + f] = (acc[wRow + f] as number) + xv * (dyd[yOff + f] as number);
    }
  });
  const out = allocate(x.dtype, acc.length);
  out.set(acc);
  return new Tensor(out, filterShape);
}

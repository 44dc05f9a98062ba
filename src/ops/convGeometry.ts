import type { Conv2DGeometry, Pool2DGeometry } from '../backend/kernels.js';
import { ShapeError, ValueError } from '../errors/errors.js';
import { formatShape } from '../util/format.js';

/** How to pad a convolution or pooling window: TensorFlow's 'same' / 'valid', or explicit [top, bottom, left, right]. */
export type Padding = 'same' | 'valid' | readonly [number, number, number, number];

/** A size given once for both spatial axes, or as [height, width]. */
export type Size2 = number | readonly [number, number];

/** Expands `v` to a [height, width] pair of positive integers. */
export function pair(v: Size2, op: string, name: string): [number, number] {
  const p: [number, number] = typeof v === 'number' ? [v, v] : [v[0], v[1]];
  if (!p.every((x) => Number.isInteger(x) && x >= 1)) {
    throw new ValueError(
      `${op}: "${name}" must be a positive integer or a pair of them; received ${JSON.stringify(v)}.`,
      {
        op,
        [name]: v,
      },
    );
  }
  return p;
}

/**
 * Resolves padding to explicit [top, bottom, left, right]. 'same' gives an output of ceil(in / stride) and puts
 * the odd padding element at the bottom/right, as TensorFlow and Keras do.
 */
export function resolvePads(
  padding: Padding,
  inSize: [number, number],
  window: [number, number],
  strides: [number, number],
  dilations: [number, number],
  op: string,
): [number, number, number, number] {
  if (padding === 'valid') return [0, 0, 0, 0];
  if (padding === 'same') {
    const [t, b] = samePad(inSize[0], window[0], strides[0], dilations[0]);
    const [l, r] = samePad(inSize[1], window[1], strides[1], dilations[1]);
    return [t, b, l, r];
  }
  if (Array.isArray(padding) && padding.length === 4 && padding.every((p) => Number.isInteger(p) && p >= 0)) {
    return [padding[0], padding[1], padding[2], padding[3]];
  }
  throw new ValueError(
    `${op}: "padding" must be 'same', 'valid' or [top, bottom, left, right]; received ${JSON.stringify(padding)}.`,
    {
      op,
      padding,
    },
  );
}

function samePad(size: number, k: number, stride: number, dilation: number): [number, number] {
  const effective = (k - 1) * dilation + 1;
  const out = Math.ceil(size / stride);
  const total = Math.max((out - 1) * stride + effective - size, 0);
  return [Math.floor(total / 2), total - Math.floor(total / 2)];
}

/** Output spatial size; throws when the window does not fit even once. */
export function outputSize(
  op: string,
  inShape: readonly number[],
  window: [number, number],
  g: Conv2DGeometry,
): [number, number] {
  const [, h, w] = inShape as [number, number, number];
  const oh = Math.floor((h + g.pads[0] + g.pads[1] - ((window[0] - 1) * g.dilations[0] + 1)) / g.strides[0]) + 1;
  const ow = Math.floor((w + g.pads[2] + g.pads[3] - ((window[1] - 1) * g.dilations[1] + 1)) / g.strides[1]) + 1;
  if (oh < 1 || ow < 1) {
    throw new ShapeError(
      `${op}: a ${window[0]}x${window[1]} window does not fit input ${formatShape(inShape)} with padding ${JSON.stringify(g.pads)}; use padding 'same' or a smaller window.`,
      { op, shape: [...inShape], window },
    );
  }
  return [oh, ow];
}

/**
 * The window geometry of a 2-D pooling over an NHWC input of `shape` (rank 4), defaults resolved as `maxPool2d`
 * resolves them (poolSize 2, strides the pool size, padding 'valid').
 * @throws ShapeError (naming `op`) when the window does not fit.
 */
export function poolGeometry(
  op: string,
  shape: readonly number[],
  options: { poolSize?: Size2; strides?: Size2; padding?: Padding },
): Pool2DGeometry {
  const poolSize = pair(options.poolSize ?? 2, op, 'poolSize');
  const strides = pair(options.strides ?? poolSize, op, 'strides');
  const dilations: [number, number] = [1, 1];
  const pads = resolvePads(
    options.padding ?? 'valid',
    [shape[1] as number, shape[2] as number],
    poolSize,
    strides,
    dilations,
    op,
  );
  const g: Pool2DGeometry = { poolSize, strides, dilations, pads };
  outputSize(op, shape, poolSize, g);
  return g;
}

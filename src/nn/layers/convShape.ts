import { ShapeError } from '../../errors/errors.js';
import { intOrTuple, oneOf } from '../../optim/checks.js';
import { type Shape, formatDims } from '../engine/shape.js';

/** Padding modes of the 2-D layers. */
export type PaddingMode = 'valid' | 'same';

/** Validators shared by the convolution and pooling layers. */
export const windowSpec = { padding: oneOf('valid', 'same') };
export const pairSpec = intOrTuple(2);

/** Expands a size given once or as [height, width]. */
export function toPair(v: number | readonly number[]): [number, number] {
  return typeof v === 'number' ? [v, v] : [v[0] as number, v[1] as number];
}

/** Output length of one spatial axis (TensorFlow's rule): ceil(n / s) for 'same', else the windows that fit. */
export function outputLength(n: number | null, k: number, s: number, d: number, padding: PaddingMode): number | null {
  if (n === null) return null;
  if (padding === 'same') return Math.ceil(n / s);
  return Math.floor((n - ((k - 1) * d + 1)) / s) + 1;
}

/**
 * Output shape of a 2-D window op over NHWC input [batch, height, width, channels] with `channels` outputs.
 * @throws ShapeError naming the layer when the window does not fit the input.
 */
export function windowOutputShape(
  where: string,
  inputShape: Shape,
  kernel: [number, number],
  strides: [number, number],
  dilation: [number, number],
  padding: PaddingMode,
  channels: number | null,
): Shape {
  const h = outputLength(inputShape[1] ?? null, kernel[0], strides[0], dilation[0], padding);
  const w = outputLength(inputShape[2] ?? null, kernel[1], strides[1], dilation[1], padding);
  if ((h !== null && h < 1) || (w !== null && w < 1)) {
    throw new ShapeError(
      `${where}: the ${kernel[0]}×${kernel[1]} window does not fit input shape ${formatDims(inputShape)} with padding '${padding}'.`,
      { layer: where, shape: [...inputShape] },
    );
  }
  return [inputShape[0] ?? null, h, w, channels];
}

/** The layout NHWC layers expect, for error messages. */
export const NHWC = '[batch, height, width, channels]';

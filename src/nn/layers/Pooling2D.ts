import type { Pool2DOptions } from '../../ops/pool2d.js';
import { checkSpec, defined, optional } from '../../optim/checks.js';
import type { Tensor } from '../../tensor/Tensor.js';
import { type CallOptions, Layer, type LayerArgs, type LayerConfig, single, singleShape } from '../engine/Layer.js';
import type { Shape } from '../engine/shape.js';
import { NHWC, type PaddingMode, pairSpec, toPair, windowOutputShape, windowSpec } from './convShape.js';

/** Options of `MaxPooling2D` and `AveragePooling2D`. */
export interface Pooling2DConfig extends LayerArgs {
  /** Window size; default 2. */
  poolSize?: number | [number, number];
  /** Default: the pool size. */
  strides?: number | [number, number] | null;
  /** 'valid' (default) or 'same'. */
  padding?: PaddingMode;
}

/** Shared body of the 2-D pooling layers over NHWC input. */
export abstract class Pooling2D extends Layer {
  readonly poolSize: [number, number];
  readonly strides: [number, number];
  readonly padding: PaddingMode;

  constructor(config: Pooling2DConfig = {}) {
    super(config);
    const c = { poolSize: 2, strides: null, padding: 'valid', ...defined(config) };
    checkSpec(this.where, c, { poolSize: pairSpec, strides: optional(pairSpec), ...windowSpec });
    this.poolSize = toPair(c.poolSize);
    this.strides = c.strides === null ? this.poolSize : toPair(c.strides);
    this.padding = c.padding as PaddingMode;
    this.inputSpec = { ndim: 4, layout: NHWC };
  }

  protected abstract pool(x: Tensor): Tensor;

  /** The window as `maxPool2d` and `avgPool2d` take it. */
  get poolOptions(): Pool2DOptions {
    return { poolSize: this.poolSize, strides: this.strides, padding: this.padding };
  }

  /**
   * What `apply` does before pooling an input of `shape`, for a caller that computes the pooling itself (a model
   * that fuses it into the convolution before it): checks the shape against the input spec, builds the layer and
   * checks that the window fits.
   * @returns the output shape.
   * @throws ShapeError naming the layer, as `apply`.
   */
  prepareInput(shape: Shape): Shape {
    this.prepareShapes([shape], false);
    return this.computeOutputShape(shape);
  }

  call(inputs: Tensor | Tensor[], _options: CallOptions = {}): Tensor {
    const x = single(inputs, this.where);
    this.computeOutputShape(x.shape);
    return this.pool(x);
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const s = singleShape(inputShape, this.where);
    return windowOutputShape(this.where, s, this.poolSize, this.strides, [1, 1], this.padding, s[3] ?? null);
  }

  override getConfig(): LayerConfig {
    return { ...super.getConfig(), poolSize: [...this.poolSize], strides: [...this.strides], padding: this.padding };
  }
}

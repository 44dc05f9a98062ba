import type { FusedActivation } from '../../backend/kernels.js';
import { isFusable } from '../../ops/fusedActivation.js';
import { type Conv2DOptions, conv2d } from '../../ops/conv2d.js';
import { conv2dBiasActivation } from '../../ops/conv2dBiasActivation.js';
import { conv2dBiasActivationMaxPool } from '../../ops/conv2dBiasActivationMaxPool.js';
import { bool, checkSpec, defined, intRange, optional, str } from '../../optim/checks.js';
import type { Tensor } from '../../tensor/Tensor.js';
import { type ActivationFn, activationName, getActivation } from '../activations.js';
import { type CallOptions, Layer, type LayerArgs, type LayerConfig, single, singleShape } from '../engine/Layer.js';
import type { LayerWeight } from '../engine/LayerWeight.js';
import { registerLayer } from '../engine/registry.js';
import type { Shape } from '../engine/shape.js';
import { type InitializerIdentifier, getInitializer } from '../initializers/getInitializer.js';
import type { Initializer } from '../initializers/Initializer.js';
import { biasAndActivate } from './biasAndActivate.js';
import { lastDim } from './Dense.js';
import { MaxPooling2D } from './MaxPooling2D.js';
import { NHWC, type PaddingMode, pairSpec, toPair, windowOutputShape, windowSpec } from './convShape.js';

/** Options of `Conv2D`. */
export interface Conv2DConfig extends LayerArgs {
  /** Number of output channels. */
  filters: number;
  /** Window size: one number or [height, width]. */
  kernelSize: number | [number, number];
  /** Default 1. */
  strides?: number | [number, number];
  /** 'valid' (default) or 'same'. */
  padding?: PaddingMode;
  /** Dilation rate; default 1. */
  dilationRate?: number | [number, number];
  /** Default none (linear). */
  activation?: string | null;
  /** Default true. */
  useBias?: boolean;
  /** Default 'glorotUniform'. */
  kernelInitializer?: InitializerIdentifier;
  /** Default 'zeros'. */
  biasInitializer?: InitializerIdentifier;
}

/**
 * 2-D convolution over NHWC images ([batch, height, width, channels]), kernel [kh, kw, inChannels, filters],
 * then bias and activation.
 * @throws ConfigError for a bad option; ShapeError naming the layer for input of the wrong rank or channel count.
 * @example new Conv2D({ filters: 32, kernelSize: 3, activation: 'relu', inputShape: [28, 28, 1] })
 */
export class Conv2D extends Layer {
  static override readonly className = 'Conv2D';
  readonly filters: number;
  readonly kernelSize: [number, number];
  readonly strides: [number, number];
  readonly padding: PaddingMode;
  readonly dilationRate: [number, number];
  readonly activation: string;
  readonly useBias: boolean;
  readonly kernelInitializer: Initializer;
  readonly biasInitializer: Initializer;
  private readonly fn: ActivationFn;
  kernel: LayerWeight | null = null;
  bias: LayerWeight | null = null;

  constructor(config: Conv2DConfig) {
    super(config);
    const c = {
      strides: 1,
      padding: 'valid',
      dilationRate: 1,
      activation: null,
      useBias: true,
      kernelInitializer: 'glorotUniform',
      biasInitializer: 'zeros',
      ...defined(config),
    };
    checkSpec(this.where, c, {
      filters: intRange(1),
      kernelSize: pairSpec,
      strides: pairSpec,
      dilationRate: pairSpec,
      ...windowSpec,
      activation: optional(str),
      useBias: bool,
    });
    this.filters = c.filters;
    this.kernelSize = toPair(c.kernelSize);
    this.strides = toPair(c.strides);
    this.padding = c.padding as PaddingMode;
    this.dilationRate = toPair(c.dilationRate);
    this.activation = activationName(c.activation);
    this.fn = getActivation(this.activation, this.where);
    this.useBias = c.useBias;
    this.kernelInitializer = getInitializer(c.kernelInitializer, this.where);
    this.biasInitializer = getInitializer(c.biasInitializer, this.where);
    this.inputSpec = { ndim: 4, layout: NHWC };
  }

  override build(inputShape: Shape | Shape[]): void {
    const inChannels = lastDim(this.where, singleShape(inputShape, this.where));
    this.kernel = this.addWeight('kernel', [...this.kernelSize, inChannels, this.filters], this.kernelInitializer);
    if (this.useBias) this.bias = this.addWeight('bias', [this.filters], this.biasInitializer);
    this.inputSpec = { ndim: 4, layout: NHWC, axes: { [-1]: inChannels } };
    super.build(inputShape);
  }

  call(inputs: Tensor | Tensor[], _options: CallOptions = {}): Tensor {
    const x = single(inputs, this.where);
    this.computeOutputShape(x.shape); // a clear error when the window does not fit
    const kernel = (this.kernel as LayerWeight).value;
    const options = this.convOptions;
    if (isFusable(this.activation)) {
      // Convolution, bias and activation in one kernel call each way.
      return conv2dBiasActivation(x, kernel, this.bias ? this.bias.value : null, this.activation, options);
    }
    return biasAndActivate(conv2d(x, kernel, options), this.bias, this.activation, this.fn);
  }

  /**
   * True when `applyPooled` can take `pool`: this is a plain Conv2D whose activation the fused ops take, and `pool`
   * a plain MaxPooling2D of the same dtype (subclasses may compute something else, so they never fuse).
   */
  fusesWith(pool: Layer): pool is MaxPooling2D {
    const exact = Object.getPrototypeOf(this) === Conv2D.prototype;
    const maxPool = Object.getPrototypeOf(pool) === MaxPooling2D.prototype;
    return exact && maxPool && isFusable(this.activation) && pool.dtype === this.dtype;
  }

  /**
   * `pool.apply(this.apply(x))` as one op (`conv2dBiasActivationMaxPool`), for a model that runs this layer straight
   * into a max pooling whose input nothing else reads: the same casting, checks and building as `apply` does for
   * both layers and the same values, but the convolution's output never leaves the backend.
   * @param pool a layer for which `fusesWith(pool)` holds.
   * @throws ShapeError naming the layer (this one or `pool`), as `apply`.
   */
  applyPooled(input: Tensor, pool: MaxPooling2D, _options: CallOptions = {}): Tensor {
    const x = this.prepareCall([input], false)[0] as Tensor;
    pool.prepareInput(this.computeOutputShape(x.shape));
    const kernel = (this.kernel as LayerWeight).value;
    const bias = this.bias ? this.bias.value : null;
    const activation = this.activation as FusedActivation;
    return conv2dBiasActivationMaxPool(x, kernel, bias, activation, this.convOptions, pool.poolOptions);
  }

  private get convOptions(): Conv2DOptions {
    return { strides: this.strides, padding: this.padding, dilations: this.dilationRate };
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const s = singleShape(inputShape, this.where);
    return windowOutputShape(
      this.where,
      s,
      this.kernelSize,
      this.strides,
      this.dilationRate,
      this.padding,
      this.filters,
    );
  }

  override getConfig(): LayerConfig {
    return {
      ...super.getConfig(),
      filters: this.filters,
      kernelSize: [...this.kernelSize],
      strides: [...this.strides],
      padding: this.padding,
      dilationRate: [...this.dilationRate],
      activation: this.activation,
      useBias: this.useBias,
      kernelInitializer: this.kernelInitializer.serialize(),
      biasInitializer: this.biasInitializer.serialize(),
    };
  }
}

registerLayer(Conv2D);

import { ShapeError } from '../../errors/errors.js';
import { matmul } from '../../ops/matmul.js';
import { reshape } from '../../ops/reshape.js';
import { bool, checkSpec, defined, intRange, optional, str } from '../../optim/checks.js';
import type { Tensor } from '../../tensor/Tensor.js';
import { type ActivationFn, activationName, getActivation } from '../activations.js';
import { type CallOptions, Layer, type LayerArgs, type LayerConfig, single, singleShape } from '../engine/Layer.js';
import type { LayerWeight } from '../engine/LayerWeight.js';
import { registerLayer } from '../engine/registry.js';
import { biasAndActivate } from './biasAndActivate.js';
import { type Shape, formatDims } from '../engine/shape.js';
import { type InitializerIdentifier, getInitializer } from '../initializers/getInitializer.js';
import type { Initializer } from '../initializers/Initializer.js';

/** Options of `Dense`. */
export interface DenseConfig extends LayerArgs {
  /** Output size; a positive integer. */
  units: number;
  /** Activation name ('relu', 'softmax', …); default none (linear). */
  activation?: string | null;
  /** Add a bias. Default true. */
  useBias?: boolean;
  /** Default 'glorotUniform'. */
  kernelInitializer?: InitializerIdentifier;
  /** Default 'zeros'. */
  biasInitializer?: InitializerIdentifier;
}

/** The last dimension of a layer input, which must be known to build weights. */
export function lastDim(where: string, shape: Shape): number {
  const d = shape[shape.length - 1];
  if (d === null || d === undefined) {
    throw new ShapeError(
      `${where}: the last dimension of the input must be known to build the layer; received shape ${formatDims(shape)}.`,
      {
        layer: where,
      },
    );
  }
  return d;
}

/**
 * A fully connected layer: `activation(x · kernel + bias)` over the last axis (inputs of rank > 2 are treated as
 * a batch of vectors, as Keras).
 * @throws ConfigError for a bad option; ShapeError at call time for an input whose last dimension differs from
 * the one the layer was built with.
 * @example new Dense({ units: 10, activation: 'softmax' })
 */
export class Dense extends Layer {
  static override readonly className = 'Dense';
  readonly units: number;
  readonly activation: string;
  readonly useBias: boolean;
  readonly kernelInitializer: Initializer;
  readonly biasInitializer: Initializer;
  private readonly fn: ActivationFn;
  kernel: LayerWeight | null = null;
  bias: LayerWeight | null = null;

  constructor(config: DenseConfig) {
    super(config);
    const c = {
      activation: null,
      useBias: true,
      kernelInitializer: 'glorotUniform',
      biasInitializer: 'zeros',
      ...defined(config),
    };
    checkSpec(this.where, c, { units: intRange(1), activation: optional(str), useBias: bool });
    this.units = c.units;
    this.activation = activationName(c.activation);
    this.fn = getActivation(this.activation, this.where);
    this.useBias = c.useBias;
    this.kernelInitializer = getInitializer(c.kernelInitializer, this.where);
    this.biasInitializer = getInitializer(c.biasInitializer, this.where);
    this.inputSpec = { minNdim: 2 };
  }

  override build(inputShape: Shape | Shape[]): void {
    const inDim = lastDim(this.where, singleShape(inputShape, this.where));
    this.kernel = this.addWeight('kernel', [inDim, this.units], this.kernelInitializer);
    if (this.useBias) this.bias = this.addWeight('bias', [this.units], this.biasInitializer);
    this.inputSpec = { minNdim: 2, axes: { [-1]: inDim } };
    super.build(inputShape);
  }

  call(inputs: Tensor | Tensor[], _options: CallOptions = {}): Tensor {
    const x = single(inputs, this.where);
    const kernel = (this.kernel as LayerWeight).value;
    const flat = x.rank === 2 ? x : reshape(x, [-1, x.shape[x.rank - 1] as number]);
    const y = biasAndActivate(matmul(flat, kernel), this.bias, this.activation, this.fn);
    return x.rank === 2 ? y : reshape(y, [...x.shape.slice(0, -1), this.units]);
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const s = singleShape(inputShape, this.where);
    return [...s.slice(0, -1), this.units];
  }

  override getConfig(): LayerConfig {
    return {
      ...super.getConfig(),
      units: this.units,
      activation: this.activation,
      useBias: this.useBias,
      kernelInitializer: this.kernelInitializer.serialize(),
      biasInitializer: this.biasInitializer.serialize(),
    };
  }
}

registerLayer(Dense);

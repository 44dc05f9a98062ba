import { ShapeError } from '../../../errors/errors.js';
import { add, mul } from '../../../ops/binary.js';
import { matmul } from '../../../ops/matmul.js';
import { reshape } from '../../../ops/reshape.js';
import { bool, checkSpec, defined, intRange, optional, range, str } from '../../../optim/checks.js';
import type { Tensor } from '../../../tensor/Tensor.js';
import type { Random } from '../../../util/random.js';
import { activationName } from '../../activations.js';
import { type CallOptions, Layer, type LayerArgs, type LayerConfig, single, singleShape } from '../../engine/Layer.js';
import type { LayerWeight } from '../../engine/LayerWeight.js';
import { type Shape, formatDims } from '../../engine/shape.js';
import { type InitializerIdentifier, getInitializer } from '../../initializers/getInitializer.js';
import type { Initializer } from '../../initializers/Initializer.js';
import { dropoutMask, layerRandom } from '../dropoutMask.js';
import { type Pointwise, pointwise } from './pointwise.js';

/** Options shared by SimpleRNN, LSTM and GRU. */
export interface RNNConfig extends LayerArgs {
  /** Size of the state and of the output. */
  units: number;
  /** Default 'tanh'. Supported: tanh, sigmoid, relu, linear, hardSigmoid. */
  activation?: string | null;
  /** Default true. */
  useBias?: boolean;
  /** Default 'glorotUniform'. */
  kernelInitializer?: InitializerIdentifier;
  /** Default 'orthogonal'. */
  recurrentInitializer?: InitializerIdentifier;
  /** Default 'zeros'. */
  biasInitializer?: InitializerIdentifier;
  /** Fraction of the inputs dropped in training (one mask per sequence, shared by all steps). Default 0. */
  dropout?: number;
  /** Fraction of the state dropped before the recurrent product in training (one mask per sequence). Default 0. */
  recurrentDropout?: number;
  /** Return every step's output [batch, steps, units] (needed to stack recurrent layers) instead of the last. */
  returnSequences?: boolean;
  /** Read the sequence backwards; outputs come in processing order. Default false. */
  goBackwards?: boolean;
  /** Seed of the dropout masks; default drawn once from the global generator. */
  seed?: number | null;
}

/**
 * Shared body of the recurrent layers (Keras' RNN over a cell). A subclass may run the whole layer as one fused op
 * (`fused`: LSTM with its default activations). Otherwise the input projection of all steps is one matmul
 * [batch·steps, features] · [features, gates·units] and the recurrence one op per layer (`recur`: a step loop with
 * one matmul per step for all gates, and hand-written backpropagation through time).
 */
export abstract class RNNBase extends Layer {
  readonly units: number;
  readonly activation: string;
  readonly useBias: boolean;
  readonly kernelInitializer: Initializer;
  readonly recurrentInitializer: Initializer;
  readonly biasInitializer: Initializer;
  readonly dropout: number;
  readonly recurrentDropout: number;
  readonly returnSequences: boolean;
  readonly goBackwards: boolean;
  readonly seed: number | null;
  protected readonly act: Pointwise;
  private readonly rng: Random;
  kernel: LayerWeight | null = null;
  recurrentKernel: LayerWeight | null = null;
  bias: LayerWeight | null = null;

  /** Gates per unit: 1 (SimpleRNN), 3 (GRU), 4 (LSTM). */
  protected abstract readonly gateCount: number;

  constructor(config: RNNConfig) {
    super(config);
    const c = {
      activation: 'tanh',
      useBias: true,
      kernelInitializer: 'glorotUniform',
      recurrentInitializer: 'orthogonal',
      biasInitializer: 'zeros',
      dropout: 0,
      recurrentDropout: 0,
      returnSequences: false,
      goBackwards: false,
      seed: null,
      ...defined(config),
    };
    checkSpec(this.where, c, {
      units: intRange(1),
      activation: optional(str),
      useBias: bool,
      dropout: range(0, 1, '[)'),
      recurrentDropout: range(0, 1, '[)'),
      returnSequences: bool,
      goBackwards: bool,
      seed: optional(intRange(0, 2 ** 32 - 1)),
    });
    this.units = c.units;
    this.activation = activationName(c.activation);
    this.act = pointwise(this.activation, this.where, 'activation');
    this.useBias = c.useBias;
    this.kernelInitializer = getInitializer(c.kernelInitializer, this.where);
    this.recurrentInitializer = getInitializer(c.recurrentInitializer, this.where);
    this.biasInitializer = getInitializer(c.biasInitializer, this.where);
    this.dropout = c.dropout;
    this.recurrentDropout = c.recurrentDropout;
    this.returnSequences = c.returnSequences;
    this.goBackwards = c.goBackwards;
    this.seed = c.seed;
    this.rng = layerRandom(c.seed);
    this.inputSpec = { ndim: 3, layout: '[batch, timesteps, features]' };
  }

  override build(inputShape: Shape | Shape[]): void {
    const s = singleShape(inputShape, this.where);
    const features = s[2];
    if (features === null || features === undefined) {
      throw new ShapeError(`${this.where}: the feature dimension must be known; received shape ${formatDims(s)}.`, {
        layer: this.name,
      });
    }
    const width = this.gateCount * this.units;
    this.kernel = this.addWeight('kernel', [features, width], this.kernelInitializer);
    this.recurrentKernel = this.addWeight('recurrentKernel', [this.units, width], this.recurrentInitializer);
    if (this.useBias) this.bias = this.addWeight('bias', [width], this.biasInitializer);
    this.buildExtra();
    this.inputSpec = { ndim: 3, layout: '[batch, timesteps, features]', axes: { [-1]: features } };
    super.build(inputShape);
  }

  /** Extra weights of a subclass (GRU's recurrent bias). */
  protected buildExtra(): void {}

  /** Runs the fused recurrence on the projected input [batch, steps, gates·units]. */
  protected abstract recur(xp: Tensor, recurrentMask: Tensor | null): Tensor;

  /**
   * The whole layer (projection and recurrence) as one fused op on the (dropped-out) input, or null where the
   * subclass has none for its configuration; then the projection is a matmul here and the recurrence `recur`.
   */
  protected fused(_x: Tensor, _recurrentMask: Tensor | null): Tensor | null {
    return null;
  }

  call(inputs: Tensor | Tensor[], { training = false }: CallOptions = {}): Tensor {
    let x = single(inputs, this.where);
    const [B, T, D] = x.shape as [number, number, number];
    if (T === 0) {
      throw new ShapeError(`${this.where}: the input sequences are empty (shape ${formatDims(x.shape)}).`, {
        layer: this.name,
      });
    }
    if (training && this.dropout > 0) x = mul(x, dropoutMask(this.rng, [B, 1, D], this.dropout, x.dtype));
    const mask =
      training && this.recurrentDropout > 0
        ? dropoutMask(this.rng, [B, this.units], this.recurrentDropout, x.dtype)
        : null;
    const whole = this.fused(x, mask);
    if (whole) return whole;
    const width = this.gateCount * this.units;
    let xp = matmul(reshape(x, [B * T, D]), (this.kernel as LayerWeight).value);
    if (this.bias) xp = add(xp, this.bias.value);
    return this.recur(reshape(xp, [B, T, width]), mask);
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const s = singleShape(inputShape, this.where);
    return this.returnSequences ? [s[0] ?? null, s[1] ?? null, this.units] : [s[0] ?? null, this.units];
  }

  override getConfig(): LayerConfig {
    return {
      ...super.getConfig(),
      units: this.units,
      activation: this.activation,
      useBias: this.useBias,
      kernelInitializer: this.kernelInitializer.serialize(),
      recurrentInitializer: this.recurrentInitializer.serialize(),
      biasInitializer: this.biasInitializer.serialize(),
      dropout: this.dropout,
      recurrentDropout: this.recurrentDropout,
      returnSequences: this.returnSequences,
      goBackwards: this.goBackwards,
      seed: this.seed,
    };
  }
}

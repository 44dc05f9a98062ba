import { noGrad } from '../../autograd/tape.js';
import { add, mul, sub } from '../../ops/binary.js';
import { reshape } from '../../ops/reshape.js';
import { mean, variance } from '../../ops/reduce.js';
import { reciprocal, sqrt } from '../../ops/unary.js';
import { bool, checkSpec, defined, intRange, range } from '../../optim/checks.js';
import { normalizeAxis } from '../../tensor/shape.js';
import type { Tensor } from '../../tensor/Tensor.js';
import { type CallOptions, Layer, type LayerArgs, type LayerConfig, single, singleShape } from '../engine/Layer.js';
import type { LayerWeight } from '../engine/LayerWeight.js';
import { registerLayer } from '../engine/registry.js';
import type { Shape } from '../engine/shape.js';
import { type InitializerIdentifier, getInitializer } from '../initializers/getInitializer.js';
import type { Initializer } from '../initializers/Initializer.js';
import { lastDim } from './Dense.js';

/** Options of `BatchNormalization`. */
export interface BatchNormalizationConfig extends LayerArgs {
  /** The feature axis (normalised per feature); default -1 (channels last). */
  axis?: number;
  /** Weight of the old value in the moving averages, in [0, 1]; default 0.99. */
  momentum?: number;
  /** Added to the variance; default 1e-3. */
  epsilon?: number;
  /** Learn an offset (beta). Default true. */
  center?: boolean;
  /** Learn a scale (gamma). Default true. */
  scale?: boolean;
  betaInitializer?: InitializerIdentifier;
  gammaInitializer?: InitializerIdentifier;
  movingMeanInitializer?: InitializerIdentifier;
  movingVarianceInitializer?: InitializerIdentifier;
}

/**
 * Batch normalisation (Ioffe & Szegedy, 2015): in training, normalises with the batch's mean and (biased) variance
 * per feature and updates moving averages `m ← m·momentum + batch·(1 − momentum)`; at inference (or when the layer
 * is frozen, as Keras) uses the moving averages. Then `gamma · x̂ + beta`.
 * @example new BatchNormalization()
 */
export class BatchNormalization extends Layer {
  static override readonly className = 'BatchNormalization';
  readonly axis: number;
  readonly momentum: number;
  readonly epsilon: number;
  readonly center: boolean;
  readonly scale: boolean;
  private readonly inits: Record<'beta' | 'gamma' | 'movingMean' | 'movingVariance', Initializer>;
  gamma: LayerWeight | null = null;
  beta: LayerWeight | null = null;
  movingMean: LayerWeight | null = null;
  movingVariance: LayerWeight | null = null;
  private paramShape: number[] = [];
  private reduceAxes: number[] = [];

  constructor(config: BatchNormalizationConfig = {}) {
    super(config);
    const c = {
      axis: -1,
      momentum: 0.99,
      epsilon: 1e-3,
      center: true,
      scale: true,
      betaInitializer: 'zeros',
      gammaInitializer: 'ones',
      movingMeanInitializer: 'zeros',
      movingVarianceInitializer: 'ones',
      ...defined(config),
    };
    checkSpec(this.where, c, {
      axis: intRange(-Infinity, Infinity, '()'),
      momentum: range(0, 1),
      epsilon: range(0, Infinity, '[)'),
      center: bool,
      scale: bool,
    });
    this.axis = c.axis;
    this.momentum = c.momentum;
    this.epsilon = c.epsilon;
    this.center = c.center;
    this.scale = c.scale;
    this.inits = {
      beta: getInitializer(c.betaInitializer, this.where),
      gamma: getInitializer(c.gammaInitializer, this.where),
      movingMean: getInitializer(c.movingMeanInitializer, this.where),
      movingVariance: getInitializer(c.movingVarianceInitializer, this.where),
    };
    this.inputSpec = { minNdim: 1 };
  }

  override build(inputShape: Shape | Shape[]): void {
    const s = singleShape(inputShape, this.where);
    const axis = normalizeAxis(this.axis, s.length, this.where);
    const features = lastDim(this.where, [s[axis] ?? null]);
    if (this.scale) this.gamma = this.addWeight('gamma', [features], this.inits.gamma);
    if (this.center) this.beta = this.addWeight('beta', [features], this.inits.beta);
    this.movingMean = this.addWeight('movingMean', [features], this.inits.movingMean, { trainable: false });
    this.movingVariance = this.addWeight('movingVariance', [features], this.inits.movingVariance, { trainable: false });
    this.paramShape = s.map((_, i) => (i === axis ? features : 1));
    this.reduceAxes = s.map((_, i) => i).filter((i) => i !== axis);
    this.inputSpec = { ndim: s.length, axes: { [this.axis < 0 ? this.axis : axis]: features } };
    super.build(inputShape);
  }

  /** A [features] weight shaped to broadcast against the input. */
  private shaped(t: Tensor): Tensor {
    return this.paramShape.length === 1 ? t : reshape(t, this.paramShape);
  }

  call(inputs: Tensor | Tensor[], { training = false }: CallOptions = {}): Tensor {
    const x = single(inputs, this.where);
    const movingMean = (this.movingMean as LayerWeight).value;
    const movingVariance = (this.movingVariance as LayerWeight).value;
    let m: Tensor;
    let v: Tensor;
    if (training && this.trainable) {
      m = mean(x, this.reduceAxes, { keepDims: true });
      v = variance(x, this.reduceAxes, { keepDims: true });
      const k = this.momentum;
      noGrad(() => {
        const mm = movingMean.data;
        const mv = movingVariance.data;
        for (let i = 0; i < mm.length; i++) {
          mm[i] = (mm[i] as number) * k + (m.data[i] as number) * (1 - k);
          mv[i] = (mv[i] as number) * k + (v.data[i] as number) * (1 - k);
        }
      });
    } else {
      m = this.shaped(movingMean);
      v = this.shaped(movingVariance);
    }
    let factor = reciprocal(sqrt(add(v, this.epsilon)));
    if (this.gamma) factor = mul(factor, this.shaped(this.gamma.value));
    let y = mul(sub(x, m), factor);
    if (this.beta) y = add(y, this.shaped(this.beta.value));
    return y;
  }

  override getConfig(): LayerConfig {
    return {
      ...super.getConfig(),
      axis: this.axis,
      momentum: this.momentum,
      epsilon: this.epsilon,
      center: this.center,
      scale: this.scale,
      betaInitializer: this.inits.beta.serialize(),
      gammaInitializer: this.inits.gamma.serialize(),
      movingMeanInitializer: this.inits.movingMean.serialize(),
      movingVarianceInitializer: this.inits.movingVariance.serialize(),
    };
  }
}

registerLayer(BatchNormalization);

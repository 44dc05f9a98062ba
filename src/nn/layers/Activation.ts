import { checkSpec, optional, str } from '../../optim/checks.js';
import type { Tensor } from '../../tensor/Tensor.js';
import { type ActivationFn, activationName, getActivation } from '../activations.js';
import { type CallOptions, Layer, type LayerArgs, type LayerConfig, single } from '../engine/Layer.js';
import { registerLayer } from '../engine/registry.js';

/** Options of `Activation`. */
export interface ActivationConfig extends LayerArgs {
  /** Activation name: 'relu', 'sigmoid', 'tanh', 'softmax', …; null for linear. */
  activation: string | null;
}

/**
 * Applies an activation function element-wise (softmax: over the last axis).
 * @example new Activation({ activation: 'relu' })
 */
export class Activation extends Layer {
  static override readonly className = 'Activation';
  readonly activation: string;
  private readonly fn: ActivationFn;

  constructor(config: ActivationConfig) {
    super(config);
    checkSpec(this.where, config as unknown as Record<string, unknown>, { activation: optional(str) });
    this.activation = activationName(config.activation);
    this.fn = getActivation(this.activation, this.where);
  }

  call(inputs: Tensor | Tensor[], _options: CallOptions = {}): Tensor {
    return this.fn(single(inputs, this.where));
  }

  override getConfig(): LayerConfig {
    return { ...super.getConfig(), activation: this.activation };
  }
}

registerLayer(Activation);

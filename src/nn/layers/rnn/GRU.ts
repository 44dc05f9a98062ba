import { ConfigError } from '../../../errors/errors.js';
import { checkSpec, defined, optional, str } from '../../../optim/checks.js';
import type { Tensor } from '../../../tensor/Tensor.js';
import { activationName } from '../../activations.js';
import type { LayerConfig } from '../../engine/Layer.js';
import type { LayerWeight } from '../../engine/LayerWeight.js';
import { registerLayer } from '../../engine/registry.js';
import { Zeros } from '../../initializers/constant.js';
import { gruSequence } from './gruSequence.js';
import { type Pointwise, pointwise } from './pointwise.js';
import { type RNNConfig, RNNBase } from './RNNBase.js';

/** Options of `GRU`. */
export interface GRUConfig extends RNNConfig {
  /** Activation of the gates; default 'sigmoid'. */
  recurrentActivation?: string | null;
  /** Apply the reset gate after the recurrent product (Keras' default). Only true is supported. */
  resetAfter?: boolean;
}

/**
 * Gated recurrent unit (Cho et al., 2014) in Keras' default "reset after" form, gate order z, r, h, with an input
 * bias and a separate recurrent bias. Input [batch, timesteps, features]; output [batch, units] or, with
 * `returnSequences`, [batch, timesteps, units].
 * @throws ConfigError for `resetAfter: false`, which is not implemented.
 * @example new GRU({ units: 64 })
 */
export class GRU extends RNNBase {
  static override readonly className = 'GRU';
  protected readonly gateCount = 3;
  readonly recurrentActivation: string;
  private readonly recAct: Pointwise;
  recurrentBias: LayerWeight | null = null;

  constructor(config: GRUConfig) {
    super(config);
    const c = { recurrentActivation: 'sigmoid', resetAfter: true, ...defined(config) };
    checkSpec(this.where, c, { recurrentActivation: optional(str) });
    if (c.resetAfter !== true) {
      throw new ConfigError(
        `${this.where}: only "resetAfter": true (Keras' default) is supported; received ${String(c.resetAfter)}.`,
        {
          layer: this.name,
        },
      );
    }
    this.recurrentActivation = activationName(c.recurrentActivation);
    this.recAct = pointwise(this.recurrentActivation, this.where, 'recurrentActivation');
  }

  protected override buildExtra(): void {
    if (this.useBias) this.recurrentBias = this.addWeight('recurrentBias', [3 * this.units], this.biasInitializer);
  }

  protected recur(xp: Tensor, recurrentMask: Tensor | null): Tensor {
    const bias = this.recurrentBias?.value ?? new Zeros().generate([3 * this.units], xp.dtype);
    return gruSequence(xp, (this.recurrentKernel as LayerWeight).value, bias, {
      units: this.units,
      returnSequences: this.returnSequences,
      goBackwards: this.goBackwards,
      recurrentMask,
      activation: this.act,
      recurrentActivation: this.recAct,
    });
  }

  override getConfig(): LayerConfig {
    return { ...super.getConfig(), recurrentActivation: this.recurrentActivation, resetAfter: true };
  }
}

registerLayer(GRU);

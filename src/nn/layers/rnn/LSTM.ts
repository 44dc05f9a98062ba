import { bool, checkSpec, defined, optional, str } from '../../../optim/checks.js';
import type { TypedArray } from '../../../tensor/dtype.js';
import type { Tensor } from '../../../tensor/Tensor.js';
import { activationName } from '../../activations.js';
import type { LayerConfig } from '../../engine/Layer.js';
import type { LayerWeight } from '../../engine/LayerWeight.js';
import { registerLayer } from '../../engine/registry.js';
import { lstmSequence } from './lstmSequence.js';
import { type Pointwise, pointwise } from './pointwise.js';
import { type RNNConfig, RNNBase } from './RNNBase.js';

/** Options of `LSTM`. */
export interface LSTMConfig extends RNNConfig {
  /** Activation of the gates; default 'sigmoid'. */
  recurrentActivation?: string | null;
  /** Start the forget-gate bias at 1 (Jozefowicz et al., 2015), as Keras. Default true. */
  unitForgetBias?: boolean;
}

/**
 * Long short-term memory (Hochreiter & Schmidhuber, 1997), Keras' formulation and gate order (i, f, c, o).
 * Input [batch, timesteps, features]; output [batch, units] or, with `returnSequences`, [batch, timesteps, units]
 * (stack LSTMs by returning sequences from all but the last). All four gates come from one matmul per step, and the
 * input projection of every step from one matmul per call.
 * @example new LSTM({ units: 128, returnSequences: true, dropout: 0.2 })
 */
export class LSTM extends RNNBase {
  static override readonly className = 'LSTM';
  protected readonly gateCount = 4;
  readonly recurrentActivation: string;
  readonly unitForgetBias: boolean;
  private readonly recAct: Pointwise;

  constructor(config: LSTMConfig) {
    super(config);
    const c = { recurrentActivation: 'sigmoid', unitForgetBias: true, ...defined(config) };
    checkSpec(this.where, c, { recurrentActivation: optional(str), unitForgetBias: bool });
    this.recurrentActivation = activationName(c.recurrentActivation);
    this.recAct = pointwise(this.recurrentActivation, this.where, 'recurrentActivation');
    this.unitForgetBias = c.unitForgetBias;
  }

  protected override buildExtra(): void {
    if (this.bias && this.unitForgetBias) {
      const b = this.bias.value.data as TypedArray;
      b.fill(1, this.units, 2 * this.units);
    }
  }

  protected recur(xp: Tensor, recurrentMask: Tensor | null): Tensor {
    return lstmSequence(xp, (this.recurrentKernel as LayerWeight).value, {
      units: this.units,
      returnSequences: this.returnSequences,
      goBackwards: this.goBackwards,
      recurrentMask,
      activation: this.act,
      recurrentActivation: this.recAct,
    });
  }

  override getConfig(): LayerConfig {
    return { ...super.getConfig(), recurrentActivation: this.recurrentActivation, unitForgetBias: this.unitForgetBias };
  }
}

registerLayer(LSTM);

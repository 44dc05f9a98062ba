import { lstm } from '../../../ops/lstm.js';
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
 * (stack LSTMs by returning sequences from all but the last). With Keras' default activations (tanh, sigmoid) the
 * whole layer is the fused `lstm` op: per step one product for all four gates (on the wasm backend
 * [x_t | h]·[W; U], input projection and recurrence together) and one fused gate kernel; backward is fused the
 * same way (LSTMSequence / LSTMSequenceGrad kernels; SIMD and threads on the wasm backend). Dropout and recurrent dropout use one mask per
 * sequence, so they run fused too. Other activations take the general path: one matmul for the projection, then a
 * plain TypeScript step loop (lstmSequence.ts).
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

  protected override fused(x: Tensor, recurrentMask: Tensor | null): Tensor | null {
    // Keras' default activations: the fused `lstm` op (LSTMSequence kernels, SIMD and threads on wasm).
    if (this.activation !== 'tanh' || this.recurrentActivation !== 'sigmoid') return null;
    return lstm(
      x,
      (this.kernel as LayerWeight).value,
      (this.recurrentKernel as LayerWeight).value,
      this.bias?.value ?? null,
      { returnSequences: this.returnSequences, goBackwards: this.goBackwards, recurrentMask },
    );
  }

  protected recur(xp: Tensor, recurrentMask: Tensor | null): Tensor {
    // Other activations: the general step loop (plain TypeScript, any Pointwise activation).
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

import type { Tensor } from '../../../tensor/Tensor.js';
import type { LayerWeight } from '../../engine/LayerWeight.js';
import { registerLayer } from '../../engine/registry.js';
import { type RNNConfig, RNNBase } from './RNNBase.js';
import { simpleRnnSequence } from './simpleRnnSequence.js';

/**
 * A fully connected recurrent layer: h_t = tanh(W·x_t + U·h_{t−1} + b).
 * Input [batch, timesteps, features]; output [batch, units] or, with `returnSequences`, [batch, timesteps, units].
 * @example new SimpleRNN({ units: 32, returnSequences: true })
 */
export class SimpleRNN extends RNNBase {
  static override readonly className = 'SimpleRNN';
  protected readonly gateCount = 1;

  constructor(config: RNNConfig) {
    super(config);
  }

  protected recur(xp: Tensor, recurrentMask: Tensor | null): Tensor {
    return simpleRnnSequence(xp, (this.recurrentKernel as LayerWeight).value, {
      units: this.units,
      returnSequences: this.returnSequences,
      goBackwards: this.goBackwards,
      recurrentMask,
      activation: this.act,
    });
  }
}

registerLayer(SimpleRNN);

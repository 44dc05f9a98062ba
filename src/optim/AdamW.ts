import { defined } from './checks.js';
import { Adam, type AdamConfig } from './Adam.js';

/**
 * Adam with decoupled weight decay (Loshchilov & Hutter, 2019), as Keras' AdamW: each step first shrinks the
 * weights, `p ← p − p · weightDecay · lr`, then applies the Adam update. `weightDecay` defaults to 0.004.
 * @throws ConfigError as Adam, or for a negative weight decay.
 */
export class AdamW extends Adam {
  constructor(config: AdamConfig = {}) {
    super({ weightDecay: 0.004, ...defined(config) });
  }

  override get className(): string {
    return 'AdamW';
  }
}

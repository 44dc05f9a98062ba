import { reshape } from '../../ops/reshape.js';
import type { Tensor } from '../../tensor/Tensor.js';
import { type CallOptions, Layer, type LayerArgs, single, singleShape } from '../engine/Layer.js';
import { registerLayer } from '../engine/registry.js';
import { type Shape, knownSize } from '../engine/shape.js';

/**
 * Flattens each example: [batch, ...] → [batch, product of the rest] (a rank-1 input becomes [batch, 1]).
 * @example new Flatten()
 */
export class Flatten extends Layer {
  static override readonly className = 'Flatten';

  constructor(config: LayerArgs = {}) {
    super(config);
    this.inputSpec = { minNdim: 1 };
  }

  call(inputs: Tensor | Tensor[], _options: CallOptions = {}): Tensor {
    const x = single(inputs, this.where);
    return reshape(x, [x.shape[0] as number, -1]);
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const s = singleShape(inputShape, this.where);
    return [s[0] ?? null, knownSize(s.slice(1))];
  }
}

registerLayer(Flatten);

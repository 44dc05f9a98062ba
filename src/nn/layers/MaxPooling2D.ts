import { maxPool2d } from '../../ops/pool2d.js';
import type { Tensor } from '../../tensor/Tensor.js';
import { registerLayer } from '../engine/registry.js';
import { Pooling2D } from './Pooling2D.js';

/**
 * Maximum over each window of NHWC input.
 * @example new MaxPooling2D({ poolSize: 2 })
 */
export class MaxPooling2D extends Pooling2D {
  static override readonly className = 'MaxPooling2D';

  protected pool(x: Tensor): Tensor {
    return maxPool2d(x, this.poolOptions);
  }
}

registerLayer(MaxPooling2D);

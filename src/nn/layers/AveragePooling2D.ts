import { avgPool2d } from '../../ops/pool2d.js';
import type { Tensor } from '../../tensor/Tensor.js';
import { registerLayer } from '../engine/registry.js';
import { Pooling2D } from './Pooling2D.js';

/** Mean over each window of NHWC input (padded positions are not counted, as TensorFlow). */
export class AveragePooling2D extends Pooling2D {
  static override readonly className = 'AveragePooling2D';

  protected pool(x: Tensor): Tensor {
    return avgPool2d(x, { poolSize: this.poolSize, strides: this.strides, padding: this.padding });
  }
}

registerLayer(AveragePooling2D);

import { max, mean } from '../../ops/reduce.js';
import { bool, checkSpec, defined } from '../../optim/checks.js';
import type { Tensor } from '../../tensor/Tensor.js';
import { type CallOptions, Layer, type LayerArgs, type LayerConfig, single, singleShape } from '../engine/Layer.js';
import { registerLayer } from '../engine/registry.js';
import type { Shape } from '../engine/shape.js';
import { NHWC } from './convShape.js';

/** Options of the global pooling layers. */
export interface GlobalPooling2DConfig extends LayerArgs {
  /** Keep the spatial axes as size 1. Default false: [batch, channels]. */
  keepdims?: boolean;
}

abstract class GlobalPooling2D extends Layer {
  readonly keepdims: boolean;

  constructor(config: GlobalPooling2DConfig = {}) {
    super(config);
    const c = { keepdims: false, ...defined(config) };
    checkSpec(this.where, c, { keepdims: bool });
    this.keepdims = c.keepdims;
    this.inputSpec = { ndim: 4, layout: NHWC };
  }

  protected abstract reduce(x: Tensor): Tensor;

  call(inputs: Tensor | Tensor[], _options: CallOptions = {}): Tensor {
    return this.reduce(single(inputs, this.where));
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const s = singleShape(inputShape, this.where);
    return this.keepdims ? [s[0] ?? null, 1, 1, s[3] ?? null] : [s[0] ?? null, s[3] ?? null];
  }

  override getConfig(): LayerConfig {
    return { ...super.getConfig(), keepdims: this.keepdims };
  }
}

/** Mean over the height and width of NHWC input: [batch, h, w, c] → [batch, c]. */
export class GlobalAveragePooling2D extends GlobalPooling2D {
  static override readonly className = 'GlobalAveragePooling2D';

  protected reduce(x: Tensor): Tensor {
    return mean(x, [1, 2], { keepDims: this.keepdims });
  }
}

/** Maximum over the height and width of NHWC input: [batch, h, w, c] → [batch, c]. */
export class GlobalMaxPooling2D extends GlobalPooling2D {
  static override readonly className = 'GlobalMaxPooling2D';

  protected reduce(x: Tensor): Tensor {
    return max(x, [1, 2], { keepDims: this.keepdims });
  }
}

registerLayer(GlobalAveragePooling2D);
registerLayer(GlobalMaxPooling2D);

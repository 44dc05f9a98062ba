import { checkSpec, defined, intRange, oneOf, optional } from '../../optim/checks.js';
import { type DType, isFloat } from '../../tensor/dtype.js';
import type { Tensor } from '../../tensor/Tensor.js';
import { type CallOptions, type FloatDType, Layer, type LayerConfig, single } from '../engine/Layer.js';
import { registerLayer } from '../engine/registry.js';
import type { Shape } from '../engine/shape.js';
import { Node, SymbolicTensor } from '../engine/SymbolicTensor.js';

/** Options of `input()` / `InputLayer`. */
export interface InputConfig {
  /** Shape of one example (batch axis excluded); null for a size that varies. */
  shape: readonly (number | null)[];
  /** Fixed batch size, when known. */
  batchSize?: number | null;
  /** float32 (default), float64, or int32 (token ids for an Embedding). */
  dtype?: DType;
  name?: string;
}

/**
 * The entry point of a functional model: a layer without inputs whose output is a symbolic tensor. Use `input()`.
 */
export class InputLayer extends Layer {
  static override readonly className = 'InputLayer';
  readonly inputDType: DType;
  /** The symbolic tensor this layer feeds into the graph. */
  readonly output: SymbolicTensor;

  constructor(config: InputConfig) {
    const c = { batchSize: null, dtype: 'float32' as DType, ...defined(config) };
    const layerDType: FloatDType = isFloat(c.dtype) ? (c.dtype as FloatDType) : 'float32';
    super({ name: c.name, inputShape: c.shape, batchSize: c.batchSize, dtype: layerDType });
    checkSpec(this.where, c, { dtype: oneOf('float32', 'float64', 'int32'), batchSize: optional(intRange(1)) });
    this.inputDType = c.dtype;
    this.castInputs = false;
    const node = new Node(this, []);
    this.output = new SymbolicTensor(this.batchInputShape as Shape, this.inputDType, node, 0);
    node.outputs = [this.output];
    this.inboundNodes.push(node);
    this.built = true;
  }

  call(inputs: Tensor | Tensor[], _options: CallOptions = {}): Tensor {
    return single(inputs, this.where);
  }

  override getConfig(): LayerConfig {
    const s = this.batchInputShape as Shape;
    return { name: this.name, shape: s.slice(1), batchSize: s[0], dtype: this.inputDType };
  }
}

/**
 * A symbolic input for a functional model.
 * @example const image = input({ shape: [28, 28, 1] }); const tokens = input({ shape: [50], dtype: 'int32' });
 */
export function input(config: InputConfig): SymbolicTensor {
  return new InputLayer(config).output;
}

registerLayer(InputLayer);

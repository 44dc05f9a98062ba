import { ValueError } from '../../errors/errors.js';
import { cast } from '../../ops/cast.js';
import { gather } from '../../ops/gather.js';
import { checkSpec, defined, intRange, optional } from '../../optim/checks.js';
import type { DType } from '../../tensor/dtype.js';
import type { Tensor } from '../../tensor/Tensor.js';
import { type CallOptions, Layer, type LayerArgs, type LayerConfig, single, singleShape } from '../engine/Layer.js';
import type { LayerWeight } from '../engine/LayerWeight.js';
import { registerLayer } from '../engine/registry.js';
import type { Shape } from '../engine/shape.js';
import { type InitializerIdentifier, getInitializer } from '../initializers/getInitializer.js';
import type { Initializer } from '../initializers/Initializer.js';

/** Options of `Embedding`. */
export interface EmbeddingConfig extends LayerArgs {
  /** Vocabulary size: ids must lie in [0, inputDim). */
  inputDim: number;
  /** Size of each vector. */
  outputDim: number;
  /** Default 'uniform' (uniform in ±0.05, as Keras). */
  embeddingsInitializer?: InitializerIdentifier;
  /** Length of the input sequences, when fixed (informational). */
  inputLength?: number | null;
}

/**
 * Looks up a trainable vector per integer id: [batch, ...] ids → [batch, ..., outputDim]. Float ids are truncated
 * to integers. The gradient scatters back into the rows that were used.
 * @throws ValueError naming the layer for an id outside [0, inputDim).
 * @example new Embedding({ inputDim: 10000, outputDim: 64 })
 */
export class Embedding extends Layer {
  static override readonly className = 'Embedding';
  readonly inputDim: number;
  readonly outputDim: number;
  readonly inputLength: number | null;
  readonly embeddingsInitializer: Initializer;
  embeddings: LayerWeight | null = null;

  constructor(config: EmbeddingConfig) {
    super(config);
    const c = { embeddingsInitializer: 'uniform', inputLength: null, ...defined(config) };
    checkSpec(this.where, c, { inputDim: intRange(1), outputDim: intRange(1), inputLength: optional(intRange(1)) });
    this.inputDim = c.inputDim;
    this.outputDim = c.outputDim;
    this.inputLength = c.inputLength;
    this.embeddingsInitializer = getInitializer(c.embeddingsInitializer, this.where);
    this.castInputs = false;
  }

  override build(inputShape: Shape | Shape[]): void {
    this.embeddings = this.addWeight('embeddings', [this.inputDim, this.outputDim], this.embeddingsInitializer);
    super.build(inputShape);
  }

  call(inputs: Tensor | Tensor[], _options: CallOptions = {}): Tensor {
    const x = single(inputs, this.where);
    const ids = x.dtype === 'int32' ? x : cast(x, 'int32');
    const d = ids.data;
    for (let i = 0; i < d.length; i++) {
      const v = d[i] as number;
      if (v < 0 || v >= this.inputDim) {
        throw new ValueError(
          `${this.where}: id ${v} (at flat position ${i}) is outside the vocabulary [0, ${this.inputDim}); raise "inputDim" or map unknown tokens to a reserved id.`,
          { layer: this.name, id: v },
        );
      }
    }
    return gather((this.embeddings as LayerWeight).value, ids, 0);
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    return [...singleShape(inputShape, this.where), this.outputDim];
  }

  protected override computeOutputDType(_inputDTypes: readonly DType[]): DType {
    return this.dtype;
  }

  override getConfig(): LayerConfig {
    return {
      ...super.getConfig(),
      inputDim: this.inputDim,
      outputDim: this.outputDim,
      embeddingsInitializer: this.embeddingsInitializer.serialize(),
      inputLength: this.inputLength,
    };
  }
}

registerLayer(Embedding);

import { ConfigError } from '../../errors/errors.js';
import type { SerializedObject } from '../../optim/schedules/LearningRateSchedule.js';
import type { DType } from '../../tensor/dtype.js';
import { Tensor } from '../../tensor/Tensor.js';
import { Layer, type LayerArgs, type LayerConfig } from '../engine/Layer.js';
import { deserializeLayer, registerLayer } from '../engine/registry.js';
import type { Shape } from '../engine/shape.js';
import { SymbolicTensor } from '../engine/SymbolicTensor.js';
import { Embedding } from '../layers/Embedding.js';
import { InputLayer } from '../layers/InputLayer.js';
import type { ModelData } from './data.js';
import { Model } from './Model.js';

/** Options of `Sequential`. */
export interface SequentialArgs extends LayerArgs {
  /** The layers, first to last; the first may be an `input()` tensor fixing the input shape. */
  layers?: (Layer | SymbolicTensor)[];
}

/**
 * A plain stack of layers, each feeding the next (Keras' Sequential). The model is built as soon as the input
 * shape is known: from the first layer's `inputShape`, a leading `input()`, an explicit `build(shape)`, or the first
 * data given to fit/predict.
 * @example
 * const model = new Sequential({ layers: [
 *   new Conv2D({ filters: 32, kernelSize: 3, activation: 'relu', inputShape: [28, 28, 1] }),
 *   new MaxPooling2D({ poolSize: 2 }), new Flatten(), new Dense({ units: 10, activation: 'softmax' }),
 * ] });
 */
export class Sequential extends Model {
  static override readonly className: string = 'Sequential';
  private readonly stack: Layer[] = [];
  private entry: InputLayer | null = null;
  private last: SymbolicTensor | null = null;

  constructor(args: SequentialArgs = {}) {
    super({ name: args.name, trainable: args.trainable, dtype: args.dtype });
    for (const l of args.layers ?? []) this.add(l);
  }

  /** The layers (input layer excluded), first to last. */
  override get layers(): Layer[] {
    return [...this.stack];
  }

  /**
   * Appends a layer (or, first, an `input()` tensor) and extends the graph when the input shape is known.
   * @throws ConfigError for an input tensor after layers, or a layer with several outputs.
   */
  add(layer: Layer | SymbolicTensor): void {
    if (layer instanceof SymbolicTensor || layer instanceof InputLayer) {
      const entry = layer instanceof SymbolicTensor ? layer.sourceLayer : layer;
      if (!(entry instanceof InputLayer) || this.stack.length > 0 || this.entry !== null) {
        throw new ConfigError(`${this.where}: an input can only be the first element of a Sequential model.`, {
          model: this.name,
        });
      }
      this.entry = entry;
      this.last = entry.output;
      return;
    }
    if (!(layer instanceof Layer)) {
      throw new ConfigError(
        `${this.where}: add() expects a Layer; received ${layer === null ? 'null' : typeof layer}.`,
        { model: this.name },
      );
    }
    this.stack.push(layer);
    if (this.entry === null && this.stack.length === 1 && layer.batchInputShape) {
      const s = layer.batchInputShape;
      this.entry = new InputLayer({
        shape: s.slice(1),
        batchSize: s[0],
        dtype: layer instanceof Embedding ? 'int32' : layer.dtype,
        name: `${this.name}_input`,
      });
      this.last = this.entry.output;
    }
    if (this.last !== null) this.extend(layer);
  }

  /** Removes the last layer. @throws ConfigError when the model is empty. */
  pop(): Layer {
    const layer = this.stack.pop();
    if (!layer) throw new ConfigError(`${this.where}: pop() on an empty model.`, { model: this.name });
    if (this.entry) {
      // Re-link the remaining layers from the input (their weights are kept).
      this.last = this.entry.output;
      this.outputs = [];
      for (const l of this.stack) this.last = l.apply(this.last);
      if (this.stack.length > 0) this.initGraph([this.entry.output], [this.last], true);
    }
    return layer;
  }

  private extend(layer: Layer): void {
    const out = layer.applyMulti(this.last as SymbolicTensor);
    if (out.length !== 1) {
      throw new ConfigError(
        `${this.where}: layer ${layer.where} has ${out.length} outputs; a Sequential layer must have one. Use the functional API.`,
        {
          model: this.name,
        },
      );
    }
    this.last = out[0] as SymbolicTensor;
    this.initGraph([(this.entry as InputLayer).output], [this.last], true);
  }

  /**
   * Builds the model for inputs of `inputShape` (batch axis first, null where unknown), e.g. `build([null, 28, 28, 1])`.
   * @param dtype of the input; default int32 when the first layer is an Embedding, else the layers' float dtype.
   */
  override build(inputShape: Shape | Shape[], dtype?: DType): void {
    if (this.entry !== null) return;
    const s = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as Shape;
    const first = this.stack[0];
    const inputDType = dtype ?? (first instanceof Embedding ? 'int32' : (first?.dtype ?? 'float32'));
    this.entry = new InputLayer({
      shape: s.slice(1),
      batchSize: s[0] ?? null,
      dtype: inputDType,
      name: `${this.name}_input`,
    });
    this.last = this.entry.output;
    for (const l of this.stack) this.extend(l);
    if (this.stack.length === 0) this.built = true;
  }

  protected override ensureGraphFor(x: ModelData): void {
    if (this.graphReady) return;
    if (this.stack.length === 0)
      throw new ConfigError(`${this.where}: the model has no layers; add() some first.`, { model: this.name });
    const first = x instanceof Tensor ? x : Array.isArray(x) ? x[0] : undefined;
    if (!(first instanceof Tensor)) super.ensureGraphFor(x);
    const t = first as Tensor;
    this.build([null, ...t.shape.slice(1)], t.dtype === 'int32' ? 'int32' : undefined);
  }

  override getConfig(): LayerConfig {
    const config: LayerConfig = {
      name: this.name,
      trainable: this.trainable,
      layers: this.stack.map((l) => l.serialize()),
    };
    if (this.entry) {
      config['inputShape'] = this.entry.output.shape.slice(1);
      config['inputDType'] = this.entry.inputDType;
    }
    return config;
  }

  /** Rebuilds a Sequential model (and its graph, when the input shape was known) from `getConfig()` output. */
  static override fromConfig<T extends Layer>(this: new (config: never) => T, config: LayerConfig): T {
    const layers = (config['layers'] as SerializedObject[]).map(deserializeLayer);
    const model = new Sequential({ name: config['name'] as string, trainable: config['trainable'] as boolean, layers });
    const shape = config['inputShape'] as (number | null)[] | undefined;
    if (shape && !model.graphReady) model.build([null, ...shape], config['inputDType'] as DType);
    return model as unknown as T;
  }
}

registerLayer(Sequential);

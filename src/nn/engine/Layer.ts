import { ShapeError } from '../../errors/errors.js';
import { cast } from '../../ops/cast.js';
import { type DType, isFloat } from '../../tensor/dtype.js';
import { Tensor } from '../../tensor/Tensor.js';
import { bool, checkSpec, defined, intRange, oneOf, optional, str, type Validator } from '../../optim/checks.js';
import type { SerializedObject } from '../../optim/schedules/LearningRateSchedule.js';
import type { Initializer } from '../initializers/Initializer.js';
import { type InputSpec, checkInputSpec } from './InputSpec.js';
import { LayerWeight } from './LayerWeight.js';
import { toSnakeCase, uniqueName } from './naming.js';
import type { Shape } from './shape.js';
import { Node, SymbolicTensor } from './SymbolicTensor.js';

/** Float dtypes a layer computes in. */
export type FloatDType = 'float32' | 'float64';

/** Options every layer takes. */
export interface LayerArgs {
  /** Unique name; default the snake-cased class name plus a counter ("dense", "dense_1", …). */
  name?: string;
  /** When false the layer's weights are frozen (no gradient, no update). Default true. */
  trainable?: boolean;
  /** Dtype of the weights and computation; default float32 (float64 for gradient checks). */
  dtype?: FloatDType;
  /** Shape of one example (no batch axis); lets a Sequential model build before seeing data. */
  inputShape?: readonly (number | null)[] | null;
  /** Fixed batch size of the input, when known; default unknown. */
  batchSize?: number | null;
}

/** Options of `call` and `apply`. */
export interface CallOptions {
  /** Training mode: Dropout drops, BatchNormalization uses batch statistics. Default false. */
  training?: boolean;
}

/** A layer's `getConfig()`: the JSON-able options its constructor takes. */
export type LayerConfig = Record<string, unknown>;

const shapeValidator: Validator = (v) =>
  Array.isArray(v) && v.every((d) => d === null || (Number.isInteger(d) && d >= 0))
    ? null
    : 'an array of non-negative integers (or null for unknown sizes)';

/** The single tensor of a one-input layer. */
export function single<T>(inputs: T | T[], where: string): T {
  if (!Array.isArray(inputs)) return inputs;
  if (inputs.length !== 1) {
    throw new ShapeError(`${where}: expected 1 input, received ${inputs.length}.`, { layer: where });
  }
  return inputs[0] as T;
}

/** The one shape of a one-input layer (a list of shapes must hold exactly one). */
export function singleShape(shape: Shape | Shape[], where: string): Shape {
  if (!isShapeList(shape)) return shape as Shape;
  if (shape.length !== 1) {
    throw new ShapeError(`${where}: expected 1 input, received ${shape.length}.`, { layer: where });
  }
  return shape[0] as Shape;
}

/**
 * Base of every layer, after Keras' contract: the constructor stores and checks the configuration; `build` creates
 * the weights once the input shape is known; `call` computes; `computeOutputShape` says what comes out without
 * computing; `getConfig` returns what the constructor takes, so `fromConfig(getConfig())` rebuilds the layer.
 *
 * Use `apply` rather than `call`: it checks the input against `inputSpec` (errors name the layer), builds on first
 * use, casts float inputs to the layer's dtype and, given symbolic tensors, records a node of a functional model.
 */
export abstract class Layer {
  /** Name under which the class is saved and registered; each subclass sets its own. */
  static readonly className: string = 'Layer';

  readonly name: string;
  readonly dtype: FloatDType;
  /** `[batchSize, ...inputShape]` when the constructor was given an input shape, else null. */
  readonly batchInputShape: Shape | null;
  /** True once the weights exist. */
  built = false;
  /** What `apply` accepts; set by subclasses (often completed in `build`). */
  inputSpec: InputSpec | null = null;
  /** The functional-graph nodes where this layer was applied to symbolic tensors. */
  readonly inboundNodes: Node[] = [];
  /** Float inputs of another dtype are cast to the layer's dtype (off for layers that take integers). */
  protected castInputs = true;
  private frozen: boolean;
  private readonly ownWeights: LayerWeight[] = [];

  constructor(args: LayerArgs = {}) {
    const a = { trainable: true, dtype: 'float32', inputShape: null, batchSize: null, ...defined(args) };
    const cls = this.constructor as unknown as { className: string };
    checkSpec(cls.className, a, { name: optional(str) });
    this.name = a.name ?? uniqueName(toSnakeCase(cls.className));
    checkSpec(`${cls.className} "${this.name}"`, a, {
      trainable: bool,
      dtype: oneOf('float32', 'float64'),
      inputShape: optional(shapeValidator),
      batchSize: optional(intRange(1)),
    });
    this.frozen = !a.trainable;
    this.dtype = a.dtype as FloatDType;
    this.batchInputShape = a.inputShape === null ? null : [a.batchSize ?? null, ...a.inputShape];
  }

  /** The registered class name ("Dense"). */
  get className(): string {
    return (this.constructor as unknown as { className: string }).className;
  }

  /** How messages name this layer: `Dense "dense_2"`. */
  get where(): string {
    return `${this.className} "${this.name}"`;
  }

  /** Whether the layer trains. Setting it freezes or unfreezes every weight, sublayers included. */
  get trainable(): boolean {
    return !this.frozen;
  }

  set trainable(value: boolean) {
    this.frozen = !value;
    for (const w of this.ownWeights) w.setFrozen(this.frozen);
    for (const l of this.subLayers()) l.trainable = value;
  }

  /** Layers whose weights this layer owns (wrappers and models); none by default. */
  protected subLayers(): readonly Layer[] {
    return [];
  }

  /**
   * Creates a weight initialised by `initializer`, named `"<layer>/<name>"`.
   * @param options.trainable false for statistics such as moving averages. Default true.
   */
  protected addWeight(
    name: string,
    shape: readonly number[],
    initializer: Initializer,
    options: { trainable?: boolean; dtype?: DType } = {},
  ): LayerWeight {
    const value = initializer.generate(shape, options.dtype ?? this.dtype);
    const w = new LayerWeight(`${this.name}/${name}`, value, options.trainable ?? true);
    w.setFrozen(this.frozen);
    this.ownWeights.push(w);
    return w;
  }

  /** Trainable weights (none when the layer is frozen), own first, then sublayers'. */
  get trainableWeights(): LayerWeight[] {
    if (this.frozen) return [];
    return [...this.ownWeights.filter((w) => w.trainable), ...this.subLayers().flatMap((l) => l.trainableWeights)];
  }

  /** Weights that are not trained: statistics, and every weight of a frozen layer. */
  get nonTrainableWeights(): LayerWeight[] {
    if (this.frozen) return [...this.ownWeights, ...this.subLayers().flatMap((l) => l.weights)];
    return [...this.ownWeights.filter((w) => !w.trainable), ...this.subLayers().flatMap((l) => l.nonTrainableWeights)];
  }

  /** All weights: trainable first, then non-trainable (Keras' order, used by getWeights and saving). */
  get weights(): LayerWeight[] {
    return [...this.trainableWeights, ...this.nonTrainableWeights];
  }

  /** Copies of the weight values, in `weights` order. */
  getWeights(): Tensor[] {
    return this.weights.map((w) => w.value.clone());
  }

  /**
   * Overwrites the weight values in place, in `weights` order.
   * @throws ShapeError when the count or a shape differs.
   */
  setWeights(values: readonly Tensor[]): void {
    const ws = this.weights;
    if (values.length !== ws.length) {
      throw new ShapeError(`${this.where}: setWeights expected ${ws.length} tensors, received ${values.length}.`, {
        layer: this.name,
      });
    }
    ws.forEach((w, i) => w.assign(values[i] as Tensor));
  }

  /** Number of scalars in all weights. */
  countParams(): number {
    return this.weights.reduce((n, w) => n + w.value.size, 0);
  }

  /** Creates the weights for inputs of `inputShape`. Subclasses create theirs, then call `super.build`. */
  build(_inputShape: Shape | Shape[]): void {
    this.built = true;
  }

  /** Computes the output from concrete inputs; use `apply`, which checks and builds first. */
  abstract call(inputs: Tensor | Tensor[], options: CallOptions): Tensor | Tensor[];

  /** The output shape for inputs of `inputShape` (unknown sizes stay null). The default is the input shape. */
  computeOutputShape(inputShape: Shape | Shape[]): Shape | Shape[] {
    return inputShape;
  }

  /** The dtype of each output; the layer's dtype by default. */
  protected computeOutputDType(_inputDTypes: readonly DType[]): DType {
    return this.dtype;
  }

  /** Checks input shapes against `inputSpec`; multi-input layers override this. */
  protected checkInputShapes(shapes: readonly Shape[]): void {
    if (shapes.length !== 1) {
      throw new ShapeError(`${this.where}: expected 1 input, received ${shapes.length}.`, { layer: this.name });
    }
    if (this.inputSpec) checkInputSpec(this.where, this.inputSpec, shapes[0] as Shape);
  }

  /** Builds the layer for `inputShape` unless it is built already. */
  ensureBuilt(inputShape: Shape | Shape[]): void {
    if (!this.built) this.build(inputShape);
  }

  /** Applies the layer to symbolic tensors (building a functional model) or to concrete tensors (computing). */
  apply(inputs: SymbolicTensor | SymbolicTensor[], options?: CallOptions): SymbolicTensor;
  apply(inputs: Tensor | Tensor[], options?: CallOptions): Tensor;
  apply(
    inputs: SymbolicTensor | SymbolicTensor[] | Tensor | Tensor[],
    options: CallOptions = {},
  ): SymbolicTensor | Tensor {
    const out = this.applyMulti(inputs as Tensor[], options);
    if (out.length !== 1) {
      throw new ShapeError(`${this.where}: the layer has ${out.length} outputs; use applyMulti to get all of them.`, {
        layer: this.name,
      });
    }
    return out[0] as Tensor;
  }

  /** Like `apply`, returning every output as a list (for layers and models with several outputs). */
  applyMulti(inputs: SymbolicTensor | SymbolicTensor[], options?: CallOptions): SymbolicTensor[];
  applyMulti(inputs: Tensor | Tensor[], options?: CallOptions): Tensor[];
  applyMulti(
    inputs: SymbolicTensor | SymbolicTensor[] | Tensor | Tensor[],
    options: CallOptions = {},
  ): SymbolicTensor[] | Tensor[] {
    const list = (Array.isArray(inputs) ? inputs : [inputs]) as (SymbolicTensor | Tensor)[];
    const wasList = Array.isArray(inputs);
    if (list.length > 0 && list.every((t) => t instanceof SymbolicTensor)) {
      return this.applySymbolic(list as SymbolicTensor[], wasList);
    }
    if (!list.every((t) => t instanceof Tensor)) {
      throw new ShapeError(
        `${this.where}: inputs must all be Tensors or all SymbolicTensors (from input()); received ${list.map((t) => (t === null ? 'null' : typeof t === 'object' ? t.constructor.name : typeof t)).join(', ')}.`,
        { layer: this.name },
      );
    }
    const xs = this.prepareCall(list as Tensor[], wasList);
    const out = this.call(wasList ? xs : (xs[0] as Tensor), options);
    return Array.isArray(out) ? out : [out];
  }

  /**
   * What `apply` does to concrete inputs before `call`: casts float inputs to the layer's dtype (where
   * `castInputs`), checks their shapes against the input spec and builds the layer. For callers that compute the
   * layer's output themselves (a model fusing it with the next layer).
   * @throws ShapeError naming the layer.
   */
  protected prepareCall(inputs: Tensor[], wasList: boolean): Tensor[] {
    const xs = inputs.map((t) =>
      this.castInputs && isFloat(t.dtype) && t.dtype !== this.dtype ? cast(t, this.dtype) : t,
    );
    this.prepareShapes(
      xs.map((t) => t.shape),
      wasList,
    );
    return xs;
  }

  /** The shape part of `prepareCall`: checks input shapes against the input spec and builds the layer. */
  protected prepareShapes(shapes: Shape[], wasList: boolean): void {
    this.checkInputShapes(shapes);
    this.ensureBuilt(wasList ? shapes : (shapes[0] as Shape));
  }

  private applySymbolic(inputs: SymbolicTensor[], wasList: boolean): SymbolicTensor[] {
    const shapes = inputs.map((t) => t.shape);
    this.checkInputShapes(shapes);
    const shapeArg = wasList ? shapes : (shapes[0] as Shape);
    this.ensureBuilt(shapeArg);
    const outShape = this.computeOutputShape(shapeArg);
    const outShapes = (isShapeList(outShape) ? outShape : [outShape]) as Shape[];
    const dtype = this.computeOutputDType(inputs.map((t) => t.dtype));
    const node = new Node(this, inputs, wasList);
    node.outputs = outShapes.map((s, i) => new SymbolicTensor(s, dtype, node, i));
    this.inboundNodes.push(node);
    return node.outputs;
  }

  /** The options the constructor takes (JSON-able); subclasses add theirs to `super.getConfig()`. */
  getConfig(): LayerConfig {
    const config: LayerConfig = { name: this.name, trainable: this.trainable, dtype: this.dtype };
    if (this.batchInputShape) {
      config['inputShape'] = this.batchInputShape.slice(1);
      if (this.batchInputShape[0] !== null) config['batchSize'] = this.batchInputShape[0];
    }
    return config;
  }

  /** `{ className, config }`, the form saved in model.json. */
  serialize(): SerializedObject {
    return { className: this.className, config: this.getConfig() };
  }

  /** Rebuilds a layer from `getConfig()` output. */
  static fromConfig<T extends Layer>(this: new (config: never) => T, config: LayerConfig): T {
    return new this(config as never);
  }

  toString(): string {
    return `${this.where}${this.built ? '' : ' (not built)'}`;
  }
}

/** True when `s` is a list of shapes rather than one shape. */
export function isShapeList(s: Shape | Shape[]): s is Shape[] {
  return s.length > 0 && Array.isArray(s[0]);
}

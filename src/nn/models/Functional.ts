import { envVar } from '../../backend/wasm/environment.js';
import { ConfigError, ShapeError } from '../../errors/errors.js';
import { cast } from '../../ops/cast.js';
import type { SerializedObject } from '../../optim/schedules/LearningRateSchedule.js';
import type { Tensor } from '../../tensor/Tensor.js';
import { type CallOptions, Layer, type LayerArgs, type LayerConfig, isShapeList } from '../engine/Layer.js';
import { deserializeLayer } from '../engine/registry.js';
import { type Shape, formatDims, shapesCompatible } from '../engine/shape.js';
import type { Node, SymbolicTensor } from '../engine/SymbolicTensor.js';
import { Conv2D } from '../layers/Conv2D.js';
import { InputLayer } from '../layers/InputLayer.js';
import type { MaxPooling2D } from '../layers/MaxPooling2D.js';

/** Options of a functional model. */
export interface FunctionalArgs extends LayerArgs {
  /** The model's inputs, from `input()`. */
  inputs?: SymbolicTensor | SymbolicTensor[];
  /** Tensors computed from the inputs by applying layers. */
  outputs?: SymbolicTensor | SymbolicTensor[];
}

/** A reference to a symbolic tensor in a saved graph: [layer name, node index within the model, output index]. */
type TensorRef = [string, number, number];

/** One node of a saved graph. */
interface NodeConfig {
  layer: string;
  inputs: TensorRef[];
  asList: boolean;
}

function toList<T>(x: T | T[] | undefined): T[] {
  return x === undefined ? [] : Array.isArray(x) ? x : [x];
}

/** Layer nodes a model runs as one fused op: each Conv2D node (key) with the MaxPooling2D node that consumes it. */
interface FusionPlan {
  nodes: readonly Node[];
  pools: Map<Node, Node>;
  skipped: Set<Node>;
}

/** Whether models fuse layers (LSML_FUSE_LAYERS=0 turns it off, e.g. to compare against the unfused graph). */
function fuseLayers(): boolean {
  return envVar('LSML_FUSE_LAYERS') !== '0';
}

/**
 * Finds the Conv2D nodes whose output only a MaxPooling2D node reads (and that is no model output), so the two run
 * as one op (conv2dBiasActivationMaxPool) and the convolution's output stays inside the backend.
 */
function planFusion(nodes: readonly Node[], outputs: readonly SymbolicTensor[]): FusionPlan {
  const readers = new Map<SymbolicTensor, Node[]>();
  for (const node of nodes) for (const t of node.inputs) readers.set(t, [...(readers.get(t) ?? []), node]);
  const plan: FusionPlan = { nodes, pools: new Map(), skipped: new Set() };
  for (const node of nodes) {
    const conv = node.layer;
    const out = node.outputs[0];
    if (!(conv instanceof Conv2D) || node.asList || node.outputs.length !== 1 || !out || outputs.includes(out))
      continue;
    const [next, ...others] = readers.get(out) ?? [];
    if (!next || others.length > 0 || next.asList || next.inputs.length !== 1 || next.outputs.length !== 1) continue;
    if (!conv.fusesWith(next.layer as Layer)) continue;
    plan.pools.set(node, next);
    plan.skipped.add(next);
  }
  return plan;
}

/**
 * A directed acyclic graph of layers from symbolic inputs to outputs (Keras' functional API): several inputs and
 * outputs, shared layers, merges. Calling it runs the layers in topological order. It is itself a Layer, so a model
 * can be used inside another model.
 */
export class Functional extends Layer {
  static override readonly className: string = 'Functional';
  inputs: SymbolicTensor[] = [];
  outputs: SymbolicTensor[] = [];
  /** The model's nodes in execution order (input nodes excluded). */
  protected nodes: Node[] = [];
  /** Every layer of the graph, input layers first, in execution order, each once. */
  protected graphLayers: Layer[] = [];
  /** Was `outputs` a single tensor (so call returns a Tensor rather than a list)? */
  protected singleOutput = true;
  /** Layer fusion for `nodes` (recomputed when the graph changes). */
  private fusion: FusionPlan | null = null;

  constructor(args: FunctionalArgs = {}) {
    super({ name: args.name, trainable: args.trainable, dtype: args.dtype });
    this.castInputs = false;
    if (args.inputs !== undefined || args.outputs !== undefined) {
      this.initGraph(toList(args.inputs), toList(args.outputs), !Array.isArray(args.outputs));
    }
  }

  /** True once inputs and outputs are set. */
  get graphReady(): boolean {
    return this.outputs.length > 0;
  }

  /** Finds the nodes between `inputs` and `outputs` and orders them. */
  protected initGraph(inputs: SymbolicTensor[], outputs: SymbolicTensor[], singleOutput: boolean): void {
    if (inputs.length === 0 || outputs.length === 0) {
      throw new ConfigError(`${this.where}: a model needs at least one input and one output.`, { model: this.name });
    }
    inputs.forEach((t, i) => {
      if (!(t.sourceLayer instanceof InputLayer)) {
        throw new ConfigError(
          `${this.where}: inputs[${i}] must come from input(); it comes from ${t.sourceLayer.where}.`,
          {
            model: this.name,
          },
        );
      }
    });
    const order: Node[] = [];
    const seen = new Set<Node>();
    const visit = (node: Node, from: string): void => {
      if (seen.has(node)) return;
      seen.add(node);
      if (node.layer instanceof InputLayer) {
        if (!inputs.includes(node.outputs[0] as SymbolicTensor)) {
          throw new ConfigError(
            `${this.where}: output ${JSON.stringify(from)} depends on input "${node.layer.name}", which is not in "inputs".`,
            { model: this.name, input: node.layer.name },
          );
        }
        return;
      }
      for (const t of node.inputs) visit(t.node, from);
      order.push(node);
    };
    for (const out of outputs) visit(out.node, out.sourceLayer.name);
    const layers: Layer[] = inputs.map((t) => t.sourceLayer as Layer);
    for (const n of order) if (!layers.includes(n.layer as Layer)) layers.push(n.layer as Layer);
    const names = new Set<string>();
    for (const l of layers) {
      if (names.has(l.name)) {
        throw new ConfigError(
          `${this.where}: two layers are named "${l.name}"; layer names must be unique within a model.`,
          {
            model: this.name,
            layer: l.name,
          },
        );
      }
      names.add(l.name);
    }
    this.inputs = inputs;
    this.outputs = outputs;
    this.nodes = order;
    this.graphLayers = layers;
    this.singleOutput = singleOutput && outputs.length === 1;
    this.built = true;
  }

  /** Every layer, input layers included, in execution order. */
  get layers(): Layer[] {
    return [...this.graphLayers];
  }

  /** The layer called `name`. @throws ConfigError naming the known layers. */
  getLayer(name: string): Layer {
    const layer = this.graphLayers.find((l) => l.name === name);
    if (!layer) {
      throw new ConfigError(
        `${this.where}: no layer named "${name}"; layers: ${this.graphLayers.map((l) => l.name).join(', ')}.`,
        {
          model: this.name,
        },
      );
    }
    return layer;
  }

  /** Input layer names, in input order. */
  get inputNames(): string[] {
    return this.inputs.map((t) => t.sourceLayer.name);
  }

  /** Output names (the producing layers' names), in output order. */
  get outputNames(): string[] {
    return this.outputs.map((t) => t.sourceLayer.name);
  }

  protected override subLayers(): readonly Layer[] {
    return this.graphLayers;
  }

  protected override checkInputShapes(shapes: readonly Shape[]): void {
    if (shapes.length !== this.inputs.length) {
      throw new ShapeError(
        `${this.where}: expected ${this.inputs.length} input${this.inputs.length === 1 ? '' : 's'} (${this.inputNames.join(', ')}), received ${shapes.length}.`,
        { model: this.name },
      );
    }
    shapes.forEach((s, i) => {
      const expected = (this.inputs[i] as SymbolicTensor).shape;
      if (!shapesCompatible(expected, s)) {
        throw new ShapeError(
          `${this.where}: input "${this.inputNames[i]}" expects shape ${formatDims(expected)}, received shape ${formatDims(s)}.`,
          { model: this.name, input: this.inputNames[i] },
        );
      }
    });
  }

  /** Runs the graph on concrete inputs (in `inputs` order); returns a Tensor for one output, else a list. */
  call(inputs: Tensor | Tensor[], options: CallOptions = {}): Tensor | Tensor[] {
    const xs = toList(inputs);
    const values = new Map<SymbolicTensor, Tensor>();
    this.inputs.forEach((s, i) => {
      const x = xs[i] as Tensor;
      values.set(s, x.dtype === s.dtype ? x : cast(x, s.dtype));
    });
    const plan = fuseLayers() ? this.fusionPlan() : null;
    for (const node of this.nodes) {
      if (plan?.skipped.has(node)) continue; // computed with the convolution before it
      const pool = plan?.pools.get(node);
      if (pool) {
        const x = values.get(node.inputs[0] as SymbolicTensor) as Tensor;
        values.set(
          pool.outputs[0] as SymbolicTensor,
          (node.layer as Conv2D).applyPooled(x, pool.layer as MaxPooling2D, options),
        );
        continue;
      }
      const ins = node.inputs.map((s) => values.get(s) as Tensor);
      const outs = (node.layer as Layer).applyMulti(node.asList ? ins : (ins[0] as Tensor), options);
      node.outputs.forEach((s, i) => values.set(s, outs[i] as Tensor));
    }
    const outs = this.outputs.map((s) => values.get(s) as Tensor);
    return this.singleOutput ? (outs[0] as Tensor) : outs;
  }

  /** The fusion plan of the current graph, made once per graph (Sequential rebuilds the graph as layers are added). */
  private fusionPlan(): FusionPlan {
    if (this.fusion?.nodes !== this.nodes) this.fusion = planFusion(this.nodes, this.outputs);
    return this.fusion;
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape | Shape[] {
    const first = isShapeList(inputShape) ? inputShape[0] : inputShape;
    const batch = first?.[0] ?? null;
    const shapes = this.outputs.map((o) => [batch, ...o.shape.slice(1)]);
    return this.singleOutput ? (shapes[0] as Shape) : shapes;
  }

  /** Nodes of `layer` that belong to this model, in execution order (their index is the saved node index). */
  protected nodesOf(layer: Layer): Node[] {
    if (layer instanceof InputLayer) return [layer.inboundNodes[0] as Node];
    return this.nodes.filter((n) => n.layer === layer);
  }

  private ref(t: SymbolicTensor): TensorRef {
    return [t.sourceLayer.name, this.nodesOf(t.sourceLayer as Layer).indexOf(t.node), t.index];
  }

  /** The graph: layers, nodes in execution order, inputs and outputs. */
  override getConfig(): LayerConfig {
    return {
      name: this.name,
      trainable: this.trainable,
      layers: this.graphLayers.map((l) => l.serialize()),
      nodes: this.nodes.map((n): NodeConfig => ({
        layer: n.layer.name,
        inputs: n.inputs.map((t) => this.ref(t)),
        asList: n.asList,
      })),
      inputs: this.inputs.map((t) => this.ref(t)),
      outputs: this.outputs.map((t) => this.ref(t)),
      singleOutput: this.singleOutput,
    };
  }

  /**
   * Rebuilds a graph model from `getConfig()` output: deserialises the layers, replays the nodes in order (which
   * builds the layers with fresh weights) and connects inputs and outputs.
   * @throws ConfigError when the graph references an unknown layer or node.
   */
  static override fromConfig<T extends Layer>(this: new (config: never) => T, config: LayerConfig): T {
    const layers = new Map<string, Layer>();
    for (const s of config['layers'] as SerializedObject[]) {
      const layer = deserializeLayer(s);
      layers.set(layer.name, layer);
    }
    const produced = new Map<string, SymbolicTensor>();
    const nodeCount = new Map<string, number>();
    const key = (r: TensorRef): string => r.join(':');
    for (const l of layers.values()) if (l instanceof InputLayer) produced.set(key([l.name, 0, 0]), l.output);
    const lookup = (r: TensorRef): SymbolicTensor => {
      const t = produced.get(key(r));
      if (!t)
        throw new ConfigError(`fromConfig: the saved graph references an unknown tensor ${JSON.stringify(r)}.`, {
          ref: r,
        });
      return t;
    };
    for (const n of config['nodes'] as NodeConfig[]) {
      const layer = layers.get(n.layer);
      if (!layer)
        throw new ConfigError(`fromConfig: the saved graph references an unknown layer "${n.layer}".`, {
          layer: n.layer,
        });
      const ins = n.inputs.map(lookup);
      const outs = layer.applyMulti(n.asList ? ins : (ins[0] as SymbolicTensor));
      const index = nodeCount.get(n.layer) ?? 0;
      nodeCount.set(n.layer, index + 1);
      outs.forEach((o, i) => produced.set(key([n.layer, index, i]), o));
    }
    const outputs = (config['outputs'] as TensorRef[]).map(lookup);
    return new this({
      name: config['name'],
      trainable: config['trainable'],
      inputs: (config['inputs'] as TensorRef[]).map(lookup),
      outputs: config['singleOutput'] === false ? outputs : outputs.length === 1 ? outputs[0] : outputs,
    } as never);
  }
}

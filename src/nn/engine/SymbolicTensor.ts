import type { DType } from '../../tensor/dtype.js';
import { type Shape, formatDims } from './shape.js';

/**
 * What the graph classes need of a layer. `Layer` implements it; keeping this file free of a Layer import avoids an
 * import cycle (Layer creates nodes). Code that needs the full Layer casts `node.layer as Layer`.
 */
export interface GraphLayer {
  readonly name: string;
  readonly where: string;
}

/**
 * One application of a layer in a functional graph: the symbolic tensors that went in and came out.
 * A layer applied twice (shared weights) has two nodes.
 */
export class Node {
  readonly layer: GraphLayer;
  readonly inputs: readonly SymbolicTensor[];
  /** The layer was given a list (a merge layer), not a single tensor. */
  readonly asList: boolean;
  outputs: SymbolicTensor[] = [];

  constructor(layer: GraphLayer, inputs: readonly SymbolicTensor[], asList = false) {
    this.layer = layer;
    this.inputs = inputs;
    this.asList = asList;
  }
}

/**
 * A placeholder for a tensor in a functional model: its shape (null for unknown dimensions, the batch first) and
 * dtype, and the node that produces it. Made by `input()` and by applying layers to symbolic tensors.
 */
export class SymbolicTensor {
  readonly shape: Shape;
  readonly dtype: DType;
  readonly node: Node;
  /** Position among the node's outputs. */
  readonly index: number;

  constructor(shape: Shape, dtype: DType, node: Node, index: number) {
    this.shape = Object.freeze([...shape]);
    this.dtype = dtype;
    this.node = node;
    this.index = index;
  }

  /** The layer that produces this tensor. */
  get sourceLayer(): GraphLayer {
    return this.node.layer;
  }

  /** Rank, batch axis included. */
  get rank(): number {
    return this.shape.length;
  }

  toString(): string {
    return `SymbolicTensor(${this.dtype}, ${formatDims(this.shape)}, from "${this.node.layer.name}")`;
  }
}

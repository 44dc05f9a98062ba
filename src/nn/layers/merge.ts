import { ShapeError } from '../../errors/errors.js';
import { add, div, maximum, mul, sub } from '../../ops/binary.js';
import { concat } from '../../ops/concat.js';
import { checkSpec, defined, intRange } from '../../optim/checks.js';
import type { Tensor } from '../../tensor/Tensor.js';
import { type CallOptions, Layer, type LayerArgs, type LayerConfig } from '../engine/Layer.js';
import { registerLayer } from '../engine/registry.js';
import { type Shape, formatDims, shapesCompatible } from '../engine/shape.js';

function toList<T>(x: T | T[]): T[] {
  return Array.isArray(x) ? x : [x];
}

/** Shared body of the element-wise merge layers: two or more inputs of one shape in, one out. */
abstract class ElementwiseMerge extends Layer {
  protected abstract combine(xs: Tensor[]): Tensor;

  protected override checkInputShapes(shapes: readonly Shape[]): void {
    if (shapes.length < 2) {
      throw new ShapeError(`${this.where}: expected a list of at least 2 inputs, received ${shapes.length}.`, {
        layer: this.name,
      });
    }
    const first = shapes[0] as Shape;
    shapes.forEach((s, i) => {
      if (!shapesCompatible(first, s)) {
        throw new ShapeError(
          `${this.where}: all inputs must have the same shape; input ${i} has shape ${formatDims(s)}, input 0 has ${formatDims(first)}.`,
          { layer: this.name },
        );
      }
    });
  }

  call(inputs: Tensor | Tensor[], _options: CallOptions = {}): Tensor {
    return this.combine(toList(inputs));
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const shapes = inputShape as Shape[];
    return (shapes[0] as Shape).map((d, i) => d ?? shapes.find((s) => s[i] !== null)?.[i] ?? null);
  }
}

/** Element-wise sum of its inputs (a residual connection). */
export class Add extends ElementwiseMerge {
  static override readonly className = 'Add';
  protected combine(xs: Tensor[]): Tensor {
    return xs.slice(1).reduce((a, b) => add(a, b), xs[0] as Tensor);
  }
}

/** First input minus the second. */
export class Subtract extends ElementwiseMerge {
  static override readonly className = 'Subtract';
  protected override checkInputShapes(shapes: readonly Shape[]): void {
    if (shapes.length !== 2) {
      throw new ShapeError(`${this.where}: expected exactly 2 inputs, received ${shapes.length}.`, {
        layer: this.name,
      });
    }
    super.checkInputShapes(shapes);
  }
  protected combine(xs: Tensor[]): Tensor {
    return sub(xs[0] as Tensor, xs[1] as Tensor);
  }
}

/** Element-wise product of its inputs. */
export class Multiply extends ElementwiseMerge {
  static override readonly className = 'Multiply';
  protected combine(xs: Tensor[]): Tensor {
    return xs.slice(1).reduce((a, b) => mul(a, b), xs[0] as Tensor);
  }
}

/** Element-wise mean of its inputs. */
export class Average extends ElementwiseMerge {
  static override readonly className = 'Average';
  protected combine(xs: Tensor[]): Tensor {
    return div(
      xs.slice(1).reduce((a, b) => add(a, b), xs[0] as Tensor),
      xs.length,
    );
  }
}

/** Element-wise maximum of its inputs. */
export class Maximum extends ElementwiseMerge {
  static override readonly className = 'Maximum';
  protected combine(xs: Tensor[]): Tensor {
    return xs.slice(1).reduce((a, b) => maximum(a, b), xs[0] as Tensor);
  }
}

/** Options of `Concatenate`. */
export interface ConcatenateConfig extends LayerArgs {
  /** Axis to join along; default -1 (features). */
  axis?: number;
}

/**
 * Joins its inputs along `axis`; every other dimension must agree. Use it to merge branches of a functional
 * model, e.g. image features and text features.
 */
export class Concatenate extends Layer {
  static override readonly className = 'Concatenate';
  readonly axis: number;

  constructor(config: ConcatenateConfig = {}) {
    super(config);
    const c = { axis: -1, ...defined(config) };
    checkSpec(this.where, c, { axis: intRange(-Infinity, Infinity, '()') });
    this.axis = c.axis;
  }

  private resolveAxis(rank: number): number {
    const a = this.axis < 0 ? this.axis + rank : this.axis;
    if (a < 1 || a >= rank) {
      throw new ShapeError(
        `${this.where}: axis ${this.axis} is invalid for inputs of rank ${rank} (the batch axis cannot be joined).`,
        {
          layer: this.name,
        },
      );
    }
    return a;
  }

  protected override checkInputShapes(shapes: readonly Shape[]): void {
    if (shapes.length < 2) {
      throw new ShapeError(`${this.where}: expected a list of at least 2 inputs, received ${shapes.length}.`, {
        layer: this.name,
      });
    }
    const first = shapes[0] as Shape;
    const a = this.resolveAxis(first.length);
    shapes.forEach((s, i) => {
      const ok =
        s.length === first.length && s.every((d, k) => k === a || d === null || first[k] === null || d === first[k]);
      if (!ok) {
        throw new ShapeError(
          `${this.where}: inputs must match except on axis ${a}; input ${i} has shape ${formatDims(s)}, input 0 has ${formatDims(first)}.`,
          { layer: this.name },
        );
      }
    });
  }

  call(inputs: Tensor | Tensor[], _options: CallOptions = {}): Tensor {
    const xs = toList(inputs);
    return concat(xs, this.resolveAxis((xs[0] as Tensor).rank));
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const shapes = inputShape as Shape[];
    const first = shapes[0] as Shape;
    const a = this.resolveAxis(first.length);
    return first.map((d, k) => {
      if (k !== a) return d ?? shapes.find((s) => s[k] !== null)?.[k] ?? null;
      return shapes.some((s) => s[k] === null) ? null : shapes.reduce((n, s) => n + (s[k] as number), 0);
    });
  }

  override getConfig(): LayerConfig {
    return { ...super.getConfig(), axis: this.axis };
  }
}

registerLayer(Add);
registerLayer(Subtract);
registerLayer(Multiply);
registerLayer(Average);
registerLayer(Maximum);
registerLayer(Concatenate);

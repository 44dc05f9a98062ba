import { ShapeError } from '../../errors/errors.js';
import { shapesEqual } from '../../tensor/shape.js';
import type { Tensor } from '../../tensor/Tensor.js';
import type { TypedArray } from '../../tensor/dtype.js';
import { formatShape } from '../../util/format.js';

/**
 * One weight of a layer: a named leaf tensor. Trainable weights require grad (so `backward` fills their
 * `grad`); non-trainable ones (BatchNormalization's moving statistics) do not. Optimizers and `setWeights`
 * overwrite `value.data` in place, so the tensor object never changes.
 */
export class LayerWeight {
  /** `"<layer name>/<weight name>"`, e.g. "dense_1/kernel". */
  readonly name: string;
  readonly value: Tensor;
  private ownTrainable: boolean;

  constructor(name: string, value: Tensor, trainable: boolean) {
    this.name = name;
    this.value = value;
    this.ownTrainable = trainable;
    value.requiresGrad = trainable;
  }

  /** Whether the weight is trained (the layer may still be frozen; see `setFrozen`). */
  get trainable(): boolean {
    return this.ownTrainable;
  }

  /** Called by the layer when it is frozen or unfrozen: a frozen weight gets no gradient. */
  setFrozen(frozen: boolean): void {
    this.value.requiresGrad = this.ownTrainable && !frozen;
  }

  /**
   * Copies `values` into the weight in place.
   * @throws ShapeError when the shape differs.
   */
  assign(values: Tensor | TypedArray): void {
    if (!ArrayBuffer.isView(values) && !shapesEqual(values.shape, this.value.shape)) {
      throw new ShapeError(
        `setWeights: weight "${this.name}" has shape ${formatShape(this.value.shape)}; received ${formatShape(values.shape)}.`,
        { weight: this.name },
      );
    }
    const data = ArrayBuffer.isView(values) ? values : values.data;
    if (data.length !== this.value.size) {
      throw new ShapeError(
        `setWeights: weight "${this.name}" holds ${this.value.size} values; received ${data.length}.`,
        { weight: this.name },
      );
    }
    this.value.data.set(data);
  }
}

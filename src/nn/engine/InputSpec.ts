import { ShapeError } from '../../errors/errors.js';
import { type Shape, formatDims } from './shape.js';

/**
 * What a layer accepts (Keras' `InputSpec`): a rank or rank range and fixed sizes of some axes. Checked before
 * every call, so a wrong input fails with the layer's name instead of deep inside an op.
 */
export interface InputSpec {
  /** Exact rank, batch axis included. */
  ndim?: number;
  minNdim?: number;
  maxNdim?: number;
  /** Required sizes by axis (negative counts from the end). */
  axes?: Readonly<Record<number, number>>;
  /** How the expected layout reads, e.g. "[batch, height, width, channels]". */
  layout?: string;
}

function axisName(axis: number): string {
  return axis === -1 ? 'last dimension' : `dimension on axis ${axis}`;
}

/**
 * Throws a ShapeError naming the layer when `shape` breaks `spec`. Unknown (null) dimensions pass.
 * @param where e.g. `Dense "dense_2"`; `input` names the input of a multi-input layer.
 * @example `Dense "dense_2": expected last dimension 3, received shape [32, 4].`
 */
export function checkInputSpec(where: string, spec: InputSpec, shape: Shape, input?: string): void {
  const of = input === undefined ? '' : ` (${input})`;
  const layout = spec.layout ? ` ${spec.layout}` : '';
  const fail = (expected: string): never => {
    throw new ShapeError(`${where}: expected ${expected}${of}, received shape ${formatDims(shape)}.`, {
      layer: where,
      shape: [...shape],
    });
  };
  const rank = shape.length;
  if (spec.ndim !== undefined && rank !== spec.ndim) fail(`input of rank ${spec.ndim}${layout}`);
  if (spec.minNdim !== undefined && rank < spec.minNdim) fail(`input of rank >= ${spec.minNdim}${layout}`);
  if (spec.maxNdim !== undefined && rank > spec.maxNdim) fail(`input of rank <= ${spec.maxNdim}${layout}`);
  for (const [key, size] of Object.entries(spec.axes ?? {})) {
    const axis = Number(key);
    const d = shape[axis < 0 ? rank + axis : axis];
    if (d === undefined) fail(`input with a ${axisName(axis)}`);
    if (d !== null && d !== size) fail(axis === -1 ? `last dimension ${size}` : `dimension ${size} on axis ${axis}`);
  }
}

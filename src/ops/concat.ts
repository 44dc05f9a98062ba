import { record } from '../autograd/tape.js';
import { getKernel } from '../backend/registry.js';
import { DTypeError, ShapeError, ValueError } from '../errors/errors.js';
import { normalizeAxis } from '../tensor/shape.js';
import type { Tensor } from '../tensor/Tensor.js';
import { formatShape } from '../util/format.js';
import { checkTensor } from './operands.js';
import { expandDims } from './reshape.js';
import { slice } from './slice.js';

/**
 * Joins tensors along an existing `axis` (default 0). All must share dtype, rank and every other dimension.
 * @throws ShapeError naming the first tensor that does not fit.
 */
export function concat(xs: readonly Tensor[], axis = 0): Tensor {
  if (!Array.isArray(xs as unknown) || xs.length === 0) {
    throw new ValueError('concat: expected a non-empty array of tensors.', { op: 'concat' });
  }
  xs.forEach((x, i) => checkTensor(x, 'concat', `xs[${i}]`));
  const first = xs[0] as Tensor;
  const a = normalizeAxis(axis, first.rank, 'concat');
  xs.forEach((x, i) => {
    if (x.dtype !== first.dtype) {
      throw new DTypeError(`concat: xs[${i}] is ${x.dtype} but xs[0] is ${first.dtype}.`, { op: 'concat', index: i });
    }
    if (x.rank !== first.rank || x.shape.some((d, k) => k !== a && d !== first.shape[k])) {
      throw new ShapeError(
        `concat: xs[${i}] has shape ${formatShape(x.shape)}, which does not match xs[0] ${formatShape(first.shape)} outside axis ${a}.`,
        { op: 'concat', index: i, shape: [...x.shape], expected: [...first.shape] },
      );
    }
  });
  const out = getKernel('Concat')(xs, a);
  return record(out, 'concat', xs, (g) => {
    let start = 0;
    return xs.map((x) => {
      const begin = x.shape.map((_, k) => (k === a ? start : 0));
      start += x.shape[a] as number;
      return getKernel('Slice')(g, begin, x.shape);
    });
  });
}

/** Joins same-shaped tensors along a new `axis` (default 0). */
export function stack(xs: readonly Tensor[], axis = 0): Tensor {
  if (!Array.isArray(xs as unknown) || xs.length === 0) {
    throw new ValueError('stack: expected a non-empty array of tensors.', { op: 'stack' });
  }
  xs.forEach((x, i) => {
    checkTensor(x, 'stack', `xs[${i}]`);
    const first = xs[0] as Tensor;
    if (x.rank !== first.rank || x.shape.some((d, k) => d !== first.shape[k])) {
      throw new ShapeError(
        `stack: xs[${i}] has shape ${formatShape(x.shape)} but xs[0] has ${formatShape(first.shape)}; all must match.`,
        {
          op: 'stack',
          index: i,
        },
      );
    }
  });
  return concat(
    xs.map((x) => expandDims(x, axis)),
    axis,
  );
}

/**
 * Splits `x` along `axis` into `sections` equal parts, or into parts of the listed sizes (one may be -1).
 * @throws ValueError when the parts do not add up to the axis size.
 */
export function split(x: Tensor, sections: number | readonly number[], axis = 0): Tensor[] {
  checkTensor(x, 'split');
  const a = normalizeAxis(axis, x.rank, 'split');
  const n = x.shape[a] as number;
  let sizes: number[];
  if (typeof sections === 'number') {
    if (!Number.isInteger(sections) || sections <= 0 || n % sections !== 0) {
      throw new ValueError(`split: axis ${a} of size ${n} cannot be split into ${sections} equal parts.`, {
        op: 'split',
        sections,
        size: n,
      });
    }
    sizes = new Array<number>(sections).fill(n / sections);
  } else {
    sizes = [...sections];
    const unknown = sizes.indexOf(-1);
    if (unknown >= 0) sizes[unknown] = n - sizes.reduce((s, v, i) => (i === unknown ? s : s + v), 0);
    if (sizes.some((s) => !Number.isInteger(s) || s < 0) || sizes.reduce((s, v) => s + v, 0) !== n) {
      throw new ValueError(`split: sizes ${JSON.stringify(sections)} do not add up to ${n}, the size of axis ${a}.`, {
        op: 'split',
        sections,
        size: n,
      });
    }
  }
  let start = 0;
  return sizes.map((s) => {
    const begin = x.shape.map((_, k) => (k === a ? start : 0));
    const size = x.shape.map((d, k) => (k === a ? s : d));
    start += s;
    return slice(x, begin, size);
  });
}

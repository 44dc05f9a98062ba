import { record } from '../autograd/tape.js';
import { getKernel } from '../backend/registry.js';
import { ValueError } from '../errors/errors.js';
import type { Tensor } from '../tensor/Tensor.js';
import { formatShape } from '../util/format.js';
import { checkTensor } from './operands.js';

/**
 * A contiguous block of `x`: `size[d]` elements from `begin[d]` along each axis. Missing trailing axes are taken
 * whole; a size of -1 means "to the end". Negative begins count from the end.
 * @throws ValueError when the block does not lie inside `x`.
 */
export function slice(x: Tensor, begin: number | readonly number[], size?: number | readonly number[]): Tensor {
  checkTensor(x, 'slice');
  const b0 = typeof begin === 'number' ? [begin] : [...begin];
  const s0 = size === undefined ? [] : typeof size === 'number' ? [size] : [...size];
  const b = x.shape.map((d, i) => {
    const v = b0[i] ?? 0;
    return v < 0 ? v + d : v;
  });
  const s = x.shape.map((d, i) => {
    const v = s0[i] ?? -1;
    return v === -1 ? d - (b[i] as number) : v;
  });
  x.shape.forEach((d, i) => {
    const bi = b[i] as number;
    const si = s[i] as number;
    if (!Number.isInteger(bi) || !Number.isInteger(si) || bi < 0 || si < 0 || bi + si > d) {
      throw new ValueError(
        `slice: begin ${JSON.stringify(b0)} with size ${JSON.stringify(s0)} does not fit shape ${formatShape(x.shape)} (axis ${i}: begin ${bi}, size ${si}, dimension ${d}).`,
        { op: 'slice', begin: b0, size: s0, shape: [...x.shape] },
      );
    }
  });
  const paddings = x.shape.map((d, i) => [b[i] as number, d - (b[i] as number) - (s[i] as number)] as [number, number]);
  return record(getKernel('Slice')(x, b, s), 'slice', [x], (g) => [getKernel('Pad')(g, paddings, 0)]);
}

import { ValueError } from '../../errors/errors.js';
import { readTarget } from './input.js';
import { targetType } from './targetType.js';
import type { Label, LabelInput } from './types.js';

/**
 * Reads `yTrue` of a score-based binary metric as a label vector.
 * @throws ValueError for matrices (multi-label targets are not supported there)
 */
export function checkTargetVector(fn: string, yTrue: LabelInput, arg = 'yTrue'): Label[] {
  const t = readTarget(fn, arg, yTrue);
  if (t.kind !== 'labels') {
    throw new ValueError(`${fn}: ${targetType(t)} "${arg}" is not supported; pass one label per sample.`, { fn });
  }
  return t.values as Label[];
}

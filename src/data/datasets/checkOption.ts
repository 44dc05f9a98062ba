import { ValueError } from '../../errors/errors.js';

/**
 * Checks that `value` is a number in [min, max] (an integer when `integer`), naming the generator.
 * @throws ValueError with the expected range and the value received.
 */
export function checkNumber(
  where: string,
  name: string,
  value: number,
  min: number,
  max = Infinity,
  integer = false,
): void {
  const ok = typeof value === 'number' && value >= min && value <= max && (!integer || Number.isInteger(value));
  if (!ok) {
    throw new ValueError(
      `${where}: "${name}" must be ${integer ? 'an integer' : 'a number'} in [${min}, ${max}]; received ${String(value)}.`,
      { [name]: value },
    );
  }
}

/**
 * Option checks shared by the metrics. Messages follow one pattern:
 * `precisionScore: "average" must be one of binary, micro, macro, weighted, samples or null; received "foo".`
 */
import { ConfigError } from '../../errors/errors.js';
import { formatValue } from '../../util/format.js';
import type { ZeroDivision } from './types.js';

/** Lists choices the way error messages print them: `a, b or c`. */
export function formatChoices(choices: readonly unknown[]): string {
  const names = choices.map((c) =>
    c === null ? 'null' : typeof c === 'number' && Number.isNaN(c) ? 'NaN' : String(c),
  );
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
}

function sameChoice(a: unknown, b: unknown): boolean {
  return a === b || (typeof a === 'number' && typeof b === 'number' && Number.isNaN(a) && Number.isNaN(b));
}

/**
 * Checks that `value` is one of `choices` and returns it.
 * @throws ConfigError naming the function and the option.
 */
export function oneOf<T>(fn: string, option: string, value: unknown, choices: readonly T[]): T {
  for (const c of choices) if (sameChoice(c, value)) return c;
  throw new ConfigError(
    `${fn}: "${option}" must be one of ${formatChoices(choices)}; received ${formatValue(value)}.`,
    { fn, option, value, choices: [...choices] },
  );
}

/**
 * Checks `zeroDivision`: 'warn', 0, 1 or NaN.
 * @throws ConfigError for anything else.
 */
export function checkZeroDivision(fn: string, value: unknown): ZeroDivision {
  return oneOf<ZeroDivision>(fn, 'zeroDivision', value, ['warn', 0, 1, NaN]);
}

/** The number an ill-defined ratio becomes under `zeroDivision` ('warn' gives 0). */
export function zeroDivisionValue(z: ZeroDivision): number {
  return z === 'warn' ? 0 : z;
}

/**
 * Checks a boolean option.
 * @throws ConfigError for non-booleans.
 */
export function checkBoolean(fn: string, option: string, value: unknown): boolean {
  if (typeof value !== 'boolean') {
    throw new ConfigError(`${fn}: "${option}" must be true or false; received ${formatValue(value)}.`, {
      fn,
      option,
      value,
    });
  }
  return value;
}

/**
 * Checks a number option against a range.
 * @throws ConfigError when it is not a number in range.
 */
export function checkNumber(
  fn: string,
  option: string,
  value: unknown,
  range: { min?: number; max?: number; minOpen?: boolean; maxOpen?: boolean; integer?: boolean } = {},
): number {
  const { min = -Infinity, max = Infinity, minOpen = false, maxOpen = false, integer = false } = range;
  const ok =
    typeof value === 'number' &&
    !Number.isNaN(value) &&
    (minOpen ? value > min : value >= min) &&
    (maxOpen ? value < max : value <= max) &&
    (!integer || Number.isInteger(value));
  if (!ok) {
    const kind = integer ? 'an integer' : 'a number';
    const interval = `${minOpen ? '(' : '['}${min}, ${max}${maxOpen ? ')' : ']'}`;
    throw new ConfigError(`${fn}: "${option}" must be ${kind} in ${interval}; received ${formatValue(value)}.`, {
      fn,
      option,
      value,
    });
  }
  return value as number;
}

import { ConfigError } from '../errors/errors.js';
import { formatValue } from '../util/format.js';

/**
 * Declarative checks of constructor options (scikit-learn's `_param_validation` idea): a table maps each option
 * to a validator; `checkSpec` throws one ConfigError naming the owner, the option, what it expects and what it got.
 * Shared by optimizers, schedules, layers, losses, metrics and callbacks.
 */

/** Returns null when `value` is valid, else the expectation ("an integer in [1, Infinity)"). */
export type Validator = (value: unknown) => string | null;

type Bounds = '[]' | '[)' | '(]' | '()';

function inBounds(v: number, lo: number, hi: number, bounds: Bounds): boolean {
  const lower = bounds[0] === '[' ? v >= lo : v > lo;
  const upper = bounds[1] === ']' ? v <= hi : v < hi;
  return lower && upper;
}

/** A (non-NaN) number in the interval `lo`..`hi` with the given bounds; default [lo, hi]. */
export function range(lo: number, hi: number, bounds: Bounds = '[]'): Validator {
  const text = `a number in ${bounds[0]}${lo}, ${hi}${bounds[1]}`;
  return (v) => (typeof v === 'number' && !Number.isNaN(v) && inBounds(v, lo, hi, bounds) ? null : text);
}

/** An integer in the interval `lo`..`hi` (default [lo, Infinity)). */
export function intRange(lo: number, hi = Infinity, bounds: Bounds = hi === Infinity ? '[)' : '[]'): Validator {
  const text = `an integer in ${bounds[0]}${lo}, ${hi}${bounds[1]}`;
  return (v) => (typeof v === 'number' && Number.isInteger(v) && inBounds(v, lo, hi, bounds) ? null : text);
}

/** One of the listed literal values. */
export function oneOf(...values: readonly unknown[]): Validator {
  const text = `one of ${values.map(formatValue).join(', ')}`;
  return (v) => (values.includes(v) ? null : text);
}

/** true or false. */
export const bool: Validator = (v) => (typeof v === 'boolean' ? null : 'a boolean');

/** A string. */
export const str: Validator = (v) => (typeof v === 'string' ? null : 'a string');

/** A positive integer or a list of `n` positive integers (a window size or stride). */
export function intOrTuple(n: number): Validator {
  const text = `a positive integer or an array of ${n} positive integers`;
  const ok = (x: unknown): boolean => typeof x === 'number' && Number.isInteger(x) && x >= 1;
  return (v) => (ok(v) || (Array.isArray(v) && v.length === n && v.every(ok)) ? null : text);
}

/** Accepts `undefined`/`null` or whatever `inner` accepts. */
export function optional(inner: Validator): Validator {
  return (v) => {
    if (v === undefined || v === null) return null;
    const e = inner(v);
    return e === null ? null : `${e} (or left out)`;
  };
}

/** Accepts a value either validator accepts. */
export function either(a: Validator, b: Validator): Validator {
  return (v) => {
    const ea = a(v);
    if (ea === null) return null;
    const eb = b(v);
    return eb === null ? null : `${ea} or ${eb}`;
  };
}

/**
 * Checks each listed option of `values` against its validator.
 * @param where the owner as it should appear in the message, e.g. `Dense "dense_2"` or `Adam`.
 * @throws ConfigError `Dense "dense_2": "units" must be an integer in [1, Infinity); received 0.`
 */
export function checkSpec(
  where: string,
  values: Readonly<Record<string, unknown>>,
  spec: Record<string, Validator>,
): void {
  for (const [key, validate] of Object.entries(spec)) {
    const value = values[key];
    const expected = validate(value);
    if (expected !== null) {
      throw new ConfigError(`${where}: "${key}" must be ${expected}; received ${formatValue(value)}.`, {
        where,
        option: key,
        value,
      });
    }
  }
}

/** `config` without its undefined entries, so `{ ...defaults, ...defined(config) }` keeps defaults for them. */
export function defined<T extends object>(config: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(config)) if (v !== undefined) out[k] = v;
  return out as T;
}

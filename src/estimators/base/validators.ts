import { formatValue } from '../../util/format.js';

/**
 * One constraint on a hyper-parameter. `description` completes the sentence `"alpha" must be …`, so error messages
 * read `SGDClassifier: "alpha" must be a number in [0, Infinity); received -1.`
 */
export interface Validator {
  readonly description: string;
  /** True when `value` satisfies the constraint. */
  check(value: unknown): boolean;
}

/** Interval bounds: closed `[`/`]` or open `(`/`)` on each side. */
export type Bounds = '[]' | '[)' | '(]' | '()';

function inBounds(x: number, lo: number, hi: number, bounds: Bounds): boolean {
  const lowOk = bounds[0] === '[' ? x >= lo : x > lo;
  const highOk = bounds[1] === ']' ? x <= hi : x < hi;
  return lowOk && highOk;
}

function interval(lo: number, hi: number, bounds: Bounds): string {
  // an infinite end is never reached, so it prints open whatever the bounds say
  const left = lo === -Infinity ? '(' : bounds[0];
  const right = hi === Infinity ? ')' : bounds[1];
  return `${left}${lo}, ${hi}${right}`;
}

/**
 * A number (not NaN) in an interval.
 * @param lo lower end (may be -Infinity)
 * @param hi upper end (may be Infinity)
 * @param bounds which ends are included; default `'[]'`
 * @example range(0, Infinity, '[)') // "a number in [0, Infinity)"
 */
export function range(lo: number, hi: number, bounds: Bounds = '[]'): Validator {
  return {
    description: `a number in ${interval(lo, hi, bounds)}`,
    check: (v) => typeof v === 'number' && !Number.isNaN(v) && inBounds(v, lo, hi, bounds),
  };
}

/**
 * An integer in an interval (default: any integer).
 * @param lo lower end, default -Infinity
 * @param hi upper end, default Infinity
 * @param bounds which ends are included; default `'[]'` (an infinite end is never reached either way)
 */
export function integer(lo = -Infinity, hi = Infinity, bounds: Bounds = '[]'): Validator {
  const unbounded = lo === -Infinity && hi === Infinity;
  return {
    description: unbounded ? 'an integer' : `an integer in ${interval(lo, hi, bounds)}`,
    check: (v) => typeof v === 'number' && Number.isInteger(v) && inBounds(v, lo, hi, bounds),
  };
}

/** `true` or `false`. */
export const bool: Validator = { description: 'a boolean', check: (v) => typeof v === 'boolean' };

/** Any string. */
export const string: Validator = { description: 'a string', check: (v) => typeof v === 'string' };

/** Any function. */
export const func: Validator = { description: 'a function', check: (v) => typeof v === 'function' };

/** Anything at all (for parameters whose checks happen in `fit`, e.g. `constant` of DummyClassifier). */
export const anything: Validator = { description: 'any value', check: () => true };

/**
 * One of a fixed list of values, compared with `===`.
 * @example oneOf('hinge', 'log_loss') // 'one of "hinge", "log_loss"'
 */
export function oneOf(...values: readonly unknown[]): Validator {
  return {
    description: `one of ${values.map(formatValue).join(', ')}`,
    check: (v) => values.includes(v),
  };
}

/**
 * An instance of a class.
 * @param ctor the class
 * @param name how messages call it; default `ctor.name`
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function instanceOf(ctor: abstract new (...args: any[]) => unknown, name: string = ctor.name): Validator {
  return { description: `an instance of ${name}`, check: (v) => v instanceof ctor };
}

/** Passes when any of `validators` passes; descriptions are joined with "or". */
export function anyOf(...validators: readonly Validator[]): Validator {
  return {
    description: validators.map((v) => v.description).join(' or '),
    check: (v) => validators.some((c) => c.check(v)),
  };
}

/** `validator`, or `undefined` (the parameter is unset). */
export function optional(validator: Validator): Validator {
  return { description: `${validator.description} or undefined`, check: (v) => v === undefined || validator.check(v) };
}

/** `validator`, or `null`. */
export function nullable(validator: Validator): Validator {
  return { description: `${validator.description} or null`, check: (v) => v === null || validator.check(v) };
}

/**
 * An array whose every element passes `item`.
 * @param item constraint on each element
 * @param minLength fewest elements allowed; default 0
 * @param itemsName how the description names the elements; default the item's description
 */
export function arrayOf(item: Validator, minLength = 0, itemsName?: string): Validator {
  const what = itemsName ?? `(${item.description})`;
  const size = minLength > 0 ? ` with at least ${minLength} element${minLength === 1 ? '' : 's'}` : '';
  return {
    description: `an array of ${what}${size}`,
    check: (v) => Array.isArray(v) && v.length >= minLength && v.every((x) => item.check(x)),
  };
}

/** A custom predicate with its own description, for constraints the helpers above cannot say. */
export function satisfies(description: string, check: (value: unknown) => boolean): Validator {
  return { description, check };
}

/** A random seed: an integer in [0, 4294967295], or null for the global generator (`randomFor(undefined)`). */
export const seed: Validator = nullable(integer(0, 4294967295));

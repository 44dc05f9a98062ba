import { ConfigError } from '../../errors/errors.js';
import type { Validator } from './validators.js';

/** The declared constraint of every hyper-parameter of an estimator whose options are `O`. */
export type ParamSpec<O> = { readonly [K in keyof Required<O>]: Validator };

/**
 * Every hyper-parameter of `O` resolved to a value (defaults filled in). "Unset" is spelled `null`, as
 * scikit-learn's `None`, so resolved values are never undefined.
 */
export type Params<O> = Required<O>;

/** Formats a hyper-parameter value for a message: estimators by class name, others as JSON-like text. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'function') return 'a function';
  if (Array.isArray(value)) return `[${value.map(describeValue).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    const name = (value.constructor as { className?: unknown } | undefined)?.className;
    if (typeof name === 'string') return `${name}(…)`;
    if (value.constructor === Object) {
      return `{${Object.entries(value)
        .map(([k, v]) => `${k}: ${describeValue(v)}`)
        .join(', ')}}`;
    }
    return `an instance of ${value.constructor?.name ?? 'Object'}`;
  }
  return String(value);
}

/** Levenshtein distance, for "did you mean" hints on misspelt option names. */
function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur.push(Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + cost));
    }
    prev = cur;
  }
  return prev[b.length] as number;
}

/**
 * The ConfigError for an option name the estimator does not have: it names the option, suggests the closest valid
 * name when one is near, and lists the valid names.
 */
export function unknownOptionError(className: string, name: string, valid: readonly string[]): ConfigError {
  const sorted = [...valid].sort();
  let best = '';
  let bestDistance = Infinity;
  for (const v of sorted) {
    const d = editDistance(name.toLowerCase(), v.toLowerCase());
    if (d < bestDistance) {
      best = v;
      bestDistance = d;
    }
  }
  const hint = bestDistance <= Math.max(2, Math.floor(name.length / 3)) ? ` Did you mean "${best}"?` : '';
  const list = sorted.length > 0 ? sorted.map((v) => `"${v}"`).join(', ') : '(none)';
  return new ConfigError(`${className}: unknown option "${name}".${hint} Valid options are ${list}.`, {
    estimator: className,
    option: name,
    valid: sorted,
  });
}

/** Throws ConfigError unless `value` satisfies `validator`, naming the estimator and the parameter. */
export function checkParam(className: string, name: string, validator: Validator, value: unknown): void {
  if (!validator.check(value)) {
    throw new ConfigError(
      `${className}: "${name}" must be ${validator.description}; received ${describeValue(value)}.`,
      { estimator: className, option: name, expected: validator.description, received: value },
    );
  }
}

/**
 * Validates `options` against `spec` and fills in `defaults`. Keys whose value is `undefined` take the default.
 * @throws ConfigError on an unknown key or a value outside its declared constraint
 */
export function resolveParams(
  className: string,
  spec: Readonly<Record<string, Validator>>,
  defaults: Readonly<Record<string, unknown>>,
  options: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const names = Object.keys(spec);
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new ConfigError(`${className}: options must be a plain object; received ${describeValue(options)}.`, {
      estimator: className,
    });
  }
  for (const key of Object.keys(options)) {
    if (!(key in spec)) throw unknownOptionError(className, key, names);
  }
  const out: Record<string, unknown> = {};
  for (const name of names) {
    const given = options[name];
    const value = given === undefined ? defaults[name] : given;
    checkParam(className, name, spec[name] as Validator, value);
    out[name] = value;
  }
  return out;
}

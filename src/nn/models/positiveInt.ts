import { ConfigError } from '../../errors/errors.js';

/**
 * Checks that option `name` of `where` is an integer ≥ 1 and returns it.
 * @throws ConfigError naming the option and the value received.
 */
export function positiveInt(where: string, name: string, v: number): number {
  if (!Number.isInteger(v) || v < 1)
    throw new ConfigError(`${where}: "${name}" must be a positive integer; received ${String(v)}.`);
  return v;
}

import { ConfigError } from '../errors/errors.js';
import { isEstimator } from '../estimators/base/BaseEstimator.js';
import { unknownOptionError } from '../estimators/base/params.js';

/** The estimator contract as Pipeline and ColumnTransformer use their parts. */
export interface PartEstimator {
  readonly estimatorType: string;
  readonly className?: string;
  fit(X: unknown, y?: unknown, options?: unknown): unknown;
  clone(): PartEstimator;
  getParams(deep?: boolean): Record<string, unknown>;
  setParams(params: Record<string, unknown>): unknown;
  transform?(X: unknown): unknown;
  fitTransform?(X: unknown, y?: unknown): unknown;
  inverseTransform?(X: unknown): unknown;
  getFeatureNamesOut?(inputFeatures?: readonly string[]): string[];
  predict?(X: unknown): unknown;
  predictProba?(X: unknown): unknown;
  decisionFunction?(X: unknown): unknown;
  score?(X: unknown, y: unknown, options?: unknown): number;
  readonly classes?: unknown;
  readonly nFeaturesIn?: number;
}

/** True for an estimator of the lsml contract. */
export function isPart(x: unknown): x is PartEstimator {
  return isEstimator(x);
}

/**
 * Checks the names of named parts (steps, transformers): unique, no `__` (it separates nested parameter names),
 * not a reserved parameter name.
 * @throws ConfigError naming the offending name
 */
export function checkPartNames(
  className: string,
  what: string,
  names: readonly string[],
  reserved: readonly string[],
): void {
  const seen = new Set<string>();
  for (const name of names) {
    if (typeof name !== 'string' || name.length === 0) {
      throw new ConfigError(
        `${className}: every ${what} needs a non-empty string name; received ${JSON.stringify(name)}.`,
      );
    }
    if (name.includes('__')) {
      throw new ConfigError(
        `${className}: ${what} name "${name}" must not contain "__" (it separates nested parameter names).`,
      );
    }
    if (reserved.includes(name)) {
      throw new ConfigError(`${className}: ${what} name "${name}" conflicts with the parameter of the same name.`);
    }
    if (seen.has(name)) throw new ConfigError(`${className}: ${what} names must be unique; "${name}" appears twice.`);
    seen.add(name);
  }
}

/** Adds `name` and `name__param` entries for every named part (deep getParams). */
export function expandPartParams(parts: readonly (readonly [string, unknown])[], out: Record<string, unknown>): void {
  for (const [name, part] of parts) {
    out[name] = part;
    if (isPart(part)) for (const [k, v] of Object.entries(part.getParams(true))) out[`${name}__${k}`] = v;
  }
}

/** Parameters split by owner: the container's own, whole-part replacements, and nested part parameters. */
export interface RoutedParams {
  own: Record<string, unknown>;
  replace: Map<string, unknown>;
  nested: Map<string, Record<string, unknown>>;
}

/**
 * Splits `params` into the container's own parameters, part replacements (`name`) and nested ones
 * (`name__param`).
 * @throws ConfigError on a name that is neither
 */
export function routeParams(
  className: string,
  ownNames: readonly string[],
  partNames: readonly string[],
  params: Readonly<Record<string, unknown>>,
): RoutedParams {
  const routed: RoutedParams = { own: {}, replace: new Map(), nested: new Map() };
  for (const [key, value] of Object.entries(params)) {
    const split = key.indexOf('__');
    if (split > 0) {
      const head = key.slice(0, split);
      if (!partNames.includes(head)) throw unknownOptionError(className, key, [...ownNames, ...partNames]);
      const group = routed.nested.get(head) ?? {};
      group[key.slice(split + 2)] = value;
      routed.nested.set(head, group);
    } else if (ownNames.includes(key)) routed.own[key] = value;
    else if (partNames.includes(key)) routed.replace.set(key, value);
    else throw unknownOptionError(className, key, [...ownNames, ...partNames]);
  }
  return routed;
}

import { ConfigError } from '../errors/errors.js';
import { describeValue } from '../estimators/base/params.js';

/** One grid: parameter name → the values to try. */
export type ParamGridDict = Readonly<Record<string, readonly unknown[]>>;

/** A parameter grid: one grid, or several explored one after the other. */
export type ParamGrid = ParamGridDict | readonly ParamGridDict[];

/** True for a plain object (not an array, not a class instance). */
function isPlainObject(x: unknown): x is Record<string, unknown> {
  return x !== null && typeof x === 'object' && !Array.isArray(x) && Object.getPrototypeOf(x) === Object.prototype;
}

/** Validator of `paramGrid` options. */
export const paramGridValidator = {
  description: 'an object of parameter name → non-empty array of values, or an array of such objects',
  check: (v: unknown): boolean => isPlainObject(v) || (Array.isArray(v) && v.every(isPlainObject)),
};

/**
 * Checks every grid: each value must be a non-empty array.
 * @throws ConfigError naming the parameter
 */
export function checkParamGrid(grid: ParamGrid, where: string): readonly ParamGridDict[] {
  const grids = Array.isArray(grid) ? (grid as readonly ParamGridDict[]) : [grid as ParamGridDict];
  for (const g of grids) {
    if (!isPlainObject(g))
      throw new ConfigError(`${where}: a parameter grid must be a plain object; received ${describeValue(g)}.`);
    for (const [name, values] of Object.entries(g)) {
      if (!Array.isArray(values)) {
        throw new ConfigError(
          `${where}: the grid of "${name}" must be an array of values; received ${describeValue(values)}. Wrap a single value in an array.`,
          { option: name },
        );
      }
      if (values.length === 0) {
        throw new ConfigError(`${where}: the grid of "${name}" is empty; give at least one value.`, { option: name });
      }
    }
  }
  return grids;
}

/**
 * Every combination of the grid's values, in scikit-learn's `ParameterGrid` order: grids in turn; within a grid,
 * names sorted, the last name varying fastest. An empty grid gives one empty combination.
 * @throws ConfigError when a value is not a non-empty array
 * @example parameterGrid({ b: [1, 2], a: ['x'] }) // [{a: 'x', b: 1}, {a: 'x', b: 2}]
 */
export function parameterGrid(grid: ParamGrid, where = 'parameterGrid'): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const g of checkParamGrid(grid, where)) {
    const names = Object.keys(g).sort();
    const combo = (k: number, acc: Record<string, unknown>): void => {
      if (k === names.length) {
        out.push({ ...acc });
        return;
      }
      const name = names[k] as string;
      for (const v of g[name] as readonly unknown[]) combo(k + 1, { ...acc, [name]: v });
    };
    combo(0, {});
  }
  return out;
}

/** Number of combinations of a grid. */
export function gridSize(grid: ParamGrid): number {
  return checkParamGrid(grid, 'gridSize').reduce(
    (total, g) => total + Object.values(g).reduce((p, v) => p * v.length, 1),
    0,
  );
}

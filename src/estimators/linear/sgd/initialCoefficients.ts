import { ShapeError, DataError } from '../../../errors/errors.js';
import type { SgdCoefState } from './sgdCoefState.js';

/**
 * Copies user-given starting coefficients (k × features, as rows or flat) and intercepts (k) into a fresh state.
 * @throws ShapeError when the sizes do not match; DataError on a non-finite value
 */
export function initialCoefficients(
  state: SgdCoefState,
  coefInit: readonly (readonly number[])[] | ArrayLike<number> | undefined,
  interceptInit: ArrayLike<number> | undefined,
  where: string,
): void {
  const k = state.intercept.length;
  const d = state.nFeaturesIn;
  if (coefInit !== undefined) {
    const flat: number[] =
      Array.isArray(coefInit) && Array.isArray(coefInit[0])
        ? (coefInit as number[][]).flat()
        : Array.from(coefInit as ArrayLike<number>);
    if (flat.length !== k * d) {
      throw new ShapeError(`${where}: coefInit must hold ${k} × ${d} = ${k * d} values; received ${flat.length}.`, {
        where,
        expected: k * d,
        received: flat.length,
      });
    }
    checkAllFinite(flat, where, 'coefInit');
    state.standardCoef.set(flat);
    state.coef.set(flat);
  }
  if (interceptInit !== undefined) {
    const flat = Array.from(interceptInit);
    if (flat.length !== k) {
      throw new ShapeError(`${where}: interceptInit must hold ${k} values; received ${flat.length}.`, {
        where,
        expected: k,
        received: flat.length,
      });
    }
    checkAllFinite(flat, where, 'interceptInit');
    state.standardIntercept.set(flat);
    state.intercept.set(flat);
  }
}

function checkAllFinite(values: number[], where: string, name: string): void {
  values.forEach((v, i) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new DataError(`${where}: ${name} contains ${String(v)} at index ${i}; values must be finite numbers.`, {
        where,
        index: i,
      });
    }
  });
}

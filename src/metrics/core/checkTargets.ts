import { DTypeError, ShapeError, ValueError } from '../../errors/errors.js';
import { checkSameLength, type LabelVector, type NumericData, readTarget } from './input.js';
import { targetType } from './targetType.js';
import type { LabelInput } from './types.js';

/** Checked targets of a classification metric: two label vectors, or two indicator matrices. */
export type ClassificationTargets =
  | { readonly type: 'binary' | 'multiclass'; readonly yTrue: LabelVector; readonly yPred: LabelVector }
  | { readonly type: 'multilabel-indicator'; readonly yTrue: NumericData; readonly yPred: NumericData };

/**
 * Reads and checks `yTrue` and `yPred` of a classification metric (scikit-learn's `_check_targets`): same
 * number of samples, the same kind of target (binary and multiclass mix into multiclass), labels of one type,
 * and the same number of columns for multi-label indicators.
 * @throws ShapeError, ValueError or DTypeError naming the argument.
 */
export function checkTargets(
  fn: string,
  yTrueInput: LabelInput,
  yPredInput: LabelInput,
  names: readonly [string, string] = ['yTrue', 'yPred'],
): ClassificationTargets {
  const [trueName, predName] = names;
  const yTrue = readTarget(fn, trueName, yTrueInput);
  const yPred = readTarget(fn, predName, yPredInput);
  checkSameLength(fn, [trueName, yTrue.length], [predName, yPred.length]);
  const typeTrue = targetType(yTrue);
  const typePred = targetType(yPred);
  const isClass = (t: string): boolean => t === 'binary' || t === 'multiclass';
  if (typeTrue !== typePred && !(isClass(typeTrue) && isClass(typePred))) {
    throw new ValueError(
      `${fn}: cannot mix ${typeTrue} "${trueName}" with ${typePred} "${predName}"; both must be class labels ` +
        `(binary or multiclass) or both multi-label indicator matrices.`,
      { fn, typeTrue, typePred },
    );
  }
  // A multilabel-indicator type always comes from a matrix, class types from label vectors.
  if (typeTrue === 'multilabel-indicator' && yTrue.kind === 'matrix' && yPred.kind === 'matrix') {
    if (yTrue.matrix.cols !== yPred.matrix.cols) {
      throw new ShapeError(
        `${fn}: "${trueName}" has ${yTrue.matrix.cols} label columns but "${predName}" has ${yPred.matrix.cols}; ` +
          `multi-label indicators must have the same number of columns.`,
        { fn, expected: yTrue.matrix.cols, received: yPred.matrix.cols },
      );
    }
    return { type: 'multilabel-indicator', yTrue: yTrue.matrix, yPred: yPred.matrix };
  }
  if (!isClass(typeTrue) || yTrue.kind !== 'labels' || yPred.kind !== 'labels') {
    throw new ValueError(
      `${fn}: ${typeTrue} targets are not supported; expected binary, multiclass or multilabel-indicator ` +
        `targets, received "${trueName}" of type ${typeTrue}.`,
      { fn, type: typeTrue },
    );
  }
  if (yTrue.length > 0 && yTrue.isString !== yPred.isString) {
    throw new DTypeError(
      `${fn}: "${trueName}" holds ${yTrue.isString ? 'strings' : 'numbers'} but "${predName}" holds ` +
        `${yPred.isString ? 'strings' : 'numbers'}; labels must be of one type.`,
      { fn },
    );
  }
  let type: 'binary' | 'multiclass' = typeTrue === 'multiclass' || typePred === 'multiclass' ? 'multiclass' : 'binary';
  if (type === 'binary') {
    const union = new Set(yTrue.values);
    for (const v of yPred.values) {
      union.add(v);
      if (union.size > 2) {
        type = 'multiclass';
        break;
      }
    }
  }
  return { type, yTrue, yPred };
}

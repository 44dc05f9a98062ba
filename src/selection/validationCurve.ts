import { ConfigError } from '../errors/errors.js';
import { checkLength } from '../estimators/base/labels.js';
import { type MatrixLike, numRows } from '../estimators/base/matrixLike.js';
import { resolveParams } from '../estimators/base/params.js';
import { arrayOf, anything, string } from '../estimators/base/validators.js';
import { checkCv } from './checkCv.js';
import { type CrossValidateOptions, CROSS_VALIDATE_SPEC } from './crossValidate.js';
import { fitAndScore } from './fitAndScore.js';
import type { ModelLike, Target } from './ModelLike.js';
import type { Scorer } from './Scorer.js';
import { resolveScoring } from './scorers.js';
import type { SplitLabels } from './Splitter.js';

/** Options of `validationCurve`. */
export interface ValidationCurveOptions extends Pick<CrossValidateOptions, 'cv' | 'groups' | 'errorScore' | 'nJobs'> {
  /** The hyper-parameter to vary (as `getParams` names it, e.g. `'clf__alpha'`). Required. */
  paramName: string;
  /** Its values. Required. */
  paramRange: readonly unknown[];
  /** Scorer name or function; default the model's own `score`. */
  scoring?: string | Scorer | null;
}

/** Scores of `validationCurve`: rows are parameter values, columns folds. */
export interface ValidationCurveResult {
  trainScores: number[][];
  testScores: number[][];
}

const SPEC = {
  cv: CROSS_VALIDATE_SPEC.cv,
  groups: CROSS_VALIDATE_SPEC.groups,
  errorScore: CROSS_VALIDATE_SPEC.errorScore,
  nJobs: CROSS_VALIDATE_SPEC.nJobs,
  scoring: CROSS_VALIDATE_SPEC.scoring,
  paramName: string,
  paramRange: arrayOf(anything, 1, 'values'),
};
const DEFAULTS = {
  cv: null,
  groups: undefined,
  errorScore: NaN,
  nJobs: null,
  scoring: null,
  paramName: undefined,
  paramRange: undefined,
};

/**
 * Train and test scores as one hyper-parameter varies (scikit-learn's `validation_curve`): every value is
 * cross-validated on the same folds.
 * @returns scores shaped [value][fold]
 * @throws ConfigError when `paramName` is not a parameter of the model
 */
export function validationCurve(
  model: ModelLike,
  X: MatrixLike,
  y: Target,
  options: ValidationCurveOptions,
): ValidationCurveResult {
  const where = 'validationCurve';
  const o = resolveParams(
    where,
    SPEC,
    DEFAULTS,
    options as unknown as Record<string, unknown>,
  ) as unknown as Required<ValidationCurveOptions>;
  if (!(o.paramName in model.getParams(true))) {
    throw new ConfigError(
      `${where}: "${o.paramName}" is not a parameter of ${model.className ?? 'the model'}; it has ${Object.keys(
        model.getParams(true),
      )
        .sort()
        .map((k) => `"${k}"`)
        .join(', ')}.`,
    );
  }
  if (y !== undefined) checkLength(y, numRows(X), where);
  const splits = checkCv(o.cv, y, model, where).split(X, y as SplitLabels | undefined, o.groups);
  const { scorers } = resolveScoring(o.scoring, model, where);
  const out: ValidationCurveResult = {
    trainScores: o.paramRange.map(() => []),
    testScores: o.paramRange.map(() => []),
  };
  for (const split of splits) {
    o.paramRange.forEach((value, k) => {
      const r = fitAndScore(model, X, y, split, {
        scorers,
        returnTrainScore: true,
        errorScore: o.errorScore,
        parameters: { [o.paramName]: value },
      });
      (out.trainScores[k] as number[]).push(r.trainScores?.score as number);
      (out.testScores[k] as number[]).push(r.testScores.score as number);
    });
  }
  return out;
}

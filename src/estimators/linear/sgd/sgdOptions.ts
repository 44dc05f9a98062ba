import { ConfigError } from '../../../errors/errors.js';
import { anyOf, bool, integer, nullable, oneOf, range, seed } from '../../base/validators.js';
import type { Validator } from '../../base/validators.js';
import type { Random } from '../../../util/random.js';
import type { LearningRateName } from './schedule.js';
import { SCHEDULE_CODE } from './schedule.js';
import { LOSS_CODE, type SgdLossName } from './sgdLoss.js';
import { PENALTY_CODE, type SgdSettings } from './plainSgd.js';

/** Penalty names of SGD; null means none. */
export type SgdPenalty = 'l2' | 'l1' | 'elasticnet' | null;

/** Hyper-parameters shared by SGDClassifier and SGDRegressor (scikit-learn's names in camelCase). */
export interface SgdCommonOptions {
  /** Regularisation: 'l2' (default), 'l1', 'elasticnet' or null. */
  penalty?: SgdPenalty;
  /** Regularisation strength α >= 0; also sets the 'optimal' learning rate. Default 1e-4. */
  alpha?: number;
  /** Elastic-net mixing in [0, 1]: 0 is L2, 1 is L1. Default 0.15. */
  l1Ratio?: number;
  /** Learn an intercept. Default true. */
  fitIntercept?: boolean;
  /** Most epochs (passes over the data) of `fit`. Default 1000. */
  maxIter?: number;
  /** Stop when the loss has not improved by `tol` for `nIterNoChange` epochs; null: run all `maxIter`. Default 1e-3. */
  tol?: number | null;
  /** Reshuffle the rows every epoch. Default true. */
  shuffle?: boolean;
  /** Threshold of 'huber' and the epsilon-insensitive losses. Default 0.1. */
  epsilon?: number;
  /** Seed of shuffling and of the validation split; null: the global generator. Default null. */
  seed?: number | null;
  /** 'constant' η = eta0; 'optimal' η = 1/(α(t₀+t)); 'invscaling' η = eta0/t^powerT; 'adaptive'. */
  learningRate?: LearningRateName;
  /** Initial learning rate (> 0 for 'constant', 'invscaling', 'adaptive'). */
  eta0?: number;
  /** Exponent of 'invscaling'. */
  powerT?: number;
  /** Hold out `validationFraction` of the rows and stop when their score stops improving. Default false. */
  earlyStopping?: boolean;
  /** Share held out for early stopping, in (0, 1). Default 0.1. */
  validationFraction?: number;
  /** Epochs without improvement before stopping (or, for 'adaptive', before dividing η by 5). Default 5. */
  nIterNoChange?: number;
  /** Start `fit` from the previous solution. Default false. */
  warmStart?: boolean;
  /** true: average the weights over all steps (ASGD); an integer n: from step n on; false: no averaging. */
  average?: boolean | number;
  /** Samples per gradient step (1 = classic SGD, scikit-learn's behaviour). Default 1. */
  batchSize?: number;
  /** Multiplier of intercept steps: 'auto' = 0.01 for sparse input, 1 for dense (scikit-learn's). Default 'auto'. */
  interceptDecay?: 'auto' | number;
}

/** Constraints of the shared hyper-parameters. */
export const SGD_COMMON_SPEC: Readonly<Record<keyof SgdCommonOptions, Validator>> = {
  penalty: nullable(oneOf('l2', 'l1', 'elasticnet')),
  alpha: range(0, Infinity, '[)'),
  l1Ratio: range(0, 1),
  fitIntercept: bool,
  maxIter: integer(1, Infinity),
  tol: nullable(range(-Infinity, Infinity, '()')),
  shuffle: bool,
  epsilon: range(0, Infinity, '[)'),
  seed,
  learningRate: oneOf('constant', 'optimal', 'invscaling', 'adaptive'),
  eta0: range(0, Infinity, '[)'),
  powerT: range(-Infinity, Infinity, '()'),
  earlyStopping: bool,
  validationFraction: range(0, 1, '()'),
  nIterNoChange: integer(1, Infinity),
  warmStart: bool,
  average: anyOf(bool, integer(1, Infinity)),
  batchSize: integer(1, Infinity),
  interceptDecay: anyOf(oneOf('auto'), range(0, Infinity, '[)')),
};

/** Defaults of the shared hyper-parameters (the per-class ones — loss, learningRate, eta0, powerT — differ). */
export const SGD_COMMON_DEFAULTS = {
  penalty: 'l2',
  alpha: 0.0001,
  l1Ratio: 0.15,
  fitIntercept: true,
  maxIter: 1000,
  tol: 0.001,
  shuffle: true,
  epsilon: 0.1,
  seed: null,
  earlyStopping: false,
  validationFraction: 0.1,
  nIterNoChange: 5,
  warmStart: false,
  average: false,
  batchSize: 1,
  interceptDecay: 'auto',
} as const;

/** The resolved hyper-parameters `sgdSettings` reads. */
export interface ResolvedSgdParams extends Required<Omit<SgdCommonOptions, 'seed'>> {
  loss: SgdLossName;
  seed: number | null;
  learningRate: LearningRateName;
  eta0: number;
  powerT: number;
}

/**
 * Cross-parameter checks of scikit-learn's `_validate_params` for SGD.
 * @throws ConfigError naming the estimator and the conflicting values
 */
export function checkSgdParams(className: string, p: ResolvedSgdParams): void {
  if (p.learningRate !== 'optimal' && !(p.eta0 > 0)) {
    throw new ConfigError(
      `${className}: "eta0" must be > 0 with learningRate "${p.learningRate}"; received ${p.eta0}.`,
      { estimator: className, option: 'eta0' },
    );
  }
  if (p.learningRate === 'optimal' && !(p.alpha > 0)) {
    throw new ConfigError(
      `${className}: "alpha" must be > 0 with learningRate "optimal" (it sets the step size); received ${p.alpha}.`,
      { estimator: className, option: 'alpha' },
    );
  }
}

/**
 * The numeric settings of `plainSgd` for one run.
 * @param sparse the input is a CSR matrix (sets the 'auto' intercept decay)
 * @param maxIter epochs of this run (1 for partialFit)
 * @param tol stopping tolerance of this run (-Infinity: none)
 */
export function sgdSettings(
  p: ResolvedSgdParams,
  sparse: boolean,
  random: Random,
  maxIter: number,
  tol: number,
  validationScore: 'accuracy' | 'r2' | null,
): SgdSettings {
  return {
    loss: LOSS_CODE[p.loss],
    epsilon: p.epsilon,
    penalty: p.penalty === null ? PENALTY_CODE.none : PENALTY_CODE[p.penalty],
    alpha: p.alpha,
    l1Ratio: p.l1Ratio,
    fitIntercept: p.fitIntercept,
    interceptDecay: p.interceptDecay === 'auto' ? (sparse ? 0.01 : 1) : p.interceptDecay,
    schedule: SCHEDULE_CODE[p.learningRate],
    eta0: p.eta0,
    powerT: p.powerT,
    average: p.average === true ? 1 : p.average === false ? 0 : p.average,
    batchSize: p.batchSize,
    maxIter,
    tol,
    nIterNoChange: p.nIterNoChange,
    shuffle: p.shuffle,
    random,
    weightPos: 1,
    weightNeg: 1,
    validationScore,
    onNonFinite: null,
  };
}

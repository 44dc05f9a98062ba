import { ConfigError } from '../../../errors/errors.js';
import { CsrMatrix } from '../../../tensor/CsrMatrix.js';
import { encodeValue, loadEstimator } from '../../base/persistence.js';
import { NuSVC } from '../NuSVC.js';
import { NuSVR } from '../NuSVR.js';
import { SVC } from '../SVC.js';
import { SVR } from '../SVR.js';
import type { SvmModel } from '../libsvm/SvmModel.js';
import { readLibsvmModel, writeLibsvmModel } from './libsvmModel.js';

/** A kernel SVM estimator that LIBSVM model files can describe. */
export type LibsvmEstimator = SVC | NuSVC | SVR | NuSVR;

/**
 * Loads a LIBSVM model file (e.g. from `svm-train`) as a fitted lsml estimator: c_svc → SVC, nu_svc → NuSVC,
 * epsilon_svr → SVR, nu_svr → NuSVR, with the file's kernel and parameters. Predictions equal LIBSVM's
 * (`svm-predict`); probabilities need the file's probA/probB (`svm-train -b 1`). The training hyper-parameters
 * the file does not record (C, nu, epsilon, tol) keep their defaults.
 * @param text the model file's content
 * @param options `nFeatures`: input width to expect (default: the largest feature index of the support vectors;
 *   for a precomputed kernel, the largest sample number)
 * @throws DataError on a malformed or unsupported file
 */
export function loadLibsvmModel(text: string, options: { nFeatures?: number } = {}): LibsvmEstimator {
  const file = readLibsvmModel(text);
  const nFeatures = Math.max(options.nFeatures ?? file.nFeatures, file.nFeatures);
  const model: SvmModel = { ...file.model };
  const sv = model.supportVectors;
  if (sv instanceof CsrMatrix && sv.cols !== nFeatures) {
    model.supportVectors = new CsrMatrix(sv.rows, nFeatures, sv.indptr, sv.indices, sv.values);
  }
  const kp = model.kernel;
  const params = {
    kernel: kp.kernel,
    gamma: kp.gamma,
    degree: kp.degree,
    coef0: kp.coef0,
    ...(model.nClasses > 1 ? { probability: model.probA !== null } : {}),
  };
  const nIter = new Int32Array(Math.max((model.nClasses * (model.nClasses - 1)) / 2, 1));
  let className: string;
  let state: Record<string, unknown>;
  if (model.nClasses > 1) {
    className = model.svmType === 'nu_svc' ? NuSVC.className : SVC.className;
    state = {
      classes: file.classes,
      nFeaturesIn: nFeatures,
      model,
      classWeights: new Float64Array(model.nClasses).fill(1),
      nIter,
    };
  } else {
    className = model.svmType === 'nu_svr' ? NuSVR.className : SVR.className;
    state = { nFeaturesIn: nFeatures, model, epsilon: NaN, nIter };
  }
  return loadEstimator({
    format: 'lsml-estimator',
    version: 1,
    className,
    params: encodeValue(params),
    state: encodeValue(state),
  }) as LibsvmEstimator;
}

/**
 * A fitted SVC, NuSVC, SVR or NuSVR as a LIBSVM model file, readable by `svm-predict`.
 * @throws NotFittedError before fit; ConfigError for non-integer class labels
 */
export function saveLibsvmModel(est: LibsvmEstimator): string {
  if (est instanceof SVC || est instanceof NuSVC) return writeLibsvmModel(est.model, est.classes);
  if (est instanceof SVR || est instanceof NuSVR) return writeLibsvmModel(est.model);
  throw new ConfigError('saveLibsvmModel: expected a fitted SVC, NuSVC, SVR or NuSVR.');
}

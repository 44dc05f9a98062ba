/** Keras-style models as scikit-learn-style estimators (scikeras' wrappers). */
export { KerasClassifier, type KerasClassifierOptions } from './KerasClassifier.js';
export { KerasRegressor, type KerasRegressorOptions } from './KerasRegressor.js';
export type { KerasWrapperOptions } from './kerasCommon.js';
export {
  type KerasBuildParams,
  type KerasModelBuilder,
  registerKerasModel,
  registeredKerasModels,
} from './modelBuilders.js';

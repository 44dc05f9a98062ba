/**
 * Metrics for classification and regression, shared by the scikit-learn-style estimators and the Keras-style
 * models. Every function follows scikit-learn 1.2's definition, edge cases and warnings included; the golden
 * tests in test/metrics compare them with values computed by scikit-learn.
 */
export type {
  Average as MetricAverage,
  Label,
  LabelInput,
  NumericArray,
  NumericMatrix,
  NumericVector,
  SampleWeight,
  ScoreInput,
  TargetType,
  ZeroDivision,
} from './core/types.js';
export type { PrfsOptions } from './core/prfs.js';
export type { PrfMetric } from './core/prfDivide.js';
export type { Multioutput, RawValues, RegressionInput, RegressionOptions } from './core/regressionTargets.js';

export { accuracyScore, type AccuracyScoreOptions } from './accuracyScore.js';
export { auc } from './auc.js';
export { averagePrecisionScore, type AveragePrecisionScoreOptions } from './averagePrecisionScore.js';
export { balancedAccuracyScore, type BalancedAccuracyScoreOptions } from './balancedAccuracyScore.js';
export { brierScoreLoss, type BrierScoreLossOptions } from './brierScoreLoss.js';
export {
  classificationReport,
  type ClassificationReportDict,
  type ClassificationReportOptions,
  type ReportRow,
} from './classificationReport.js';
export { cohenKappaScore, type CohenKappaScoreOptions } from './cohenKappaScore.js';
export { confusionMatrix, type ConfusionMatrixOptions } from './confusionMatrix.js';
export { explainedVarianceScore, type ExplainedVarianceScoreOptions } from './explainedVarianceScore.js';
export { f1Score } from './f1Score.js';
export { fbetaScore, type FbetaScoreOptions } from './fbetaScore.js';
export { hingeLoss, type HingeLossOptions } from './hingeLoss.js';
export { logLoss, type LogLossOptions } from './logLoss.js';
export { matthewsCorrcoef, type MatthewsCorrcoefOptions } from './matthewsCorrcoef.js';
export { maxError } from './maxError.js';
export { meanAbsoluteError } from './meanAbsoluteError.js';
export { meanAbsolutePercentageError } from './meanAbsolutePercentageError.js';
export { meanSquaredError, type MeanSquaredErrorOptions } from './meanSquaredError.js';
export { medianAbsoluteError } from './medianAbsoluteError.js';
export { multilabelConfusionMatrix, type MultilabelConfusionMatrixOptions } from './multilabelConfusionMatrix.js';
export {
  precisionRecallCurve,
  type PrecisionRecallCurveOptions,
  type PrecisionRecallCurveResult,
} from './precisionRecallCurve.js';
export {
  precisionRecallFscoreSupport,
  type PrecisionRecallFscoreSupportOptions,
  type PrfsAveraged,
  type PrfsPerLabel,
} from './precisionRecallFscoreSupport.js';
export { precisionScore } from './precisionScore.js';
export { r2Score, type R2ScoreOptions } from './r2Score.js';
export { recallScore } from './recallScore.js';
export { rocAucScore, type RocAucScoreOptions } from './rocAucScore.js';
export { rocCurve, type RocCurveOptions, type RocCurveResult } from './rocCurve.js';
export { rootMeanSquaredError } from './rootMeanSquaredError.js';
export { topKAccuracyScore, type TopKAccuracyScoreOptions } from './topKAccuracyScore.js';
export { typeOfTarget } from './typeOfTarget.js';

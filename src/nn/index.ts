/**
 * lsml.nn: Keras-style neural networks — layers, Sequential and functional models, losses, metrics, callbacks,
 * save/load. See docs/nn.md.
 */
export { ACTIVATIONS, type ActivationFn, getActivation } from './activations.js';
export { Callback, CallbackList, type Logs, type TrainingModel, type TrainingParams } from './callbacks/Callback.js';
export { CSVLogger, type CSVLoggerConfig } from './callbacks/CSVLogger.js';
export { EarlyStopping, type EarlyStoppingConfig } from './callbacks/EarlyStopping.js';
export { History } from './callbacks/History.js';
export { LearningRateScheduler } from './callbacks/LearningRateScheduler.js';
export { ModelCheckpoint, type ModelCheckpointConfig, formatCheckpointPath } from './callbacks/ModelCheckpoint.js';
export { ProgressLogger, type ProgressStream } from './callbacks/ProgressLogger.js';
export { ProgressReporter } from './callbacks/ProgressReporter.js';
export { ReduceLROnPlateau, type ReduceLROnPlateauConfig } from './callbacks/ReduceLROnPlateau.js';
export { TerminateOnNaN } from './callbacks/TerminateOnNaN.js';
export { type InputSpec, checkInputSpec } from './engine/InputSpec.js';
export { type CallOptions, type FloatDType, Layer, type LayerArgs, type LayerConfig } from './engine/Layer.js';
export { LayerWeight } from './engine/LayerWeight.js';
export { clearSession } from './engine/naming.js';
export { type LayerClass, deserializeLayer, registerLayer } from './engine/registry.js';
export { type Shape, formatDims } from './engine/shape.js';
export { Node, SymbolicTensor } from './engine/SymbolicTensor.js';
export * from './initializers/index.js';
export * from './layers/all.js';
export type { ActivationConfig } from './layers/Activation.js';
export type { BatchNormalizationConfig } from './layers/BatchNormalization.js';
export type { Conv2DConfig } from './layers/Conv2D.js';
export type { DenseConfig } from './layers/Dense.js';
export type { DropoutConfig } from './layers/Dropout.js';
export type { EmbeddingConfig } from './layers/Embedding.js';
export type { InputConfig } from './layers/InputLayer.js';
export type { ConcatenateConfig } from './layers/merge.js';
export type { Pooling2DConfig } from './layers/Pooling2D.js';
export type { ReshapeConfig } from './layers/Reshape.js';
export type { BidirectionalConfig, MergeMode } from './layers/rnn/Bidirectional.js';
export type { GRUConfig } from './layers/rnn/GRU.js';
export type { LSTMConfig } from './layers/rnn/LSTM.js';
export { RNNBase, type RNNConfig } from './layers/rnn/RNNBase.js';
export { gruSequence } from './layers/rnn/gruSequence.js';
export { lstmSequence } from './layers/rnn/lstmSequence.js';
export { simpleRnnSequence } from './layers/rnn/simpleRnnSequence.js';
export type { TimeDistributedConfig } from './layers/TimeDistributed.js';
/** The per-example loss functions, namespaced like keras.losses: losses.categoricalCrossentropy(yTrue, yPred). */
export * as losses from './losses/lossFunctions.js';
export {
  BinaryCrossentropy,
  CategoricalCrossentropy,
  Hinge,
  Huber,
  Loss,
  type LossFn,
  type LossIdentifier,
  MeanAbsoluteError,
  MeanSquaredError,
  SparseCategoricalCrossentropy,
  SquaredHinge,
  getLoss,
} from './losses/Loss.js';
export { BinaryAccuracy, CategoricalAccuracy, SparseCategoricalAccuracy } from './metrics/accuracy.js';
export { AUC, type AUCConfig } from './metrics/AUC.js';
export { type MetricIdentifier, getMetric } from './metrics/getMetric.js';
export { Mean, Metric } from './metrics/Metric.js';
export { type ConfusionMetricConfig, Precision, Recall } from './metrics/PrecisionRecall.js';
export { MeanAbsoluteErrorMetric, MeanSquaredErrorMetric } from './metrics/regression.js';
export type { BatchLike, BatchSource, ModelData } from './models/data.js';
export { Functional, type FunctionalArgs } from './models/Functional.js';
export {
  type BatchOptions as ModelBatchOptions,
  type CompileArgs,
  type EvaluateOptions,
  type FitOptions as ModelFitOptions,
  Model,
  type PredictOptions,
  type SaveOptions,
} from './models/Model.js';
export { Sequential, type SequentialArgs } from './models/Sequential.js';
export { loadModel } from './saving/loadModel.js';

export { Adagrad, type AdagradConfig } from './Adagrad.js';
export { Adam, type AdamConfig } from './Adam.js';
export { AdamW } from './AdamW.js';
export { clipGradients, type ClipOptions } from './clipGradients.js';
export { getOptimizer, optimizerFromConfig } from './getOptimizer.js';
export {
  type FloatArray,
  Optimizer,
  type OptimizerConfig,
  type SlotSpec,
  type SlotValue,
  type Slots,
} from './Optimizer.js';
export { RMSprop, type RMSpropConfig } from './RMSprop.js';
export { SGD, type SGDConfig } from './SGD.js';
export { CosineDecay, type CosineDecayConfig } from './schedules/CosineDecay.js';
export { ExponentialDecay, type ExponentialDecayConfig } from './schedules/ExponentialDecay.js';
export { LearningRateSchedule, type SerializedObject } from './schedules/LearningRateSchedule.js';
export { LinearWarmup, type LinearWarmupConfig } from './schedules/LinearWarmup.js';
export { PiecewiseConstantDecay, type PiecewiseConstantDecayConfig } from './schedules/PiecewiseConstantDecay.js';
export { scheduleFromConfig } from './schedules/scheduleFromConfig.js';
export { StepDecay, type StepDecayConfig } from './schedules/StepDecay.js';

export { Constant, Ones, Zeros } from './constant.js';
export { getInitializer, type InitializerIdentifier } from './getInitializer.js';
export { computeFans, Initializer } from './Initializer.js';
export { Orthogonal } from './Orthogonal.js';
export { type NormalConfig, RandomNormal, RandomUniform, TruncatedNormal, type UniformConfig } from './random.js';
export {
  GlorotNormal,
  GlorotUniform,
  HeNormal,
  HeUniform,
  LecunNormal,
  LecunUniform,
  VarianceScaling,
  type VarianceScalingConfig,
} from './VarianceScaling.js';

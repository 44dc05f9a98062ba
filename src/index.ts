/**
 * lsml: large-scale machine learning in TypeScript. The public API, layer by layer (see shared/DESIGN.md).
 */
export * from './errors/index.js';
export { Random, setGlobalSeed, withGlobalSeed } from './util/random.js';
export { type LsmlWarning, captureWarnings, onWarning, warn } from './util/warnings.js';
export type { ProgressCallback, ProgressEvent } from './util/progress.js';
export * from './tensor/index.js';
export {
  type Backend,
  type KernelMap,
  type KernelName,
  type WasmBackendInfo,
  getBackend,
  getKernel,
  initWasmBackend,
  listBackends,
  referenceBackend,
  registerBackend,
  setBackend,
  wasmBackend,
  wasmBackendInfo,
} from './backend/index.js';
export * from './autograd/index.js';
export * from './ops/index.js';
export * from './metrics/index.js';
export * from './estimators/index.js';
export * from './selection/index.js';
export * from './preprocessing/index.js';
export * from './data/index.js';
export * from './optim/index.js';
export * from './nn/index.js';

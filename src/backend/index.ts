export * from './kernels.js';
export * from './registry.js';
export { referenceBackend } from './reference/index.js';

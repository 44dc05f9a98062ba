export * from './kernels.js';
export * from './registry.js';
export { referenceBackend } from './reference/index.js';
export { initWasmBackend, wasmBackend, wasmBackendInfo, type WasmBackendInfo } from './wasm/index.js';

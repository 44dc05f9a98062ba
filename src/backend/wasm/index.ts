export { initWasmBackend, wasmBackend, wasmBackendInfo, type WasmBackendInfo, wasmRouting } from './wasmBackend.js';
export { simdSupported as wasmSupported } from './wasmModule.js';

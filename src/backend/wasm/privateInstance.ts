import { type LoadedModule, loadModule, simdSupported } from './wasmModule.js';

const PAGE = 65536;

/**
 * The kernel module instantiated on an unshared memory of its own, for a caller that keeps its data in WebAssembly
 * memory across many small calls and calls exported functions directly on its own thread (the SVM solvers' kernel
 * rows). Unlike `WasmRuntime`, nothing else allocates in this memory: bytes from `base` on are the caller's.
 */
export interface PrivateInstance {
  /** The memory (its buffer is replaced if it grows; take views after sizing it). */
  readonly memory: WebAssembly.Memory;
  /** The module's exports (the functions of assembly/index.ts). */
  readonly exports: WebAssembly.Exports;
  /** First byte free for the caller (after the module's static data, 64-byte aligned). */
  readonly base: number;
}

let loaded: LoadedModule | null | undefined;

/** The module compiled once for unshared memories, or null without WebAssembly SIMD or when it fails to compile. */
function compiled(): LoadedModule | null {
  if (loaded === undefined) {
    try {
      loaded = simdSupported() ? loadModule(false) : null;
    } catch {
      loaded = null;
    }
  }
  return loaded;
}

/**
 * A private instance with at least `bytes` free from its `base`.
 * @param bytes bytes the caller needs
 * @returns the instance, or null when WebAssembly SIMD is unavailable or the memory cannot be had (the caller then
 *   keeps its TypeScript loops)
 */
export function createPrivateInstance(bytes: number): PrivateInstance | null {
  const lm = compiled();
  if (lm === null || !(bytes >= 0)) return null;
  try {
    // one page for the module's static data (its heap base is read after instantiation; checked below)
    const pages = Math.ceil((bytes + PAGE) / PAGE) + 1;
    if (pages > lm.maxPages) return null;
    const memory = new WebAssembly.Memory({ initial: pages, maximum: lm.maxPages });
    const instance = new WebAssembly.Instance(lm.module, { env: { memory } });
    const base = Math.ceil((instance.exports.heapBase as () => number)() / 64) * 64;
    if (base + bytes > memory.buffer.byteLength)
      memory.grow(Math.ceil((base + bytes - memory.buffer.byteLength) / PAGE));
    return { memory, exports: instance.exports, base };
  } catch {
    return null;
  }
}

import { MAX_MEMORY_PAGES, RELAXED_WASM_BASE64, SIMD_WASM_BASE64 } from './generated/wasmBinaries.js';
import { envVar, nodeBuiltin, nodeMajor } from './environment.js';

/** Which build of the kernels runs. */
export type WasmVariant = 'relaxed' | 'simd';

// The smallest modules using one SIMD instruction (i32x4.splat) and one relaxed-SIMD instruction
// (f32x4.relaxed_madd); WebAssembly.validate tells whether this engine has each feature.
const SIMD_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 8, 1, 6, 0, 65, 0, 253, 17, 11,
]);
const RELAXED_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 19, 1, 17, 0, 65, 0, 253, 17, 65, 0, 253, 17, 65,
  0, 253, 17, 253, 133, 2, 11,
]);

function validates(bytes: Uint8Array<ArrayBuffer>): boolean {
  try {
    return typeof WebAssembly === 'object' && WebAssembly.validate(bytes);
  } catch {
    return false;
  }
}

/** True when this engine runs WebAssembly SIMD (Node >= 16.4, every current browser). */
export function simdSupported(): boolean {
  return validates(SIMD_PROBE);
}

/**
 * True when relaxed SIMD is available. Node 20 (V8 11.3) has it behind a flag, which is turned on here:
 * the flag only enables that instruction set and must be set before the module is compiled.
 */
function relaxedAvailable(): boolean {
  if (validates(RELAXED_PROBE)) return true;
  if (nodeMajor() === 20 || nodeMajor() === 21) {
    nodeBuiltin<{ setFlagsFromString: (f: string) => void }>('node:v8')?.setFlagsFromString(
      '--experimental-wasm-relaxed-simd',
    );
    return validates(RELAXED_PROBE);
  }
  return false;
}

/**
 * The variant to run: relaxed SIMD (fused multiply-add, about 20% faster GEMM, results depend on the CPU's
 * FMA support in the last bit) unless LSML_WASM_SIMD=strict or the engine lacks it.
 */
export function chooseVariant(): WasmVariant {
  return envVar('LSML_WASM_SIMD') !== 'strict' && relaxedAvailable() ? 'relaxed' : 'simd';
}

function decodeBase64(text: string): Uint8Array {
  const B = (globalThis as { Buffer?: { from: (s: string, e: string) => Uint8Array } }).Buffer;
  if (B) return new Uint8Array(B.from(text, 'base64'));
  const bin = atob(text);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/**
 * Clears the "shared" flag of the imported memory (limits flag 0x03 → 0x01), for engines without
 * SharedArrayBuffer (a browser page that is not cross-origin isolated). Atomic instructions stay valid on an
 * unshared memory; the module then runs on the calling thread only.
 */
export function unshareMemoryImport(bytes: Uint8Array): Uint8Array {
  const out = bytes.slice();
  let at = 8;
  const leb = (): number => {
    let v = 0;
    let shift = 0;
    for (;;) {
      const byte = out[at++] as number;
      v |= (byte & 0x7f) << shift;
      if (byte < 0x80) return v >>> 0;
      shift += 7;
    }
  };
  const skipName = (): void => {
    const len = leb();
    at += len;
  };
  while (at < out.length) {
    const id = out[at++] as number;
    const size = leb();
    const end = at + size;
    if (id === 2) {
      const count = leb();
      for (let i = 0; i < count; i++) {
        skipName();
        skipName();
        const kind = out[at++] as number;
        if (kind === 2) {
          if (out[at] === 3) out[at] = 1;
          return out;
        }
        // Functions (0) carry a type index, tables (1) a type and limits, globals (3) a type and mutability.
        if (kind === 0) leb();
        else if (kind === 1) {
          at++;
          const flag = out[at++] as number;
          leb();
          if (flag & 1) leb();
        } else at += 2;
      }
    }
    at = end;
  }
  return out;
}

/** A compiled kernel module and the memory to instantiate it with. */
export interface LoadedModule {
  module: WebAssembly.Module;
  variant: WasmVariant;
  shared: boolean;
  maxPages: number;
}

function moduleBytes(shared: boolean): { bytes: Uint8Array<ArrayBuffer>; variant: WasmVariant } {
  const variant = chooseVariant();
  let bytes = decodeBase64(variant === 'relaxed' ? RELAXED_WASM_BASE64 : SIMD_WASM_BASE64);
  if (!shared) bytes = unshareMemoryImport(bytes);
  return { bytes: bytes as Uint8Array<ArrayBuffer>, variant };
}

/** Compiles the kernels synchronously (the caller has checked `simdSupported()`). */
export function loadModule(shared: boolean): LoadedModule {
  const { bytes, variant } = moduleBytes(shared);
  return { module: new WebAssembly.Module(bytes), variant, shared, maxPages: MAX_MEMORY_PAGES };
}

/** Compiles the kernels asynchronously (needed on a browser's main thread, which refuses large sync compiles). */
export async function loadModuleAsync(shared: boolean): Promise<LoadedModule> {
  const { bytes, variant } = moduleBytes(shared);
  return { module: await WebAssembly.compile(bytes), variant, shared, maxPages: MAX_MEMORY_PAGES };
}

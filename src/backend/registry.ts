import { BackendError, KernelNotFoundError } from '../errors/errors.js';
import type { Backend, KernelMap, KernelName } from './kernels.js';
import { referenceBackend } from './reference/index.js';
import { wasmBackend, wasmSupported } from './wasm/index.js';

interface Registration {
  backend: Backend;
  priority: number;
}

// The reference backend is always there, at the lowest priority, so every op works out of the box.
const registry = new Map<string, Registration>([['reference', { backend: referenceBackend, priority: 0 }]]);
// The wasm backend (WebAssembly SIMD kernels on every core) is the default wherever WebAssembly SIMD validates.
if (wasmSupported()) registry.set('wasm', { backend: wasmBackend, priority: 1 });
let active: Backend | null = null;
// True once a backend was chosen by name (setBackend or LSML_BACKEND); registering another then changes nothing.
let chosenByName = false;

/**
 * Registers a backend. The highest-priority registered backend becomes active unless one was chosen with
 * `setBackend`.
 */
export function registerBackend(backend: Backend, priority = 0): void {
  registry.set(backend.name, { backend, priority });
  if (!chosenByName) active = null; // re-pick by priority on next use
}

/** Makes the backend called `name` the active one. */
export function setBackend(name: string): void {
  const reg = registry.get(name);
  if (!reg) {
    throw new BackendError(
      `setBackend: no backend named ${JSON.stringify(name)}; registered: ${[...registry.keys()].join(', ') || 'none'}.`,
      { backend: name },
    );
  }
  active = reg.backend;
  chosenByName = true;
}

/** The backend named by the LSML_BACKEND environment variable (Node only), if any. */
function backendFromEnvironment(): string | undefined {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  return env?.LSML_BACKEND || undefined;
}

/**
 * The active backend: the one chosen by `setBackend`, else the one named by LSML_BACKEND, else the
 * highest-priority registered one.
 */
export function getBackend(): Backend {
  if (active) return active;
  const requested = backendFromEnvironment();
  if (requested !== undefined) {
    setBackend(requested);
    return getBackend();
  }
  let best: Registration | undefined;
  for (const reg of registry.values()) if (!best || reg.priority > best.priority) best = reg;
  if (!best) throw new BackendError('No backend is registered.');
  active = best.backend;
  return active;
}

/** Names of the registered backends. */
export function listBackends(): string[] {
  return [...registry.keys()];
}

/** The active backend's kernel called `name`; throws `KernelNotFoundError` naming kernel and backend. */
export function getKernel<K extends KernelName>(name: K): KernelMap[K] {
  const backend = getBackend();
  const kernel = backend.kernels[name];
  if (!kernel) throw new KernelNotFoundError(name, backend.name);
  return kernel as KernelMap[K];
}

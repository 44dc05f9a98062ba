import { BackendError } from '../../errors/errors.js';
import {
  CTRL_BYTES,
  CTRL_DONE,
  CTRL_ERROR,
  CTRL_PARAMS,
  CTRL_READY,
  CTRL_SCRATCH,
  PARAM_SLOTS,
  SCRATCH_BYTES,
} from './abi.js';
import { availableCores, canBlock, envVar, inNodeWorker } from './environment.js';
import { startWorkers } from './threadPool.js';
import { type LoadedModule, type WasmVariant, loadModule, loadModuleAsync, simdSupported } from './wasmModule.js';

interface KernelExports {
  heapBase(): number;
  work(ctrl: number, tid: number): void;
  lockPhase(ctrl: number): void;
  openPhase(ctrl: number, kernel: number, count: number, wake: number): void;
}

const PAGE = 65536;

/** A kernel call needs more than the 4 GiB a wasm32 memory can hold; the backend then uses the reference. */
export class ArenaFullError extends BackendError {}
/** Most bytes retained blocks may hold together; beyond it `retain` declines and callers copy instead. */
const RETAIN_LIMIT = 512 << 20;

/**
 * A block of wasm memory kept across kernel calls (see WasmRuntime.retain): `at` is its address while `live`.
 * Released blocks are reclaimed from the top of the retained stack down.
 */
export interface RetainedBlock {
  readonly at: number;
  readonly end: number;
  live: boolean;
}

/** Spin iterations before sleeping in Atomics.wait (tens of microseconds): phases of one kernel follow each other faster. */
const SPIN = 20000;

/**
 * Participants (calling thread + workers): LSML_THREADS, else the available cores; inside a Node worker thread
 * (the `threads` executor runs one training shard per worker) 1, so pools do not multiply.
 */
export function configuredThreads(): number {
  const raw = envVar('LSML_THREADS');
  const n = raw === undefined || raw === '' ? (inNodeWorker() ? 1 : availableCores()) : Number(raw);
  if (!Number.isInteger(n) || n < 1) {
    throw new BackendError(`wasm backend: LSML_THREADS must be a positive integer; received ${JSON.stringify(raw)}.`, {
      backend: 'wasm',
    });
  }
  return Math.min(n, 64);
}

/** Options of a runtime. */
export interface RuntimeOptions {
  /** Use a shared memory and worker threads (default: where the host allows it). */
  shared?: boolean;
  /** Threads for parallel kernels, the calling one included (default LSML_THREADS, else the available cores). */
  threads?: number;
}

/** A compiled module, its memory and its instance on that memory. */
interface Prepared {
  loaded: LoadedModule;
  memory: WebAssembly.Memory;
  maxPages: number;
  instance: WebAssembly.Instance;
}

function sharedFor(options: RuntimeOptions): boolean {
  if (!simdSupported()) throw new BackendError('wasm backend: this engine has no WebAssembly SIMD.');
  return options.shared ?? (typeof SharedArrayBuffer !== 'undefined' && canBlock());
}

function prepare(shared: boolean): Prepared {
  const loaded = loadModule(shared);
  const { memory, maxPages } = createMemory(shared, loaded.maxPages);
  return { loaded, memory, maxPages, instance: new WebAssembly.Instance(loaded.module, { env: { memory } }) };
}

/**
 * The WebAssembly side of the backend: one memory shared by the calling thread and the workers, the
 * control block they coordinate through, and an arena for each kernel call's buffers.
 *
 * Memory ownership: every kernel call starts a fresh arena (`begin`), copies its inputs in, runs, and copies
 * its result out into a plain typed array that the garbage collector owns. The memory only grows, to the
 * largest single call so far, and is reused by every later call: it never grows with the number of calls.
 * The one exception is a retained block (`retain`): it lies below the arena until `release`, so a kernel can leave
 * results there for a later call (the LSTM forward leaves its saved state for its backward).
 */
export class WasmRuntime {
  readonly variant: WasmVariant;
  readonly shared: boolean;
  /** Threads a parallel phase may use, the calling one included. */
  readonly threads: number;
  /** Bytes the memory may grow to. */
  readonly maxBytes: number;
  /** Staging for the next phase's parameter slots (i32 view and f32 view of the same words). */
  readonly p: Int32Array;
  readonly pf: Float32Array;
  private readonly module: WebAssembly.Module;
  private readonly memory: WebAssembly.Memory;
  private readonly exports: KernelExports;
  private readonly ctrl: number;
  private readonly arenaBase: number;
  private top: number;
  /** Retained blocks, lowest first; the arena starts above the last one. */
  private readonly retained: RetainedBlock[] = [];
  private retainedTop: number;
  private workersWanted: number;
  private workersStarted = 0;
  private broken: string | null = null;
  /** Views of the whole memory (replaced when it grows). */
  f32!: Float32Array;
  i32!: Int32Array;

  /**
   * Compiles and instantiates the kernels synchronously (or takes them `prepared` by `create`).
   * @throws BackendError without WebAssembly SIMD, or for a bad LSML_THREADS.
   */
  constructor(options: RuntimeOptions = {}, prepared?: Prepared) {
    const threads = options.threads ?? configuredThreads();
    const { loaded, memory, maxPages, instance } = prepared ?? prepare(sharedFor(options));
    this.module = loaded.module;
    this.variant = loaded.variant;
    this.shared = loaded.shared;
    this.memory = memory;
    this.maxBytes = maxPages * PAGE;
    this.exports = instance.exports as unknown as KernelExports;
    this.refreshViews();
    this.ctrl = align(this.exports.heapBase(), 64);
    const scratch = this.ctrl + CTRL_BYTES;
    this.i32[(this.ctrl + CTRL_SCRATCH) >> 2] = scratch;
    this.arenaBase = align(scratch + threads * SCRATCH_BYTES, 64);
    this.top = this.arenaBase;
    this.retainedTop = this.arenaBase;
    this.threads = this.shared ? threads : 1;
    this.workersWanted = this.threads - 1;
    const staging = new ArrayBuffer(PARAM_SLOTS * 4);
    this.p = new Int32Array(staging);
    this.pf = new Float32Array(staging);
  }

  /** Like the constructor, but compiles and instantiates asynchronously (for a browser's main thread). */
  static async create(options: RuntimeOptions = {}): Promise<WasmRuntime> {
    const shared = sharedFor(options);
    const loaded = await loadModuleAsync(shared);
    const { memory, maxPages } = createMemory(shared, loaded.maxPages);
    const instance = await WebAssembly.instantiate(loaded.module, { env: { memory } });
    return new WasmRuntime(options, { loaded, memory, maxPages, instance });
  }

  /** Workers that have started and joined the pool. */
  get workersReady(): number {
    return Atomics.load(this.i32, (this.ctrl + CTRL_READY) >> 2);
  }

  /** Current size of the WebAssembly memory in bytes. */
  get memoryBytes(): number {
    return this.memory.buffer.byteLength;
  }

  /** Why the runtime stopped (a kernel trapped), or null while it works. */
  get disabledReason(): string | null {
    return this.broken;
  }

  /** Starts a kernel call: the arena is empty again (it starts above the retained blocks). */
  begin(): void {
    this.top = this.retainedTop;
  }

  /** Bytes held by retained blocks, released ones below a live one included. */
  get retainedBytes(): number {
    return this.retainedTop - this.arenaBase;
  }

  /** Retained blocks still live. */
  get retainedLive(): number {
    let n = 0;
    for (const b of this.retained) if (b.live) n++;
    return n;
  }

  /**
   * Reserves `bytes` that survive later kernel calls until `release`: call it before `begin`, never inside a
   * kernel call (the arena of the call in progress would overlap). Returns null, reserving nothing, when the
   * retained blocks would pass their limit (512 MiB) or the memory's.
   */
  retain(bytes: number): RetainedBlock | null {
    const at = align(this.retainedTop, 64);
    const end = align(at + bytes + 16, 64);
    if (end - this.arenaBase > RETAIN_LIMIT || end > this.maxBytes) return null;
    this.ensure(end);
    const block: RetainedBlock = { at, end, live: true };
    this.retained.push(block);
    this.retainedTop = end;
    this.top = end;
    return block;
  }

  /** Gives a retained block back (again: no effect); the memory of released blocks on top of the stack is reused. */
  release(block: RetainedBlock): void {
    block.live = false;
    const stack = this.retained;
    while (stack.length > 0 && !(stack[stack.length - 1] as RetainedBlock).live) stack.pop();
    this.retainedTop = stack.length > 0 ? (stack[stack.length - 1] as RetainedBlock).end : this.arenaBase;
  }

  /** Reserves `bytes` in the arena (64-byte aligned, with 16 bytes of slack for vector over-reads). */
  alloc(bytes: number): number {
    const at = align(this.top, 64);
    const end = at + bytes + 16;
    if (end > this.maxBytes) {
      throw new ArenaFullError(`wasm backend: a kernel needs ${end} bytes; the memory is limited to ${this.maxBytes}.`);
    }
    this.ensure(end);
    this.top = end;
    return at;
  }

  /** Grows the memory to hold `end` bytes. */
  private ensure(end: number): void {
    const size = this.memory.buffer.byteLength;
    if (end > size) {
      // Grow to the new high-water mark (rounded to 1 MiB); memory is never returned, but reused by every call.
      const target = Math.min(this.maxBytes, align(end, 1 << 20));
      this.memory.grow((target - size) / PAGE);
      this.refreshViews();
    }
  }

  /** Copies a float32 or int32 array into the arena; returns its address. */
  copyIn(data: Float32Array | Int32Array): number {
    const at = this.alloc(data.length * 4);
    if (data instanceof Float32Array) this.f32.set(data, at >> 2);
    else this.i32.set(data, at >> 2);
    return at;
  }

  /** Copies an int32 list into the arena; returns its address. */
  copyInts(values: readonly number[]): number {
    const at = this.alloc(values.length * 4);
    for (let i = 0; i < values.length; i++) this.i32[(at >> 2) + i] = values[i] as number;
    return at;
  }

  /** A new float32 array holding `n` floats at `at`. */
  readF32(at: number, n: number): Float32Array {
    const out = new Float32Array(n);
    out.set(this.f32.subarray(at >> 2, (at >> 2) + n));
    return out;
  }

  /** A new int32 array holding `n` ints at `at`. */
  readI32(at: number, n: number): Int32Array {
    const out = new Int32Array(n);
    out.set(this.i32.subarray(at >> 2, (at >> 2) + n));
    return out;
  }

  /**
   * Runs one phase: `count` tasks of `kernel` with the staged parameters. With `parallel`, idle workers are
   * woken and claim tasks beside the calling thread; either way the call returns when every task is done.
   */
  run(kernel: number, count: number, parallel: boolean): void {
    if (count <= 0) return;
    const wake = parallel && this.threads > 1 && count > 1;
    if (wake && this.workersStarted < this.workersWanted) this.startPool();
    const { ctrl, exports } = this;
    exports.lockPhase(ctrl);
    this.i32.set(this.p, (ctrl + CTRL_PARAMS) >> 2);
    exports.openPhase(ctrl, kernel, count, wake ? 1 : 0);
    try {
      exports.work(ctrl, 0);
    } catch (err) {
      this.fail(`a kernel trapped on the calling thread (${String(err)})`);
    }
    // Even an unwoken phase may have lent a task to a worker that was just finishing the previous one.
    this.waitDone(count);
  }

  private waitDone(count: number): void {
    const i32 = this.i32;
    const at = (this.ctrl + CTRL_DONE) >> 2;
    let spins = 0;
    for (;;) {
      const done = Atomics.load(i32, at);
      if (done >= count) break;
      if (++spins < SPIN || !this.shared) continue;
      Atomics.wait(i32, at, done, 100);
    }
    if (Atomics.load(i32, (this.ctrl + CTRL_ERROR) >> 2) !== 0) this.fail('a kernel worker failed');
  }

  private fail(reason: string): never {
    this.broken = reason;
    throw new BackendError(`wasm backend: ${reason}.`, { backend: 'wasm' });
  }

  private startPool(): void {
    const want = this.workersWanted - this.workersStarted;
    this.workersStarted += want;
    const started = startWorkers(want, this.module, this.memory, this.ctrl, SPIN);
    this.workersWanted -= want - started;
  }

  private refreshViews(): void {
    const buffer = this.memory.buffer;
    this.f32 = new Float32Array(buffer);
    this.i32 = new Int32Array(buffer);
  }
}

function align(x: number, to: number): number {
  return Math.ceil(x / to) * to;
}

function createMemory(shared: boolean, limit: number): { memory: WebAssembly.Memory; maxPages: number } {
  // 4 GiB of address space is reserved up front for a shared memory; try smaller limits where that fails.
  for (const maxPages of [limit, 16384, 4096]) {
    try {
      return { memory: new WebAssembly.Memory({ initial: 16, maximum: maxPages, shared }), maxPages };
    } catch {
      // try a smaller reservation
    }
  }
  throw new BackendError('wasm backend: could not create the WebAssembly memory.');
}

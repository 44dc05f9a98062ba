import { BackendError } from '../../errors/errors.js';
import type { RetainedBlock, WasmRuntime } from './runtime.js';

/** Gives back the retained block of a forward state that was collected before its backward ran (or never ran). */
const collected = new FinalizationRegistry<{ rt: WasmRuntime; block: RetainedBlock }>(({ rt, block }) => {
  rt.release(block);
});

/**
 * A forward state kept in a retained block of the runtime's memory for the backward of the same pass (the fused
 * LSTM and convolution + pooling kernels). The block is given back by `release` (the op calls it once backward has
 * run) or, if the state is dropped before, by the garbage collector.
 */
export abstract class RetainedState {
  /**
   * @param rt The runtime that holds `block`.
   * @param block The retained block.
   * @param kernel The forward kernel's name, for the read-after-release error.
   */
  constructor(
    readonly rt: WasmRuntime,
    protected readonly block: RetainedBlock,
    private readonly kernel: string,
  ) {
    collected.register(this, { rt, block }, this);
  }

  /** True once the block was given back: reading the state throws, a backward must run the forward again. */
  get released(): boolean {
    return !this.block.live;
  }

  /** Gives the block back (again: no effect). */
  release(): void {
    if (!this.block.live) return;
    collected.unregister(this);
    this.onRelease();
    this.rt.release(this.block);
  }

  /** What a subclass drops with the block (default nothing). */
  protected onRelease(): void {}

  /** @throws BackendError when the block was given back. */
  protected checkLive(): void {
    if (!this.block.live) {
      throw new BackendError(`wasm backend: ${this.kernel} state read after release(); run the forward again.`, {
        backend: 'wasm',
      });
    }
  }
}

import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { backward, lstm, Tensor } from '../../src/index.js';
import { BackendError } from '../../src/errors/errors.js';
import { RetainedLstmState, wasmLstmSequence, wasmLstmSequenceGrad } from '../../src/backend/wasm/lstm.js';
import { type RetainedBlock, WasmRuntime } from '../../src/backend/wasm/runtime.js';
import type { LSTMSequenceState } from '../../src/backend/kernels.js';
import { Random } from '../../src/util/random.js';
import { testBackends, useBackend } from '../helpers/backends.js';
import { SEED, uniform } from './parityHelpers.js';

/**
 * The wasm LSTM forward keeps its gates, states and cells in a retained block of the runtime's memory for the
 * backward of the same pass. Checked here: backward from the retained block gives exactly the gradients of
 * backward from copied tensors; the block is freed by release (the op calls it after backward, or at once without
 * gradients), by the garbage collector when a forward state is dropped, and retainGraph's second backward (which
 * recomputes the freed state) gives the same gradients as the first.
 */

/** The garbage collector, exposed at run time (deterministic collection for the FinalizationRegistry test). */
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function inputs(B: number, T: number, D: number, H: number) {
  const rng = new Random(SEED + 7);
  return {
    x: uniform(rng, [B, T, D], -1, 1),
    w: uniform(rng, [D, 4 * H], -0.8, 0.8),
    u: uniform(rng, [H, 4 * H], -0.5, 0.5),
    b: uniform(rng, [4 * H], -0.5, 0.5),
    dh: uniform(rng, [B, T, H], -1, 1),
  };
}

const copy = (t: Tensor): Tensor => new Tensor(Float32Array.from(t.data as Float32Array), t.shape);

/** Forward whose state is dropped at once (only the runtime's count of live blocks can see it afterwards). */
function dropForward(rt: WasmRuntime): void {
  const { x, w, u, b } = inputs(3, 4, 5, 6);
  wasmLstmSequence(rt, x, w, u, b, null);
}

describe('LSTMSequence retained state (wasm)', () => {
  it('backward from the retained block equals backward from copies, and release frees the block', () => {
    const rt = new WasmRuntime({ threads: 1 });
    const { x, w, u, b, dh } = inputs(6, 5, 7, 9);
    const state = wasmLstmSequence(rt, x, w, u, b, null);
    expect(state).toBeInstanceOf(RetainedLstmState);
    expect(rt.retainedLive).toBe(1);
    expect(rt.retainedBytes).toBeGreaterThanOrEqual(6 * 5 * 6 * 9 * 4);
    const copied: LSTMSequenceState = { h: copy(state.h), c: copy(state.c), gates: copy(state.gates) };
    const kept = wasmLstmSequenceGrad(rt, dh, x, w, u, true, null, state);
    const fromCopies = wasmLstmSequenceGrad(rt, dh, x, w, u, true, null, copied);
    expect(Array.from(kept.dx.data)).toEqual(Array.from(fromCopies.dx.data));
    expect(Array.from(kept.dKernel.data)).toEqual(Array.from(fromCopies.dKernel.data));
    expect(Array.from(kept.dRecurrentKernel.data)).toEqual(Array.from(fromCopies.dRecurrentKernel.data));
    expect(Array.from(kept.dBias?.data ?? [])).toEqual(Array.from(fromCopies.dBias?.data ?? []));
    // The block survived both backward calls (their arenas start above it): the views still hold the forward's values.
    expect(Array.from(state.gates.data)).toEqual(Array.from(copied.gates.data));
    state.release?.();
    expect(state.released).toBe(true);
    expect(rt.retainedLive).toBe(0);
    expect(rt.retainedBytes).toBe(0);
    expect(() => state.gates).toThrow(BackendError);
    expect(() => state.gates).toThrow('wasm backend: LSTMSequence state read after release(); run the forward again.');
    state.release?.(); // again: no effect
    expect(rt.retainedBytes).toBe(0);
  });

  it('reclaims blocks released out of order once the ones above are released', () => {
    const rt = new WasmRuntime({ threads: 1 });
    const { x, w, u, b } = inputs(4, 3, 5, 8);
    const first = wasmLstmSequence(rt, x, w, u, b, null);
    const one = rt.retainedBytes;
    const second = wasmLstmSequence(rt, x, w, u, b, null);
    expect(rt.retainedBytes).toBe(2 * one);
    first.release?.();
    expect(rt.retainedLive).toBe(1);
    expect(rt.retainedBytes).toBe(2 * one); // below a live block: held until it goes
    expect(Array.from(second.c.data)).toEqual(Array.from(wasmLstmSequence(rt, x, w, u, b, null).c.data));
    second.release?.();
    expect(rt.retainedLive).toBe(1); // the third forward's state, not yet collected
  });

  it('reads h and the last step out of the block: lastStep equals the last step of h, before and after h is read', () => {
    const rt = new WasmRuntime({ threads: 1 });
    const [B, T, H] = [5, 4, 6];
    const { x, w, u, b } = inputs(B, T, 3, H);
    const state = wasmLstmSequence(rt, x, w, u, b, null);
    const before = Array.from(state.lastStep?.().data ?? []);
    const h = state.h.data as Float32Array;
    expect(state.h).toBe(state.h); // copied out once
    const want: number[] = [];
    for (let r = 0; r < B; r++) want.push(...h.subarray((r * T + T - 1) * H, (r * T + T) * H));
    expect(before).toEqual(want);
    expect(Array.from(state.lastStep?.().data ?? [])).toEqual(want);
    state.release?.();
    expect(Array.from(state.h.data)).toEqual(Array.from(h)); // the copy outlives the block
  });

  it('frees the block of a forward state that is garbage-collected without a backward', async () => {
    const rt = new WasmRuntime({ threads: 1 });
    dropForward(rt);
    expect(rt.retainedLive).toBe(1);
    for (let i = 0; i < 50 && rt.retainedLive > 0; i++) {
      gc();
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(rt.retainedLive).toBe(0);
    expect(rt.retainedBytes).toBe(0);
  });
});

for (const backend of testBackends()) {
  describe(`lstm op on ${backend}: saved state lifetime`, () => {
    let restore: () => void;
    beforeAll(() => {
      restore = useBackend(backend);
    });
    afterAll(() => restore());

    function watchBlocks(): { blocks: RetainedBlock[]; stop: () => void } {
      const blocks: RetainedBlock[] = [];
      const original = WasmRuntime.prototype.retain;
      const spy = vi.spyOn(WasmRuntime.prototype, 'retain').mockImplementation(function (this: WasmRuntime, n) {
        const block = original.call(this, n);
        if (block) blocks.push(block);
        return block;
      });
      return { blocks, stop: () => spy.mockRestore() };
    }

    function grads(retain: boolean): { first: number[][]; second: number[][] | null; made: number; live: number } {
      const { x, w, u, b, dh } = inputs(5, 6, 4, 7);
      const params = [x, w, u, b].map((t) => new Tensor(t.data, t.shape, true));
      const [px, pw, pu, pb] = params as [Tensor, Tensor, Tensor, Tensor];
      const watch = watchBlocks();
      try {
        const y = lstm(px, pw, pu, pb, { returnSequences: true });
        backward(y, { gradOutput: dh, retainGraph: retain });
        const first = params.map((p) => Array.from(p.grad?.data ?? []));
        let second: number[][] | null = null;
        if (retain) {
          for (const p of params) p.grad = null;
          backward(y, { gradOutput: dh });
          second = params.map((p) => Array.from(p.grad?.data ?? []));
        }
        return { first, second, made: watch.blocks.length, live: watch.blocks.filter((k) => k.live).length };
      } finally {
        watch.stop();
      }
    }

    it('frees the retained state after backward', () => {
      const run = grads(false);
      expect(run.made).toBe(backend === 'wasm' ? 1 : 0);
      expect(run.live).toBe(0);
    });

    it('frees it at once when no gradient is needed', () => {
      const watch = watchBlocks();
      try {
        const { x, w, u, b } = inputs(5, 6, 4, 7);
        lstm(x, w, u, b);
        expect(watch.blocks.filter((k) => k.live)).toHaveLength(0);
      } finally {
        watch.stop();
      }
    });

    it('gives the same gradients on a second backward with retainGraph', () => {
      const once = grads(false);
      const twice = grads(true);
      expect(twice.first).toEqual(once.first);
      expect(twice.second).toEqual(once.first);
      expect(twice.made).toBe(backend === 'wasm' ? 2 : 0); // the forward, then the recomputation
      expect(twice.live).toBe(0);
    });
  });
}

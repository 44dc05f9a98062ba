import { Tensor } from '../../tensor/Tensor.js';
import { K_SOFTMAX, SM_CHUNK, SM_INNER, SM_N, SM_OP, SM_OUTER, SM_X, SM_Y } from './abi.js';
import type { WasmRuntime } from './runtime.js';

/** Elements from which softmax is split over the threads. */
const PARALLEL_ELEMENTS = 1 << 14;

/** Softmax (log = false) or log-softmax along `axis` of a float32 tensor. */
export function wasmSoftmax(rt: WasmRuntime, x: Tensor, axis: number, log: boolean): Tensor {
  const n = x.shape[axis] as number;
  const inner = x.shape.slice(axis + 1).reduce((p, d) => p * d, 1);
  const outer = x.shape.slice(0, axis).reduce((p, d) => p * d, 1);
  rt.begin();
  const xPtr = rt.copyIn(x.data as Float32Array);
  const yPtr = rt.alloc(x.size * 4);
  const groups = inner === 1 ? outer : outer * Math.ceil(inner / 4);
  const parallel = x.size >= PARALLEL_ELEMENTS;
  const perGroup = inner === 1 ? n : n * 4;
  const chunk = parallel ? Math.max(1, Math.floor(4096 / perGroup)) : groups;
  const p = rt.p;
  p.fill(0);
  p[SM_OP] = log ? 1 : 0;
  p[SM_OUTER] = outer;
  p[SM_N] = n;
  p[SM_INNER] = inner;
  p[SM_X] = xPtr;
  p[SM_Y] = yPtr;
  p[SM_CHUNK] = chunk;
  rt.run(K_SOFTMAX, Math.ceil(groups / chunk), parallel);
  return new Tensor(rt.readF32(yPtr, x.size), x.shape);
}

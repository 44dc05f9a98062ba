import { broadcastShapes, sizeOf } from '../../tensor/shape.js';
import { Tensor } from '../../tensor/Tensor.js';
import { A_MATRIX } from './abi.js';
import { batchOffsets } from './batching.js';
import { gemm } from './gemm.js';
import type { WasmRuntime } from './runtime.js';

/**
 * Batched float32 matrix product over the last two axes (batch axes broadcast) on the wasm GEMM. When B is
 * shared by every batch and A is not transposed, the batches fold into the rows of one large GEMM.
 */
export function wasmMatMul(rt: WasmRuntime, a: Tensor, b: Tensor, transposeA: boolean, transposeB: boolean): Tensor {
  const ra = a.rank;
  const rb = b.rank;
  const m = a.shape[transposeA ? ra - 1 : ra - 2] as number;
  const k = a.shape[transposeA ? ra - 2 : ra - 1] as number;
  const n = b.shape[transposeB ? rb - 2 : rb - 1] as number;
  const batchShape = broadcastShapes(a.shape.slice(0, -2), b.shape.slice(0, -2), 'matMul');
  const batch = sizeOf(batchShape);
  const aOffsets = batchOffsets(a.shape.slice(0, -2), batchShape, m * k);
  const bOffsets = batchOffsets(b.shape.slice(0, -2), batchShape, k * n);
  rt.begin();
  const aPtr = rt.copyIn(a.data as Float32Array);
  const bPtr = rt.copyIn(b.data as Float32Array);
  const cPtr = rt.alloc(batch * m * n * 4);
  const fold =
    !transposeA && batch > 1 && bOffsets.every((o) => o === bOffsets[0]) && aOffsets.every((o, t) => o === t * m * k);
  const nb = fold ? 1 : batch;
  gemm(rt, {
    nb,
    m: fold ? batch * m : m,
    n,
    k,
    a: {
      mode: A_MATRIX,
      rs: transposeA ? 1 : k,
      cs: transposeA ? m : 1,
      addrs: fold ? [aPtr] : aOffsets.map((o) => aPtr + 4 * o),
    },
    b: { rs: transposeB ? 1 : n, cs: transposeB ? k : 1, addrs: (fold ? [0] : bOffsets).map((o) => bPtr + 4 * o) },
    c: cPtr,
    ldc: n,
    cStride: m * n * 4,
  });
  return new Tensor(rt.readF32(cPtr, batch * m * n), [...batchShape, m, n]);
}

import { record } from '../autograd/tape.js';
import { getKernel } from '../backend/registry.js';
import { DTypeError, ShapeError } from '../errors/errors.js';
import { broadcastShapes } from '../tensor/shape.js';
import type { Tensor } from '../tensor/Tensor.js';
import { formatShape } from '../util/format.js';
import { unbroadcast } from './kernelMath.js';
import { checkTensor } from './operands.js';

/** Options of `matmul`. */
export interface MatMulOptions {
  /** Use the transpose of a's last two axes. */
  transposeA?: boolean;
  /** Use the transpose of b's last two axes. */
  transposeB?: boolean;
}

/**
 * Matrix product over the last two axes, batched over the leading ones (which broadcast):
 * [..., m, k] · [..., k, n] → [..., m, n].
 * @throws ShapeError when a rank is below 2 or the inner dimensions differ.
 */
export function matmul(a: Tensor, b: Tensor, { transposeA = false, transposeB = false }: MatMulOptions = {}): Tensor {
  checkTensor(a, 'matmul', 'a');
  checkTensor(b, 'matmul', 'b');
  if (a.dtype !== b.dtype) {
    throw new DTypeError(`matmul: dtypes differ: a is ${a.dtype}, b is ${b.dtype}; convert one with cast().`, {
      op: 'matmul',
    });
  }
  if (a.rank < 2 || b.rank < 2) {
    throw new ShapeError(
      `matmul: expected tensors of rank >= 2; received shapes ${formatShape(a.shape)} and ${formatShape(b.shape)}. Reshape a vector to [n, 1] or [1, n].`,
      { op: 'matmul', shapeA: [...a.shape], shapeB: [...b.shape] },
    );
  }
  const ka = a.shape[transposeA ? a.rank - 2 : a.rank - 1];
  const kb = b.shape[transposeB ? b.rank - 1 : b.rank - 2];
  if (ka !== kb) {
    throw new ShapeError(
      `matmul: inner dimensions differ: a ${formatShape(a.shape)}${transposeA ? ' (transposed)' : ''} has ${ka} columns, b ${formatShape(b.shape)}${transposeB ? ' (transposed)' : ''} has ${kb} rows.`,
      { op: 'matmul', shapeA: [...a.shape], shapeB: [...b.shape] },
    );
  }
  broadcastShapes(a.shape.slice(0, -2), b.shape.slice(0, -2), 'matmul (batch axes)');
  const mm = getKernel('MatMul');
  return record(mm(a, b, transposeA, transposeB), 'matmul', [a, b], (g) => {
    // C = op(A)·op(B): dA = g·op(B)ᵀ and dB = op(A)ᵀ·g, re-transposed to each operand's stored layout.
    let da: Tensor;
    let db: Tensor;
    if (!transposeA && !transposeB) {
      da = mm(g, b, false, true);
      db = mm(a, g, true, false);
    } else if (!transposeA && transposeB) {
      da = mm(g, b, false, false);
      db = mm(g, a, true, false);
    } else if (transposeA && !transposeB) {
      da = mm(b, g, false, true);
      db = mm(a, g, false, false);
    } else {
      da = mm(b, g, true, true);
      db = mm(g, a, true, true);
    }
    return [unbroadcast(da, a.shape), unbroadcast(db, b.shape)];
  });
}

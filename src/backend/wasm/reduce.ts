import { reducedShape, sizeOf, stridesOf } from '../../tensor/shape.js';
import { Tensor } from '../../tensor/Tensor.js';
import { K_REDUCE, R_ACC, R_OP, R_OSTR, R_OUT, R_OUTN, R_RANK, R_SHAPE, R_X } from './abi.js';
import { collapse, MAX_STRIDED_RANK } from './collapse.js';
import type { WasmRuntime } from './runtime.js';

/** The input shape and output strides of a reduction over `axes`, collapsed; null if too many axes remain. */
export function reducePlan(
  shape: readonly number[],
  axes: readonly number[],
): { shape: number[]; ostr: number[] } | null {
  const outShape = reducedShape(shape, axes, true);
  const outStrides = stridesOf(outShape).map((s, d) => (axes.includes(d) ? 0 : s));
  const c = collapse(shape, [stridesOf(shape), outStrides]);
  if (c.shape.length > MAX_STRIDED_RANK) return null;
  return { shape: c.shape, ostr: c.strides[1] as number[] };
}

/** Sum (in double precision), max or min of a float32 tensor over `axes`, keeping them as size 1. */
export function wasmReduce(rt: WasmRuntime, op: number, x: Tensor, axes: readonly number[]): Tensor {
  const plan = reducePlan(x.shape, axes) as { shape: number[]; ostr: number[] };
  const outShape = reducedShape(x.shape, axes, true);
  const outN = sizeOf(outShape);
  rt.begin();
  const xPtr = rt.copyIn(x.data as Float32Array);
  const acc = rt.alloc(outN * 8);
  const out = rt.alloc(outN * 4);
  const shapePtr = rt.copyInts(plan.shape);
  const ostrPtr = rt.copyInts(plan.ostr);
  const p = rt.p;
  p.fill(0);
  p[R_OP] = op;
  p[R_RANK] = plan.shape.length;
  p[R_SHAPE] = shapePtr;
  p[R_OSTR] = ostrPtr;
  p[R_X] = xPtr;
  p[R_ACC] = acc;
  p[R_OUT] = out;
  p[R_OUTN] = outN;
  rt.run(K_REDUCE, 1, false);
  return new Tensor(rt.readF32(out, outN), outShape);
}

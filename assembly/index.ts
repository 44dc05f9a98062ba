/**
 * Entry point of the lsml WebAssembly kernels (compiled by scripts/build-wasm.mjs with AssemblyScript).
 * Every thread (the caller and each worker) instantiates this module on one shared memory; the TypeScript
 * driver opens a phase in the control block and every thread calls `work` to claim its tasks.
 */
import {
  CTRL_COUNT,
  CTRL_DONE,
  CTRL_KERNEL,
  CTRL_PARAMS,
  CTRL_SCRATCH,
  CTRL_STATE,
  CTRL_WAKE,
  K_AVGPOOL,
  K_AVGPOOL_GRAD,
  K_BINARY,
  K_COL2IM,
  K_DCONV,
  K_DCONV_GRAD,
  K_COPY,
  K_GEMM_COMPUTE,
  K_GEMM_PACK,
  K_LSTM_BACKWARD,
  K_LSTM_DW,
  K_LSTM_FORWARD,
  K_LSTM_PACK,
  K_MAXPOOL,
  K_MAXPOOL_GRAD,
  K_REDUCE,
  K_SOFTMAX,
  K_BIAS_ACT,
  K_ACT_GRAD,
  K_BIAS_ACT_GRAD,
  K_UNARY,
  K_WHERE,
  K_WINO_DW_OUTPUT,
  K_WINO_DW_OUTPUT43,
  K_WINO_DW_PART,
  K_WINO_DW_PART43,
  K_WINO_FILTER,
  K_WINO_FILTER43,
  K_WINO_TILES,
  K_WINO_TILES43,
  K_CP_GRAD,
  K_CP_POOL,
  K_CP_UNPOOL,
  SCRATCH_BYTES,
  TASK_LOCKED,
} from '../src/backend/wasm/abi';
import { col2imTask } from './conv';
import { convPoolGradTask, convPoolTask, convPoolUnpoolTask } from './convPool';
import { directConvGradTask, directConvTask } from './directConv';
import { actGradTask, biasActGradTask, biasActTask } from './fused';
import { binaryTask, copyTask, whereTask } from './strided';
import { gemmComputeTask, gemmPackTask } from './gemm';
import { lstmBackwardTask, lstmForwardTask, lstmPackTask, lstmWeightGradTask } from './lstm';
import { avgPoolGradTask, avgPoolTask, maxPoolGradTask, maxPoolTask } from './pool';
import { reduceTask } from './reduce';
import { softmaxTask } from './softmax';
import { unaryTask } from './unary';
import {
  winoDwOutput43Task,
  winoDwOutputTask,
  winoDwPart43Task,
  winoDwPartTask,
  winoFilter43Task,
  winoFilterTask,
  winoTile43Task,
  winoTileTask,
} from './winograd';
export { svmCsPass, svmDots, svmRbfQ, svmSparseDots } from './svmKernels';
export { dcdSvcPass, sgdDenseRows, sgdSparseEpoch } from './sparseLinear';

/** First free byte after the module's static data: the driver's arena starts here. */
export function heapBase(): usize {
  return __heap_base;
}

function runTask(kernel: i32, t: i32, p: usize, scratch: usize): void {
  switch (kernel) {
    case K_GEMM_PACK:
      gemmPackTask(t, p);
      break;
    case K_GEMM_COMPUTE:
      gemmComputeTask(t, p, scratch);
      break;
    case K_COL2IM:
      col2imTask(t, p);
      break;
    case K_MAXPOOL:
      maxPoolTask(t, p);
      break;
    case K_MAXPOOL_GRAD:
      maxPoolGradTask(t, p);
      break;
    case K_AVGPOOL:
      avgPoolTask(t, p);
      break;
    case K_AVGPOOL_GRAD:
      avgPoolGradTask(t, p);
      break;
    case K_UNARY:
      unaryTask(t, p);
      break;
    case K_BINARY:
      binaryTask(t, p, scratch);
      break;
    case K_WHERE:
      whereTask(t, p, scratch);
      break;
    case K_COPY:
      copyTask(t, p, scratch);
      break;
    case K_REDUCE:
      reduceTask(t, p, scratch);
      break;
    case K_SOFTMAX:
      softmaxTask(t, p);
      break;
    case K_LSTM_PACK:
      lstmPackTask(t, p);
      break;
    case K_LSTM_FORWARD:
      lstmForwardTask(t, p, scratch);
      break;
    case K_LSTM_BACKWARD:
      lstmBackwardTask(t, p, scratch);
      break;
    case K_LSTM_DW:
      lstmWeightGradTask(t, p, scratch);
      break;
    case K_BIAS_ACT:
      biasActTask(t, p);
      break;
    case K_ACT_GRAD:
      actGradTask(t, p);
      break;
    case K_BIAS_ACT_GRAD:
      biasActGradTask(t, p);
      break;
    case K_DCONV:
      directConvTask(t, p);
      break;
    case K_DCONV_GRAD:
      directConvGradTask(t, p);
      break;
    case K_WINO_FILTER:
      winoFilterTask(t, p);
      break;
    case K_WINO_TILES:
      winoTileTask(t, p, scratch);
      break;
    case K_WINO_FILTER43:
      winoFilter43Task(t, p);
      break;
    case K_WINO_TILES43:
      winoTile43Task(t, p, scratch);
      break;
    case K_WINO_DW_PART:
      winoDwPartTask(t, p, scratch);
      break;
    case K_WINO_DW_PART43:
      winoDwPart43Task(t, p, scratch);
      break;
    case K_WINO_DW_OUTPUT43:
      winoDwOutput43Task(t, p);
      break;
    case K_WINO_DW_OUTPUT:
      winoDwOutputTask(t, p, scratch);
      break;
    case K_CP_POOL:
      convPoolTask(t, p);
      break;
    case K_CP_GRAD:
      convPoolGradTask(t, p);
      break;
    case K_CP_UNPOOL:
      convPoolUnpoolTask(t, p);
      break;
    default:
      unreachable();
  }
}

/**
 * Claims tasks of the open phase and runs them until none is left. A claim is a compare-and-swap on the
 * 64-bit state (generation, next task), so a thread that read the parameters of an older phase can never
 * claim a task of a newer one.
 */
export function work(ctrl: usize, tid: i32): void {
  let state = atomic.load<i64>(ctrl, CTRL_STATE);
  const gen = state >>> 32;
  const kernel = load<i32>(ctrl, CTRL_KERNEL);
  const count = load<i32>(ctrl, CTRL_COUNT);
  const params = ctrl + CTRL_PARAMS;
  const scratch = <usize>load<i32>(ctrl, CTRL_SCRATCH) + <usize>tid * SCRATCH_BYTES;
  while (true) {
    const t = <i32>state;
    if (state >>> 32 != gen || t >= count || t == TASK_LOCKED) return;
    const seen = atomic.cmpxchg<i64>(ctrl, state, state + 1, CTRL_STATE);
    if (seen != state) {
      state = seen;
      continue;
    }
    runTask(kernel, t, params, scratch);
    if (atomic.add<i32>(ctrl, 1, CTRL_DONE) + 1 == count) atomic.notify(ctrl + CTRL_DONE);
    state = atomic.load<i64>(ctrl, CTRL_STATE);
  }
}

/** Starts setting up a new phase: bumps the generation and blocks claims until `openPhase`. */
export function lockPhase(ctrl: usize): void {
  const gen = (atomic.load<i64>(ctrl, CTRL_STATE) >>> 32) + 1;
  atomic.store<i64>(ctrl, (gen << 32) | TASK_LOCKED, CTRL_STATE);
}

/**
 * Opens the phase whose parameters were written since `lockPhase`. With `wake`, bumps the wake word and
 * wakes sleeping workers; without, the calling thread runs the phase alone.
 */
export function openPhase(ctrl: usize, kernel: i32, count: i32, wake: i32): void {
  store<i32>(ctrl, kernel, CTRL_KERNEL);
  store<i32>(ctrl, count, CTRL_COUNT);
  atomic.store<i32>(ctrl, 0, CTRL_DONE);
  const gen = atomic.load<i64>(ctrl, CTRL_STATE) >>> 32;
  atomic.store<i64>(ctrl, gen << 32, CTRL_STATE);
  if (wake != 0) {
    atomic.store<i32>(ctrl, <i32>gen, CTRL_WAKE);
    atomic.notify(ctrl + CTRL_WAKE);
  }
}

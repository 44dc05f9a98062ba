/**
 * `npm run bench:kernels`: the wasm backend beside the reference backend, @tensorflow/tfjs (cpu and wasm
 * backends) and, when `python3 -c 'import torch'` works, PyTorch on the CPU, all measured in this run.
 *
 * - SGEMM GFLOP/s at 256, 512, 1024, 2048 on 1 thread and on all threads (LSML_THREADS, else every core).
 * - Conv2D forward + backward (input and filter gradients) for the two conv layers of the classic MNIST CNN:
 *   3×3×32 on 28×28×1 and 3×3×64 on 13×13×32, batch 32, valid padding.
 *
 * Each time is the median of LSML_BENCH_RUNS (default 7) runs after warm-up. Peers that would take minutes at
 * full size (the reference backend, tfjs cpu) run a smaller size and are scaled by the flop count (SGEMM) or
 * the batch (conv): such entries are marked "~". Ratios are lsml-wasm (all threads) ÷ peer time.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import type { Conv2DGeometry, KernelMap } from '../../src/backend/kernels.js';
import { referenceBackend } from '../../src/backend/reference/index.js';
import { wasmConv2D, wasmConv2DBackpropFilter, wasmConv2DBackpropInput } from '../../src/backend/wasm/conv2d.js';
import { wasmMatMul } from '../../src/backend/wasm/matMul.js';
import { configuredThreads, WasmRuntime } from '../../src/backend/wasm/runtime.js';
import { Tensor } from '../../src/tensor/Tensor.js';
import { Random } from '../../src/util/random.js';

const RUNS = Number(process.env.LSML_BENCH_RUNS ?? 7);
const REF = referenceBackend.kernels as KernelMap;
const rng = new Random(42);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/** Median milliseconds of `runs` calls after `warmup` calls. */
function time(fn: () => void, runs = RUNS, warmup = 2): number {
  return timeEach([fn], runs, warmup)[0] as number;
}

/**
 * Median milliseconds of each function, measured in rounds that call every function once: a burst of load from
 * other processes then hits all contenders alike, which keeps their ratios meaningful on a shared machine.
 */
function timeEach(fns: (() => void)[], runs = RUNS, warmup = 2): number[] {
  for (let i = 0; i < warmup; i++) for (const fn of fns) fn();
  const times = fns.map(() => [] as number[]);
  for (let i = 0; i < runs; i++) {
    fns.forEach((fn, k) => {
      const t0 = performance.now();
      fn();
      (times[k] as number[]).push(performance.now() - t0);
    });
  }
  return times.map(median);
}

function uniform(shape: number[]): Tensor {
  const n = shape.reduce((p, d) => p * d, 1);
  const data = new Float32Array(n);
  for (let i = 0; i < n; i++) data[i] = rng.uniform() * 2 - 1;
  return new Tensor(data, shape);
}

const fmt = (x: number | null, digits = 1): string => (x === null ? 'n/a' : x.toFixed(digits));
const ratio = (ours: number, theirs: number | null): string =>
  theirs === null ? 'n/a' : `${(theirs / ours).toFixed(1)}×`;

function table(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string => cells.map((c, i) => c.padStart(widths[i] as number)).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
}

async function waitForWorkers(rt: WasmRuntime): Promise<void> {
  const a = uniform([256, 256]);
  const deadline = Date.now() + 20_000;
  while (rt.workersReady < rt.threads - 1 && Date.now() < deadline) {
    wasmMatMul(rt, a, a, false, false);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** PyTorch peer: times in ms from a python3 child, or null when torch is not importable. */
function torchTimes(threads: number): { gemm: Record<string, number>; conv: Record<string, number> } | null {
  const probe = spawnSync('python3', ['-c', 'import torch'], { encoding: 'utf8' });
  if (probe.status !== 0) return null;
  const script = `
import json, time, statistics, torch
torch.set_num_threads(${threads})
def med(f, runs=${RUNS}):
    for _ in range(2): f()
    ts = []
    for _ in range(runs):
        t0 = time.perf_counter(); f(); ts.append((time.perf_counter() - t0) * 1000)
    return statistics.median(ts)
gemm = {}
for n in (256, 512, 1024, 2048):
    a = torch.rand(n, n); b = torch.rand(n, n)
    gemm[str(n)] = med(lambda: a @ b)
conv = {}
for name, (c, h, f) in {'conv1': (1, 28, 32), 'conv2': (32, 13, 64)}.items():
    x = torch.rand(32, c, h, h, requires_grad=True); w = torch.rand(f, c, 3, 3, requires_grad=True)
    def step():
        y = torch.nn.functional.conv2d(x, w)
        gx, gw = torch.autograd.grad(y, (x, w), torch.ones_like(y))
    conv[name] = med(step)
print(json.dumps({'gemm': gemm, 'conv': conv}))
`;
  const run = spawnSync('python3', ['-c', script], { encoding: 'utf8', timeout: 600_000 });
  if (run.status !== 0) return null;
  return JSON.parse(run.stdout.trim().split('\n').at(-1) as string);
}

async function tfBackend(name: 'cpu' | 'wasm'): Promise<boolean> {
  try {
    return (await tf.setBackend(name)) && (await tf.ready(), tf.getBackend() === name);
  } catch {
    return false;
  }
}

async function main(): Promise<void> {
  const require = createRequire(import.meta.url);
  setWasmPaths(path.join(path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist') + '/');
  const threads = configuredThreads();
  const one = new WasmRuntime({ threads: 1 });
  const all = new WasmRuntime({ threads });
  await waitForWorkers(all);
  const load0 = os.loadavg()[0] as number;
  console.log(
    `lsml kernels benchmark — node ${process.version}, ${os.availableParallelism()} cores (${os.cpus()[0]?.model}), ` +
      `wasm variant ${all.variant}, ${all.threads} threads (${all.workersReady} workers), median of ${RUNS} runs`,
  );

  // ---- SGEMM ----
  const sizes = [256, 512, 1024, 2048];
  const gflops = (n: number, ms: number): number => (2 * n ** 3) / ms / 1e6;
  // Slow peers: measured once at a small size, then scaled by flops (their rate barely depends on size).
  const refN = 256;
  const refA = uniform([refN, refN]);
  const refRate = gflops(
    refN,
    time(() => REF.MatMul(refA, refA, false, false), 3, 1),
  );
  const results: {
    n: number;
    one: number;
    all: number;
    cpu: number | null;
    cpuScaled: boolean;
    twasm: number | null;
  }[] = [];
  const tfCpuMax = 512;
  let tfCpuRate: number | null = null;
  const cpuOk = await tfBackend('cpu');
  const tfCpu: Record<number, number> = {};
  if (cpuOk) {
    for (const n of sizes.filter((s) => s <= tfCpuMax)) {
      const a = tf.randomUniform([n, n]);
      tfCpu[n] = time(() => tf.tidy(() => tf.matMul(a, a)).dataSync(), Math.min(RUNS, 3), 1);
      a.dispose();
    }
    tfCpuRate = gflops(tfCpuMax, tfCpu[tfCpuMax] as number);
  }
  // lsml on one thread, lsml on all threads and tfjs-wasm, interleaved run by run.
  const wasmOk = await tfBackend('wasm');
  for (const n of sizes) {
    const a = uniform([n, n]);
    const b = uniform([n, n]);
    const ta = wasmOk ? tf.randomUniform([n, n]) : null;
    const contenders: (() => void)[] = [
      () => wasmMatMul(one, a, b, false, false),
      () => wasmMatMul(all, a, b, false, false),
    ];
    if (ta) contenders.push(() => tf.tidy(() => tf.matMul(ta, ta)).dataSync());
    const [tOne, tAll, tWasm] = timeEach(contenders) as [number, number, number | undefined];
    ta?.dispose();
    results.push({
      n,
      one: tOne,
      all: tAll,
      cpu: cpuOk ? (tfCpu[n] ?? (2 * n ** 3) / (tfCpuRate as number) / 1e6) : null,
      cpuScaled: tfCpu[n] === undefined,
      twasm: tWasm ?? null,
    });
  }
  const torch = torchTimes(threads);
  console.log('\nSGEMM C = A·B (n×n float32), GFLOP/s; ratios = lsml-wasm all threads vs peer');
  table(
    [
      'n',
      'wasm 1T',
      `wasm ${threads}T`,
      'reference',
      'tfjs-cpu',
      'tfjs-wasm',
      'torch',
      '×ref',
      '×tfjs-cpu',
      '×tfjs-wasm',
      '×torch',
    ],
    results.map((r) => {
      const refMs = (2 * r.n ** 3) / refRate / 1e6;
      const torchMs = torch?.gemm[String(r.n)] ?? null;
      return [
        String(r.n),
        fmt(gflops(r.n, r.one)),
        fmt(gflops(r.n, r.all)),
        `${r.n === refN ? '' : '~'}${fmt(refRate, 2)}`,
        r.cpu === null ? 'n/a' : `${r.cpuScaled ? '~' : ''}${fmt(gflops(r.n, r.cpu), 2)}`,
        r.twasm === null ? 'n/a' : fmt(gflops(r.n, r.twasm)),
        torchMs === null ? 'n/a' : fmt(gflops(r.n, torchMs)),
        ratio(r.all, refMs),
        ratio(r.all, r.cpu),
        ratio(r.all, r.twasm),
        ratio(r.all, torchMs),
      ];
    }),
  );

  // ---- Conv2D forward + backward, MNIST CNN layers ----
  const layers = [
    { name: 'conv1 3×3×32 on 28×28×1', c: 1, h: 28, f: 32 },
    { name: 'conv2 3×3×64 on 13×13×32', c: 32, h: 13, f: 64 },
  ];
  const g: Conv2DGeometry = { strides: [1, 1], dilations: [1, 1], pads: [0, 0, 0, 0] };
  const small = 4; // batch of the slow peers, scaled ×8 to batch 32
  const rows: string[][] = [];
  for (const layer of layers) {
    const x = uniform([32, layer.h, layer.h, layer.c]);
    const w = uniform([3, 3, layer.c, layer.f]);
    const oh = layer.h - 2;
    const dy = uniform([32, oh, oh, layer.f]);
    const step = (rt: WasmRuntime) => () => {
      wasmConv2D(rt, x, w, g);
      wasmConv2DBackpropInput(rt, dy, w, x.shape, g);
      wasmConv2DBackpropFilter(rt, x, dy, w.shape, g);
    };
    // lsml (all threads, one thread, forward only, forward + input gradient) and tfjs-wasm, interleaved.
    // tfjs-wasm registers no Conv2DBackpropFilter: it runs forward + input gradient only.
    const wasmReady = await tfBackend('wasm');
    const tx = tf.randomUniform([32, layer.h, layer.h, layer.c]);
    const tw = tf.randomUniform([3, 3, layer.c, layer.f]);
    const gradX = tf.grad((a) => tf.conv2d(a as tf.Tensor4D, tw as tf.Tensor4D, 1, 'valid'));
    const contenders: (() => void)[] = [
      step(all),
      step(one),
      () => wasmConv2D(all, x, w, g),
      () => {
        wasmConv2D(all, x, w, g);
        wasmConv2DBackpropInput(all, dy, w, x.shape, g);
      },
    ];
    if (wasmReady) contenders.push(() => tf.tidy(() => gradX(tx).dataSync()));
    const [tAll, tOne, tFwd, tOursFwdDx, tWasmFwdDx] = timeEach(contenders) as [
      number,
      number,
      number,
      number,
      number | undefined,
    ];
    tf.dispose([tx, tw]);
    const xs = uniform([small, layer.h, layer.h, layer.c]);
    const dys = uniform([small, oh, oh, layer.f]);
    const tRef =
      (32 / small) *
      time(
        () => {
          REF.Conv2D(xs, w, g);
          REF.Conv2DBackpropInput(dys, w, xs.shape, g);
          REF.Conv2DBackpropFilter(xs, dys, w.shape, g);
        },
        3,
        1,
      );
    let tCpu: number | null = null;
    if (await tfBackend('cpu')) {
      const tx = tf.randomUniform([small, layer.h, layer.h, layer.c]);
      const tw = tf.randomUniform([3, 3, layer.c, layer.f]);
      const grads = tf.grads((a, b) => tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, 1, 'valid'));
      tCpu = (32 / small) * time(() => tf.tidy(() => grads([tx, tw]).forEach((t) => t.dataSync())), 3, 1);
      tf.dispose([tx, tw]);
    }
    const tTorch = torch?.conv[layer.name.slice(0, 5)] ?? null;
    rows.push([
      layer.name,
      fmt(tFwd, 2),
      fmt(tAll, 2),
      fmt(tOne, 2),
      `~${fmt(tRef, 0)}`,
      tCpu === null ? 'n/a' : `~${fmt(tCpu, 0)}`,
      tWasmFwdDx === undefined ? 'n/a' : `${fmt(tWasmFwdDx, 2)} (fwd+dx)`,
      tTorch === null ? 'n/a' : fmt(tTorch, 2),
      ratio(tAll, tRef),
      ratio(tAll, tCpu),
      tWasmFwdDx === undefined ? 'n/a' : `${ratio(tOursFwdDx, tWasmFwdDx)} (fwd+dx)`,
      ratio(tAll, tTorch),
    ]);
  }
  console.log('\nConv2D forward + backward (dx and dw), batch 32, valid, ms; ratios = lsml-wasm all threads vs peer');
  table(
    [
      'layer',
      'wasm fwd',
      `wasm ${threads}T`,
      'wasm 1T',
      'reference',
      'tfjs-cpu',
      'tfjs-wasm',
      'torch',
      '×ref',
      '×tfjs-cpu',
      '×tfjs-wasm',
      '×torch',
    ],
    rows,
  );
  const load1 = os.loadavg()[0] as number;
  console.log(
    `\n~ = measured at a smaller size (reference SGEMM at ${refN}, tfjs-cpu SGEMM at ${tfCpuMax}, conv peers at batch ${small}) and scaled.` +
      `\nLoad average ${load0.toFixed(2)} → ${load1.toFixed(2)} on ${os.availableParallelism()} cores: other processes share these cores, so single runs vary; compare ratios within one run.` +
      (torch ? '' : "\nPyTorch: skipped (python3 -c 'import torch' failed)."),
  );
}

await main();

/**
 * Winograd as chosen by default (F(4×4, 3×3) or F(2×2, 3×3) for the forward and input gradient, F(3×3, 4×4) or
 * F(3×3, 2×2) for the filter gradient) against F(2×2, 3×3) / F(3×3, 2×2) alone and the im2col GEMM path of the wasm
 * backend, in one process: every case runs the three ways (LSML_WINOGRAD=1, the same with WINOGRAD_TUNING's
 * f43Ratio and dwF43Ratio 0, LSML_WINOGRAD=0) in alternation and prints the medians, the speed-up of the default
 * over the GEMM, and the largest error of each against the float64 reference, relative to S = the same kernel on
 * absolute values (Σ|x||w| or Σ|x||dy|: the bound's scale, see docs/backends.md). Not part of the default test run.
 *
 * Run: npx tsx bench/kernels/winograd.ts [reps=15] [--sweep]   (--sweep adds a channel sweep for the break-even)
 */
import type { Conv2DGeometry, KernelMap } from '../../src/backend/kernels.js';
import { referenceBackend } from '../../src/backend/reference/index.js';
import { wasmBackend, wasmBackendInfo } from '../../src/backend/wasm/index.js';
import { WINOGRAD_TUNING } from '../../src/backend/wasm/winograd.js';
import { Tensor } from '../../src/tensor/Tensor.js';
import { Random } from '../../src/util/random.js';

const REF = referenceBackend.kernels as KernelMap;
const W = wasmBackend.kernels as KernelMap;
const reps = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 15);
const sweep = process.argv.includes('--sweep');
const rng = new Random(11);

function uniform(shape: number[]): Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  return new Tensor(
    Float32Array.from({ length: n }, () => rng.uniform() * 2 - 1),
    shape,
  );
}

interface Case {
  name: string;
  x: [number, number, number, number];
  f: number;
  pad: number;
  check: boolean;
}

const CASES: Case[] = [
  { name: 'MNIST conv2 (batch 32)', x: [32, 13, 13, 32], f: 64, pad: 0, check: true },
  { name: 'same, 16×16, 64→64', x: [8, 16, 16, 64], f: 64, pad: 1, check: true },
  { name: 'same, 8×8, 256→256', x: [4, 8, 8, 256], f: 256, pad: 1, check: true },
];
if (sweep) {
  const pairs = [
    [3, 16],
    [4, 4],
    [4, 32],
    [32, 4],
    [6, 6],
    [8, 8],
    [8, 64],
    [64, 8],
    [16, 16],
    [32, 32],
    [128, 128],
  ];
  for (const [ci, co] of pairs) {
    CASES.push({
      name: `sweep ${ci}→${co}, 14×14`,
      x: [16, 14, 14, ci as number],
      f: co as number,
      pad: 1,
      check: false,
    });
  }
}

function median(v: number[]): number {
  const s = [...v].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

function maxErr(got: Tensor, want: Tensor, scale: Tensor): number {
  let m = 0;
  for (let i = 0; i < want.size; i++) {
    const s = Math.abs(scale.data[i] as number);
    if (s === 0) continue;
    m = Math.max(m, Math.abs((got.data[i] as number) - (want.data[i] as number)) / s);
  }
  return m;
}

const defaultRatio = WINOGRAD_TUNING.f43Ratio;
const defaultDwRatio = WINOGRAD_TUNING.dwF43Ratio;

/** Runs `fn` with LSML_WINOGRAD = mode; `f2` keeps Winograd on F(2×2, 3×3) (no F(4×4, 3×3)). */
function timed(fn: () => Tensor, mode: string, f2 = false): { ms: number; out: Tensor } {
  process.env.LSML_WINOGRAD = mode;
  WINOGRAD_TUNING.f43Ratio = f2 ? 0 : defaultRatio;
  WINOGRAD_TUNING.dwF43Ratio = f2 ? 0 : defaultDwRatio;
  const t = performance.now();
  const out = fn();
  const ms = performance.now() - t;
  WINOGRAD_TUNING.f43Ratio = defaultRatio;
  WINOGRAD_TUNING.dwF43Ratio = defaultDwRatio;
  return { ms, out };
}

console.log(
  `wasm: ${JSON.stringify({ threads: wasmBackendInfo().threads })}; medians of ${reps} alternating runs (ms)`,
);
console.log(
  'case                          op      winograd  F(2×2)    gemm   ×speed-up   err wino   err F(2×2)   err gemm',
);
for (const c of CASES) {
  const [n, h, w, cin] = c.x;
  const x = uniform(c.x);
  const filter = uniform([3, 3, cin, c.f]);
  const g: Conv2DGeometry = { strides: [1, 1], dilations: [1, 1], pads: [c.pad, c.pad, c.pad, c.pad] };
  const oh = h + 2 * c.pad - 2;
  const ow = w + 2 * c.pad - 2;
  const dy = uniform([n, oh, ow, c.f]);
  const ops = [
    {
      op: 'fwd',
      run: () => W.Conv2D(x, filter, g),
      ref: () => REF.Conv2D(x, filter, g),
      s: () => REF.Conv2D(REF.Abs(x), REF.Abs(filter), g),
    },
    {
      op: 'dx',
      run: () => W.Conv2DBackpropInput(dy, filter, x.shape, g),
      ref: () => REF.Conv2DBackpropInput(dy, filter, x.shape, g),
      s: () => REF.Conv2DBackpropInput(REF.Abs(dy), REF.Abs(filter), x.shape, g),
    },
    {
      op: 'dw',
      run: () => W.Conv2DBackpropFilter(x, dy, filter.shape, g),
      ref: () => REF.Conv2DBackpropFilter(x, dy, filter.shape, g),
      s: () => REF.Conv2DBackpropFilter(REF.Abs(x), REF.Abs(dy), filter.shape, g),
    },
  ];
  for (const o of ops) {
    for (let i = 0; i < 3; i++) {
      timed(o.run, '1');
      timed(o.run, '1', true);
      timed(o.run, '0');
    }
    const tw: number[] = [];
    const t2: number[] = [];
    const tg: number[] = [];
    let outW: Tensor | null = null;
    let out2: Tensor | null = null;
    let outG: Tensor | null = null;
    for (let i = 0; i < reps; i++) {
      const a = timed(o.run, '1');
      const a2 = timed(o.run, '1', true);
      const b = timed(o.run, '0');
      tw.push(a.ms);
      t2.push(a2.ms);
      tg.push(b.ms);
      outW = a.out;
      out2 = a2.out;
      outG = b.out;
    }
    let ew = '';
    let e2 = '';
    let eg = '';
    if (c.check && outW && out2 && outG) {
      const ref = o.ref();
      const s = o.s();
      ew = maxErr(outW, ref, s).toExponential(2);
      e2 = maxErr(out2, ref, s).toExponential(2);
      eg = maxErr(outG, ref, s).toExponential(2);
    }
    const mw = median(tw);
    const m2 = median(t2);
    const mg = median(tg);
    const times = `${mw.toFixed(3).padStart(9)}${m2.toFixed(3).padStart(8)}${mg.toFixed(3).padStart(8)}`;
    const errs = `${ew.padStart(11)}${e2.padStart(13)}${eg.padStart(11)}`;
    console.log(`${c.name.padEnd(30)}${o.op.padEnd(6)}${times}${(mg / mw).toFixed(2).padStart(10)}×${errs}`);
  }
}
delete process.env.LSML_WINOGRAD;
process.exit(0);

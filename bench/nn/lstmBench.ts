/**
 * `tsx bench/nn/lstmBench.ts [--passes 10] [--threads 2] [--rounds 3]`: milliseconds per training pass (forward,
 * backward, Adam step) of Embedding(64→64) → LSTM(128, returnSequences) → LSTM(128) → Dense(2) on sequences of
 * length 50, batch 64, with the default backend (LSML_THREADS threads), beside PyTorch's nn.LSTM on the same shapes
 * (bench/nn/lstmTorch.py, `--threads` threads, when python3 can import torch). lsml and PyTorch alternate for
 * `--rounds` rounds so both see the same machine load. Prints wall-clock and CPU-time (all threads) medians and the
 * ratios lsml ÷ PyTorch (below 1: lsml is faster). CPU time is the steadier measure on a shared machine; with one
 * thread each it is the work each framework does. PyTorch runs under the first `python3` on PATH (Debian's
 * python3-torch: PATH=/usr/bin:$PATH). On a loaded machine PyTorch's default OpenMP spin-waiting makes its 2-thread
 * time erratic (seconds per pass); OMP_WAIT_POLICY=passive gives its best time.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Tensor, getBackend, setGlobalSeed } from '../../src/index.js';
import { Dense, Embedding, LSTM, Sequential, SparseCategoricalCrossentropy } from '../../src/nn/index.js';
import { Adam } from '../../src/optim/index.js';
import { wasmBackendInfo } from '../../src/backend/wasm/index.js';
import { option } from '../../examples/nn/cli.js';

const passes = option('passes', 10);
const threads = option('threads', 2);
const rounds = option('rounds', 3);

/** Per-pass times of one run. */
export interface PassTimes {
  wallMs: number[];
  cpuMs: number[];
}

export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

/** Per-pass times of the stacked LSTM model with lsml (after two warm-up passes). */
export function lsmlLstmPasses(n: number): PassTimes {
  setGlobalSeed(1);
  const model = new Sequential({
    layers: [
      new Embedding({ inputDim: 64, outputDim: 64, inputShape: [50] }),
      new LSTM({ units: 128, returnSequences: true }),
      new LSTM({ units: 128 }),
      new Dense({ units: 2 }),
    ],
  });
  model.compile({
    optimizer: new Adam({ learningRate: 1e-3 }),
    loss: new SparseCategoricalCrossentropy({ fromLogits: true }),
  });
  const x = new Tensor(
    Int32Array.from({ length: 64 * 50 }, (_, i) => (i * 7919) % 64),
    [64, 50],
  );
  const y = new Tensor(
    Int32Array.from({ length: 64 }, (_, i) => i % 2),
    [64],
  );
  model.trainOnBatch(x, y);
  model.trainOnBatch(x, y);
  const out: PassTimes = { wallMs: [], cpuMs: [] };
  for (let i = 0; i < n; i++) {
    const c = process.cpuUsage();
    const t = performance.now();
    model.trainOnBatch(x, y);
    out.wallMs.push(performance.now() - t);
    const d = process.cpuUsage(c);
    out.cpuMs.push((d.user + d.system) / 1000);
  }
  return out;
}

/** Per-pass times of the PyTorch peer, or a reason it was skipped. */
export function torchLstmPasses(n: number, threadCount: number): PassTimes | string {
  try {
    execFileSync('python3', ['-c', 'import torch'], { stdio: 'ignore' });
  } catch {
    return 'skipped (python3 cannot import torch; on Debian: apt-get install python3-torch)';
  }
  const script = fileURLToPath(new URL('./lstmTorch.py', import.meta.url));
  const out = execFileSync('python3', [script, String(threadCount), String(n)], { encoding: 'utf8' });
  const r = JSON.parse(out.trim().split('\n').pop() as string) as { passMs: number[]; cpuMs: number[] };
  return { wallMs: r.passMs, cpuMs: r.cpuMs };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const ours: PassTimes = { wallMs: [], cpuMs: [] };
  const peer: PassTimes = { wallMs: [], cpuMs: [] };
  let skipped: string | null = null;
  for (let r = 0; r < rounds; r++) {
    const a = lsmlLstmPasses(passes);
    ours.wallMs.push(...a.wallMs);
    ours.cpuMs.push(...a.cpuMs);
    const b: PassTimes | string = skipped ?? torchLstmPasses(passes, threads);
    if (typeof b === 'string') skipped = b;
    else {
      peer.wallMs.push(...b.wallMs);
      peer.cpuMs.push(...b.cpuMs);
    }
  }
  const fmt = (t: PassTimes): string =>
    `wall median ${median(t.wallMs).toFixed(1)} ms/pass (min ${Math.min(...t.wallMs).toFixed(1)}), CPU median ${median(t.cpuMs).toFixed(1)} ms/pass`;
  console.log(`lsml (${getBackend().name}, ${wasmBackendInfo().threads} threads): ${fmt(ours)}`);
  if (skipped) console.log(`PyTorch: ${skipped}`);
  else {
    console.log(`PyTorch (${threads} threads): ${fmt(peer)}`);
    const wall = median(ours.wallMs) / median(peer.wallMs);
    const cpu = median(ours.cpuMs) / median(peer.cpuMs);
    console.log(`lsml ÷ PyTorch: wall ${wall.toFixed(2)}×, CPU ${cpu.toFixed(2)}× (target: wall <= 1.0×)`);
  }
  process.exit(0);
}

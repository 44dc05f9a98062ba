/**
 * `npx tsx bench/kernels/tiles.ts`: how the GEMM micro-kernel's register tile was chosen. Generates MR×8
 * micro-kernels (MR accumulator rows of two f32x4 each) in AssemblyScript, compiles them with plain and with
 * relaxed SIMD, and times each on packed panels that stay in L1 (GFLOP/s, best of 5 after warm-up).
 */
import v8 from 'node:v8';
import asc from 'assemblyscript/asc';

v8.setFlagsFromString('--experimental-wasm-relaxed-simd'); // needed on Node 20 only
// Compile straight to optimized code: each timing is one long call, which would otherwise stay in baseline code.
v8.setFlagsFromString('--no-wasm-dynamic-tiering');

const K = 256;
const REPS = 20_000;

/** AssemblyScript source of an MR×8 micro-kernel `run(ap, bp, k, c, reps)`. */
function kernelSource(mr: number, relaxed: boolean): string {
  // The multiply-add is spelled out at each use, so no inlining decision of the optimizer enters the timing.
  const madd = (a: string, b: string, c: string): string =>
    relaxed ? `f32x4.relaxed_madd(${a}, ${b}, ${c})` : `f32x4.add(${c}, f32x4.mul(${a}, ${b}))`;
  const acc = Array.from({ length: mr }, (_, r) => `let c${r}0 = f32x4.splat(0); let c${r}1 = f32x4.splat(0);`).join(
    '\n',
  );
  const body = Array.from(
    { length: mr },
    (_, r) =>
      `av = v128.load32_splat(a, ${4 * r}); c${r}0 = ${madd('av', 'b0', `c${r}0`)}; c${r}1 = ${madd('av', 'b1', `c${r}1`)};`,
  ).join('\n');
  const store = Array.from(
    { length: mr },
    (_, r) =>
      `v128.store(c, f32x4.add(v128.load(c, ${32 * r}), c${r}0), ${32 * r}); v128.store(c, f32x4.add(v128.load(c, ${32 * r + 16}), c${r}1), ${32 * r + 16});`,
  ).join('\n');
  return `
export function run(ap: usize, bp: usize, k: i32, c: usize, reps: i32): void {
  for (let r = 0; r < reps; r++) {
    ${acc}
    let a = ap; let b = bp; let av = f32x4.splat(0);
    for (let p = 0; p < k; p++) {
      const b0 = v128.load(b); const b1 = v128.load(b, 16);
      ${body}
      a += ${4 * mr}; b += 32;
    }
    ${store}
  }
}`;
}

async function measure(mr: number, relaxed: boolean): Promise<number> {
  const { binary, error, stderr } = await asc.compileString(kernelSource(mr, relaxed), {
    optimizeLevel: 3,
    runtime: 'stub',
    noAssert: true,
    enable: relaxed ? ['simd', 'relaxed-simd'] : ['simd'],
    initialMemory: 2,
  });
  if (!binary) throw new Error(`asc failed: ${error?.message} ${stderr.toString()}`);
  const instance = new WebAssembly.Instance(new WebAssembly.Module(binary as Uint8Array<ArrayBuffer>), {});
  const memory = instance.exports.memory as WebAssembly.Memory;
  new Float32Array(memory.buffer).fill(0.5);
  const run = instance.exports.run as (ap: number, bp: number, k: number, c: number, reps: number) => void;
  const [ap, bp, c] = [1024, 1024 + mr * K * 4, 1024 + mr * K * 4 + 8 * K * 4];
  run(ap, bp, K, c, 100);
  let best = 0;
  for (let t = 0; t < 5; t++) {
    const t0 = performance.now();
    run(ap, bp, K, c, REPS);
    best = Math.max(best, (2 * mr * 8 * K * REPS) / (performance.now() - t0) / 1e6);
  }
  return best;
}

console.log('tile   plain SIMD   relaxed SIMD   (GFLOP/s, one thread, panels in L1)');
for (const mr of [2, 3, 4, 5, 6]) {
  const plain = await measure(mr, false);
  const relaxed = await measure(mr, true);
  console.log(`${mr}×8  ${plain.toFixed(1).padStart(10)}  ${relaxed.toFixed(1).padStart(13)}`);
}

import { afterEach, describe, expect, it } from 'vitest';
import type { Conv2DGeometry } from '../../src/backend/kernels.js';
import { WINOGRAD_TUNING, winogradEligible, winogradFilterGradEligible } from '../../src/backend/wasm/winograd.js';
import type { Tensor } from '../../src/tensor/Tensor.js';
import { Random } from '../../src/util/random.js';
import { abs, convGeometry, expectParity, type PadMode, REF, SEED, uniform, WASM } from './parityHelpers.js';

interface WinoCase {
  x: [number, number, number, number];
  f: number;
  padding: PadMode;
}

/**
 * 3×3 stride-1 convolutions: odd and even sizes (partial tiles at the right and bottom), valid, same and uneven
 * explicit pads (up to 2, the most Winograd takes), batch 1 and 5, channel counts that are not multiples of 4 (tail
 * lanes) on either side, images smaller than one tile, and enough tiles for several tasks on every thread. The
 * filter gradient takes Winograd from 64 tiles (the last four cases); below, both modes run the GEMM.
 */
const CASES: WinoCase[] = [
  { x: [1, 7, 9, 5], f: 7, padding: 'valid' },
  { x: [5, 8, 6, 9], f: 10, padding: 'same' },
  { x: [2, 9, 9, 12], f: 13, padding: 'same' },
  { x: [1, 6, 7, 3], f: 4, padding: [2, 0, 1, 2] },
  { x: [5, 2, 3, 8], f: 6, padding: 'same' },
  { x: [1, 3, 3, 16], f: 9, padding: 'valid' },
  { x: [5, 12, 11, 17], f: 24, padding: [0, 2, 2, 1] },
  { x: [16, 13, 13, 32], f: 64, padding: 'valid' },
  { x: [3, 10, 10, 64], f: 33, padding: 'same' },
  { x: [64, 3, 3, 8], f: 9, padding: 'valid' },
];

const label = (c: WinoCase): string => `x [${c.x}] → ${c.f} ${JSON.stringify(c.padding)}`;

/** Runs `fn` with LSML_WINOGRAD set to `mode` (restored afterwards). */
function withWinograd<T>(mode: '0' | '1', fn: () => T): T {
  const saved = process.env.LSML_WINOGRAD;
  process.env.LSML_WINOGRAD = mode;
  try {
    return fn();
  } finally {
    if (saved === undefined) delete process.env.LSML_WINOGRAD;
    else process.env.LSML_WINOGRAD = saved;
  }
}

/** Largest |a − b| / S over the elements (S = 0 elements, in the padding, must agree exactly). */
function maxScaledDiff(a: Tensor, b: Tensor, s: Tensor): number {
  let worst = 0;
  for (let i = 0; i < a.size; i++) {
    const d = Math.abs((a.data[i] as number) - (b.data[i] as number));
    const scale = Math.abs(s.data[i] as number);
    worst = Math.max(worst, scale === 0 ? (d === 0 ? 0 : Infinity) : d / scale);
  }
  return worst;
}

describe(`Winograd F(2×2, 3×3) / F(4×4, 3×3) convolutions and F(3×3, 2×2) / F(3×3, 4×4) filter gradients match the reference and the GEMM path (seed ${SEED})`, () => {
  const rng = new Random(SEED);

  const saved = { ...WINOGRAD_TUNING };
  afterEach(() => {
    Object.assign(WINOGRAD_TUNING, saved);
  });

  it.each(
    CASES.flatMap((c) => [[`${label(c)}, F(2×2, 3×3)`, c, 0] as const, [`${label(c)}, F(4×4, 3×3)`, c, 1e9] as const]),
  )('forward, input gradient and filter gradient: %s', (_, c, ratio) => {
    // f43Ratio 0 keeps every convolution on F(2×2, 3×3) (filter gradient F(3×3, 2×2)); a huge one (and no least
    // tile count) sends every one to F(4×4, 3×3) (F(3×3, 4×4)).
    WINOGRAD_TUNING.f43Ratio = ratio;
    WINOGRAD_TUNING.dwF43Ratio = ratio;
    WINOGRAD_TUNING.f43MinTiles = 0;
    const x = uniform(rng, c.x);
    const filter = uniform(rng, [3, 3, c.x[3], c.f]);
    const g = convGeometry(c.x, [3, 3], [1, 1], [1, 1], c.padding);
    const y = REF.Conv2D(x, filter, g);
    const yScale = REF.Conv2D(abs(x), abs(filter), g);
    const yWino = withWinograd('1', () => WASM.Conv2D(x, filter, g));
    const yGemm = withWinograd('0', () => WASM.Conv2D(x, filter, g));
    expectParity(yWino, y, 'Conv2D (Winograd)', 1e-4, yScale);
    // Both float32 paths sit within a few ulps of Σ|x||w| of the float64 result (F(4×4, 3×3): tens), so of each other.
    expect(maxScaledDiff(yWino, yGemm, yScale)).toBeLessThan(5e-5);

    const dy = uniform(rng, y.shape);
    const dx = REF.Conv2DBackpropInput(dy, filter, x.shape, g);
    const dxScale = REF.Conv2DBackpropInput(abs(dy), abs(filter), x.shape, g);
    const dxWino = withWinograd('1', () => WASM.Conv2DBackpropInput(dy, filter, x.shape, g));
    const dxGemm = withWinograd('0', () => WASM.Conv2DBackpropInput(dy, filter, x.shape, g));
    expectParity(dxWino, dx, 'Conv2DBackpropInput (Winograd)', 1e-4, dxScale);
    expect(maxScaledDiff(dxWino, dxGemm, dxScale)).toBeLessThan(5e-5);

    // The filter gradient (F(3×3, 2×2)) where there are enough tiles; below that both modes take the GEMM.
    const fShape = filter.shape;
    const dw = REF.Conv2DBackpropFilter(x, dy, fShape, g);
    const dwScale = REF.Conv2DBackpropFilter(abs(x), abs(dy), fShape, g);
    const dwWino = withWinograd('1', () => WASM.Conv2DBackpropFilter(x, dy, fShape, g));
    const dwGemm = withWinograd('0', () => WASM.Conv2DBackpropFilter(x, dy, fShape, g));
    expectParity(dwWino, dw, 'Conv2DBackpropFilter (Winograd)', 1e-4, dwScale);
    expect(maxScaledDiff(dwWino, dwGemm, dwScale)).toBeLessThan(4e-6);
  });

  it('the fused Conv2D + bias + relu layer kernels agree with and without Winograd', () => {
    const x = uniform(rng, [4, 9, 8, 12]);
    const filter = uniform(rng, [3, 3, 12, 16]);
    const bias = uniform(rng, [16]);
    const g = convGeometry(x.shape, [3, 3], [1, 1], [1, 1], 'same');
    const dy = uniform(rng, [4, 9, 8, 16]);
    const run = (mode: '0' | '1') =>
      withWinograd(mode, () => {
        const y = WASM.Conv2DBiasActivation(x, filter, bias, 'relu', g);
        return [y, ...WASM.Conv2DBiasActivationGrad(x, filter, y, dy, 'relu', g, [true, true, true])];
      });
    const [yW, dxW, dwW, dbW] = run('1');
    const [yG, dxG, dwG, dbG] = run('0');
    expectParity(yW as Tensor, yG as Tensor, 'fused forward', 1e-5, REF.Conv2D(abs(x), abs(filter), g));
    // dz = dy·relu'(y) is at most |dy|, so the input gradient of |dy| bounds its terms.
    const scale = REF.Conv2DBackpropInput(abs(dy), abs(filter), x.shape, g);
    expectParity(dxW as Tensor, dxG as Tensor, 'fused input gradient', 1e-5, scale);
    expectParity(
      dwW as Tensor,
      dwG as Tensor,
      'fused filter gradient',
      1e-5,
      REF.Conv2DBackpropFilter(abs(x), abs(dy), filter.shape, g),
    );
    expect(Array.from((dbW as Tensor).data)).toEqual(Array.from((dbG as Tensor).data));
  });
});

describe('Winograd eligibility', () => {
  const saved = process.env.LSML_WINOGRAD;
  afterEach(() => {
    if (saved === undefined) delete process.env.LSML_WINOGRAD;
    else process.env.LSML_WINOGRAD = saved;
  });
  const g = (s: number, d: number): Conv2DGeometry => ({ strides: [s, s], dilations: [d, d], pads: [1, 1, 1, 1] });

  it('takes 3×3, stride-1, undilated convolutions with enough channels on both sides and enough tiles by default', () => {
    delete process.env.LSML_WINOGRAD;
    const min = WINOGRAD_TUNING.minChannels;
    expect(winogradEligible(3, 3, 32, 64, 1000, g(1, 1))).toBe(true);
    expect(winogradEligible(3, 3, min, min, 1000, g(1, 1))).toBe(true);
    expect(winogradEligible(3, 3, min - 1, 64, 1000, g(1, 1))).toBe(false);
    expect(winogradEligible(3, 3, 64, min - 1, 1000, g(1, 1))).toBe(false);
    expect(winogradEligible(3, 3, 1, 32, 1000, g(1, 1))).toBe(false);
    expect(winogradEligible(3, 3, 32, 64, 1000, g(2, 1))).toBe(false);
    expect(winogradEligible(3, 3, 32, 64, 1000, g(1, 2))).toBe(false);
    expect(winogradEligible(5, 5, 32, 64, 1000, g(1, 1))).toBe(false);
    expect(winogradEligible(3, 2, 32, 64, 1000, g(1, 1))).toBe(false);
    expect(winogradEligible(3, 3, 32, 64, 1000, { ...g(1, 1), pads: [2, 2, 0, 2] })).toBe(true);
    expect(winogradEligible(3, 3, 32, 64, 1000, { ...g(1, 1), pads: [0, 3, 0, 0] })).toBe(false);
    expect(winogradEligible(3, 3, 32, 64, WINOGRAD_TUNING.minTiles, g(1, 1))).toBe(true);
    expect(winogradEligible(3, 3, 32, 64, WINOGRAD_TUNING.minTiles - 1, g(1, 1))).toBe(false);
  });

  it('takes the filter gradient only with enough tiles, also when forced', () => {
    const min = WINOGRAD_TUNING.minTiles;
    delete process.env.LSML_WINOGRAD;
    expect(winogradFilterGradEligible(3, 3, 32, 64, min, g(1, 1))).toBe(true);
    expect(winogradFilterGradEligible(3, 3, 32, 64, min - 1, g(1, 1))).toBe(false);
    expect(winogradFilterGradEligible(3, 3, 4, 64, min, g(1, 1))).toBe(false);
    process.env.LSML_WINOGRAD = '1';
    expect(winogradFilterGradEligible(3, 3, 4, 3, min, g(1, 1))).toBe(true);
    expect(winogradFilterGradEligible(3, 3, 32, 64, min - 1, g(1, 1))).toBe(false);
    process.env.LSML_WINOGRAD = '0';
    expect(winogradFilterGradEligible(3, 3, 32, 64, min, g(1, 1))).toBe(false);
  });

  it('LSML_WINOGRAD=0 turns it off and =1 takes every 3×3 stride-1 convolution', () => {
    process.env.LSML_WINOGRAD = '0';
    expect(winogradEligible(3, 3, 32, 64, 1000, g(1, 1))).toBe(false);
    process.env.LSML_WINOGRAD = '1';
    expect(winogradEligible(3, 3, 1, 3, 1, g(1, 1))).toBe(true);
    expect(winogradEligible(3, 3, 32, 64, 1000, g(2, 1))).toBe(false);
  });
});

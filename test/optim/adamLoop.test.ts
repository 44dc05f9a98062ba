import { describe, expect, it } from 'vitest';
import { Tensor } from '../../src/index.js';
import { Adam, AdamW } from '../../src/optim/index.js';
import { Random } from '../../src/util/random.js';

/**
 * Adam's update loop is tuned for speed; this pins it bit for bit to a plain transcription of Keras' formulas
 * (keras/src/optimizers/adam.py) in which every state value is stored and read back in the parameter's dtype,
 * over many steps with gradients of varied magnitude, for float32 and float64, with and without AMSGrad.
 */
type FloatArrayCtor = Float32ArrayConstructor | Float64ArrayConstructor;

function plainAdam(
  Ctor: FloatArrayCtor,
  p0: ArrayLike<number>,
  grads: ArrayLike<number>[],
  {
    lr,
    beta1,
    beta2,
    epsilon,
    amsgrad,
  }: { lr: number; beta1: number; beta2: number; epsilon: number; amsgrad: boolean },
): Float32Array | Float64Array {
  const n = p0.length;
  const p = Ctor.from(p0);
  const m = new Ctor(n);
  const v = new Ctor(n);
  const vHat = new Ctor(n);
  grads.forEach((g, step) => {
    const t = step + 1;
    const alpha = (lr * Math.sqrt(1 - Math.pow(beta2, t))) / (1 - Math.pow(beta1, t));
    for (let i = 0; i < n; i++) {
      const gi = g[i] as number;
      m[i] = (m[i] as number) + (gi - (m[i] as number)) * (1 - beta1);
      v[i] = (v[i] as number) + (gi * gi - (v[i] as number)) * (1 - beta2);
      let vi = v[i] as number;
      if (amsgrad) {
        vHat[i] = Math.max(vHat[i] as number, vi);
        vi = vHat[i] as number;
      }
      p[i] = (p[i] as number) - ((m[i] as number) * alpha) / (Math.sqrt(vi) + epsilon);
    }
  });
  return p;
}

describe('Adam update loop', () => {
  for (const Ctor of [Float32Array, Float64Array] as FloatArrayCtor[]) {
    for (const amsgrad of [false, true]) {
      it(`matches the plain formulas bit for bit (${Ctor.name}, amsgrad ${amsgrad})`, () => {
        const rng = new Random(4);
        const n = 257;
        const p0 = Ctor.from(Array.from({ length: n }, () => rng.normal()));
        // Gradient scale varies per step so AMSGrad's running maximum is both kept and replaced.
        const grads = Array.from({ length: 12 }, (_, s) =>
          Ctor.from(Array.from({ length: n }, () => rng.normal() * 10 ** ((s % 5) - 3))),
        );
        const config = { lr: 0.01, beta1: 0.8, beta2: 0.95, epsilon: 1e-6, amsgrad };
        const p = new Tensor(Ctor.from(p0), [n], true);
        const { lr, ...rest } = config;
        const opt = new Adam({ learningRate: lr, ...rest });
        for (const g of grads) opt.applyGradients([p], [new Tensor(g, [n])]);
        const expected = plainAdam(Ctor, p0, grads, config);
        for (let i = 0; i < n; i++) expect(Object.is(p.data[i], expected[i])).toBe(true);
      });
    }
  }

  it('AdamW decays the weights before the same Adam step', () => {
    const n = 33;
    const rng = new Random(8);
    const p0 = Float32Array.from({ length: n }, () => rng.normal());
    const g = Float32Array.from({ length: n }, () => rng.normal());
    const p = new Tensor(Float32Array.from(p0), [n], true);
    new AdamW({ learningRate: 0.1, weightDecay: 0.5 }).applyGradients([p], [new Tensor(g, [n])]);
    const decayed = Float32Array.from(p0, (x) => x * (1 - 0.5 * 0.1));
    const expected = plainAdam(Float32Array, decayed, [g], {
      lr: 0.1,
      beta1: 0.9,
      beta2: 0.999,
      epsilon: 1e-7,
      amsgrad: false,
    });
    for (let i = 0; i < n; i++) expect(Object.is(p.data[i], expected[i])).toBe(true);
  });
});

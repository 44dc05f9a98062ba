/**
 * Platt's sigmoid P(y = +1 | f) = 1 / (1 + exp(A f + B)), evaluated without overflow.
 */
export function sigmoidPredict(f: number, A: number, B: number): number {
  const fApB = f * A + B;
  // 1 − p is computed directly on the side where exp could overflow (Lin, Lin & Weng 2007)
  return fApB >= 0 ? Math.exp(-fApB) / (1 + Math.exp(-fApB)) : 1 / (1 + Math.exp(fApB));
}

/**
 * Fits Platt's sigmoid to decision values by Newton's method with backtracking line search, on targets
 * smoothed to (N₊ + 1)/(N₊ + 2) and 1/(N₋ + 2), as in "A note on Platt's probabilistic outputs for support vector
 * machines" (Lin, Lin & Weng, Machine Learning 2007), the algorithm LIBSVM uses.
 * @param dec decision values (cross-validated)
 * @param positive whether each sample is in the positive class
 * @returns [A, B]
 */
export function sigmoidTrain(dec: Float64Array, positive: Uint8Array): [number, number] {
  const l = dec.length;
  let prior1 = 0;
  for (let i = 0; i < l; i++) if (positive[i] === 1) prior1++;
  const prior0 = l - prior1;
  const maxIter = 100;
  const minStep = 1e-10;
  const sigma = 1e-12; // keeps the Hessian positive definite
  const eps = 1e-5;
  const hiTarget = (prior1 + 1) / (prior1 + 2);
  const loTarget = 1 / (prior0 + 2);
  const t = new Float64Array(l);
  for (let i = 0; i < l; i++) t[i] = positive[i] === 1 ? hiTarget : loTarget;

  const objective = (A: number, B: number): number => {
    let f = 0;
    for (let i = 0; i < l; i++) {
      const fApB = (dec[i] as number) * A + B;
      const ti = t[i] as number;
      f += fApB >= 0 ? ti * fApB + Math.log1p(Math.exp(-fApB)) : (ti - 1) * fApB + Math.log1p(Math.exp(fApB));
    }
    return f;
  };

  let A = 0;
  let B = Math.log((prior0 + 1) / (prior1 + 1));
  let fval = objective(A, B);
  for (let iter = 0; iter < maxIter; iter++) {
    let h11 = sigma;
    let h22 = sigma;
    let h21 = 0;
    let g1 = 0;
    let g2 = 0;
    for (let i = 0; i < l; i++) {
      const di = dec[i] as number;
      const fApB = di * A + B;
      let p: number;
      let q: number;
      if (fApB >= 0) {
        const e = Math.exp(-fApB);
        p = e / (1 + e);
        q = 1 / (1 + e);
      } else {
        const e = Math.exp(fApB);
        p = 1 / (1 + e);
        q = e / (1 + e);
      }
      const d2 = p * q;
      h11 += di * di * d2;
      h22 += d2;
      h21 += di * d2;
      const d1 = (t[i] as number) - p;
      g1 += di * d1;
      g2 += d1;
    }
    if (Math.abs(g1) < eps && Math.abs(g2) < eps) break;
    const det = h11 * h22 - h21 * h21;
    const dA = -(h22 * g1 - h21 * g2) / det;
    const dB = -(-h21 * g1 + h11 * g2) / det;
    const gd = g1 * dA + g2 * dB;
    let step = 1;
    while (step >= minStep) {
      const newA = A + step * dA;
      const newB = B + step * dB;
      const newf = objective(newA, newB);
      if (newf < fval + 0.0001 * step * gd) {
        A = newA;
        B = newB;
        fval = newf;
        break;
      }
      step /= 2;
    }
    if (step < minStep) break; // line search failed: keep the last iterate
  }
  return [A, B];
}

/**
 * Class probabilities from pairwise ones by the second method of Wu, Lin & Weng, "Probability estimates for
 * multi-class classification by pairwise coupling" (JMLR 2004): minimise Σ_i Σ_{j≠i} (r_ji p_i − r_ij p_j)²
 * subject to Σ p = 1, by the fixed-point iteration LIBSVM uses.
 * @param k number of classes
 * @param r row-major k × k, r[i*k + j] = P(class i | class i or j), r[j*k + i] = 1 − r[i*k + j]
 * @param out receives the k probabilities
 */
export function pairwiseCoupling(k: number, r: Float64Array, out: Float64Array): void {
  const maxIter = Math.max(100, k);
  const eps = 0.005 / k;
  const Q = new Float64Array(k * k);
  const Qp = new Float64Array(k);
  for (let t = 0; t < k; t++) {
    out[t] = 1 / k;
    let diag = 0;
    for (let j = 0; j < k; j++) {
      if (j === t) continue;
      const rjt = r[j * k + t] as number;
      diag += rjt * rjt;
      Q[t * k + j] = -rjt * (r[t * k + j] as number);
    }
    Q[t * k + t] = diag;
  }
  let pQp = 0;
  for (let t = 0; t < k; t++) {
    let s = 0;
    for (let j = 0; j < k; j++) s += (Q[t * k + j] as number) * (out[j] as number);
    Qp[t] = s;
    pQp += (out[t] as number) * s;
  }
  for (let iter = 0; iter < maxIter; iter++) {
    let maxError = 0;
    for (let t = 0; t < k; t++) maxError = Math.max(maxError, Math.abs((Qp[t] as number) - pQp));
    if (maxError < eps) break;
    for (let t = 0; t < k; t++) {
      const Qtt = Q[t * k + t] as number;
      const diff = (-(Qp[t] as number) + pQp) / Qtt;
      out[t] = (out[t] as number) + diff;
      pQp = (pQp + diff * (diff * Qtt + 2 * (Qp[t] as number))) / (1 + diff) / (1 + diff);
      for (let j = 0; j < k; j++) {
        Qp[j] = ((Qp[j] as number) + diff * (Q[t * k + j] as number)) / (1 + diff);
        out[j] = (out[j] as number) / (1 + diff);
      }
    }
  }
}

/** scikit-learn's `_ovr_decision_function`: votes plus sums of confidences squashed into (−⅓, ⅓). */
export function ovrDecision(dec: Float64Array, rows: number, k: number): Float64Array {
  const P = (k * (k - 1)) / 2;
  const out = new Float64Array(rows * k);
  const conf = new Float64Array(k);
  for (let t = 0; t < rows; t++) {
    conf.fill(0);
    let p = 0;
    for (let i = 0; i < k; i++) {
      for (let j = i + 1; j < k; j++) {
        const v = dec[t * P + p] as number;
        conf[i] = (conf[i] as number) + v;
        conf[j] = (conf[j] as number) - v;
        if (v < 0) out[t * k + j] = (out[t * k + j] as number) + 1;
        else out[t * k + i] = (out[t * k + i] as number) + 1;
        p++;
      }
    }
    for (let c = 0; c < k; c++) {
      const sc = conf[c] as number;
      out[t * k + c] = (out[t * k + c] as number) + sc / (3 * (Math.abs(sc) + 1));
    }
  }
  return out;
}

import { ConfigError } from '../../../errors/errors.js';
import { CsrMatrix } from '../../../tensor/CsrMatrix.js';
import { DenseMatrix } from '../../base/DenseMatrix.js';
import type { SvmModel } from './SvmModel.js';

/** w_p = Σ coef sv over the support vectors of pair p, for a linear kernel. */
export function pairwiseWeights(m: SvmModel, className: string): DenseMatrix {
  if (m.kernel.kernel !== 'linear' || m.supportVectors === null) {
    throw new ConfigError(
      `${className}.coef: primal weights exist only for kernel "linear"; this model uses "${m.kernel.kernel}".`,
      {
        kernel: m.kernel.kernel,
      },
    );
  }
  const sv = m.supportVectors;
  const d = sv.cols;
  const nSV = sv.rows;
  const k = Math.max(m.nClasses, 2);
  const regression = m.nClasses <= 1;
  const pairs = regression ? 1 : (k * (k - 1)) / 2;
  const start = new Int32Array(k + 1);
  for (let c = 0; c < m.nSupport.length; c++) start[c + 1] = (start[c] as number) + (m.nSupport[c] as number);
  const out = new DenseMatrix(pairs, d);
  const addRow = (p: number, s: number, c: number): void => {
    if (sv instanceof CsrMatrix) {
      for (let q = sv.indptr[s] as number; q < (sv.indptr[s + 1] as number); q++) {
        out.data[p * d + (sv.indices[q] as number)] += c * (sv.values[q] as number);
      }
    } else for (let f = 0; f < d; f++) out.data[p * d + f] += c * (sv.data[s * d + f] as number);
  };
  if (regression) {
    for (let s = 0; s < nSV; s++) addRow(0, s, m.svCoef[s] as number);
    return out;
  }
  let p = 0;
  for (let i = 0; i < k; i++) {
    for (let j = i + 1; j < k; j++) {
      for (let s = start[i] as number; s < (start[i + 1] as number); s++)
        addRow(p, s, m.svCoef[(j - 1) * nSV + s] as number);
      for (let s = start[j] as number; s < (start[j + 1] as number); s++) addRow(p, s, m.svCoef[i * nSV + s] as number);
      p++;
    }
  }
  if (m.nClasses === 2) for (let q = 0; q < out.data.length; q++) out.data[q] = -(out.data[q] as number);
  return out;
}

import { createPrivateInstance } from '../../../backend/wasm/privateInstance.js';
import type { Random } from '../../../util/random.js';
import { wasmKernelsOn } from '../kernel/wasm/WasmKernelRows.js';
import type { LinearRows } from './LinearRows.js';
import type { LinearResult, LinearSettings } from './LinearResult.js';

/**
 * Exact minimiser of one sample's block of the Crammer–Singer dual (Keerthi, Sundararajan, Chang, Hsieh & Lin,
 * "A sequential dual method for large scale multi-class linear SVMs", KDD 2008, Algorithm 2), over the block's
 * active variables, positions p < ki: min_a ½ A ‖a − α‖² + Σ_p G_p (a_p − α_p) s.t. Σ a = Σ α, a_p ≤ C_p, where
 * C_p = Cy at the true class's position yp and 0 elsewhere. With B_p = G_p − A α_p, the solution is
 * a_p = min(C_p, (β − B_p)/A) for the β that keeps the sum. Shrunk variables sit at their bounds, so the sum of the
 * active ones is −Cy when the true class is shrunk (yp ≥ ki) and 0 otherwise; the same β search covers both.
 * @param B B_p for p < ki (read)
 * @param D scratch of length ≥ ki
 * @param out a_p for p < ki
 */
function subProblem(
  A: number,
  ki: number,
  yp: number,
  Cy: number,
  B: Float64Array,
  D: Float64Array,
  out: Float64Array,
): void {
  for (let p = 0; p < ki; p++) D[p] = B[p] as number;
  if (yp < ki) D[yp] = (D[yp] as number) + A * Cy;
  // descending order: insertion sort (blocks are short; no allocation)
  for (let p = 1; p < ki; p++) {
    const v = D[p] as number;
    let q = p - 1;
    for (; q >= 0 && (D[q] as number) < v; q--) D[q + 1] = D[q] as number;
    D[q + 1] = v;
  }
  let beta = (D[0] as number) - A * Cy;
  let r = 1;
  for (; r < ki && beta < r * (D[r] as number); r++) beta += D[r] as number;
  beta /= r;
  for (let p = 0; p < ki; p++) {
    const v = (beta - (B[p] as number)) / A;
    out[p] = p === yp ? Math.min(Cy, v) : Math.min(0, v);
  }
}

/** The solver's arrays; in WebAssembly memory (with the pass `svmCsPass` of assembly/svmKernels.ts) for CSR rows. */
interface CsArrays {
  w: Float64Array;
  alpha: Float64Array;
  QD: Float64Array;
  perm: Int32Array;
  nActive: Int32Array;
  yPos: Int32Array;
  index: Int32Array;
  /** One pass in WebAssembly over `activeSize` samples: returns the violation, the new active size and the work. */
  pass: ((activeSize: number) => { violation: number; activeSize: number; gradients: number }) | null;
}

// context block slots of svmCsPass (assembly/svmKernels.ts)
const CS_SLOTS = 32;
const [CS_L, CS_K, CS_D, CS_ACTIVE, CS_SHRINK, CS_INDPTR, CS_INDICES, CS_VALUES, CS_W, CS_ALPHA, CS_QD, CS_C, CS_Y] = [
  0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12,
];
const [CS_PERM, CS_NACTIVE, CS_YPOS, CS_INDEX, CS_SCRATCH, CS_GRADIENTS] = [13, 14, 15, 16, 17, 18];

/** Plain arrays (JavaScript passes). */
function plainArrays(l: number, k: number, width: number): CsArrays {
  return {
    w: new Float64Array(width * k),
    alpha: new Float64Array(l * k),
    QD: new Float64Array(l),
    perm: new Int32Array(l * k),
    nActive: new Int32Array(l),
    yPos: new Int32Array(l),
    index: new Int32Array(l),
    pass: null,
  };
}

/** The arrays and the CSR rows in a private WebAssembly memory, or null when it cannot be had. */
function wasmArrays(
  rows: LinearRows,
  yIdx: Int32Array,
  k: number,
  C: Float64Array,
  shrinking: boolean,
): CsArrays | null {
  const csr = rows.csr;
  if (csr === null || !wasmKernelsOn()) return null;
  const l = rows.n;
  const nnz = csr.indptr[l] as number;
  const sizes: [number, number][] = [
    [CS_SLOTS, 4],
    [8 * k, 8], // scratch: six float64 and two int32 arrays of k
    [l + 1, 4],
    [nnz, 4],
    [nnz, 8],
    [rows.width * k, 8],
    [l * k, 8],
    [l, 8],
    [l, 8],
    [l, 4],
    [l * k, 4],
    [l, 4],
    [l, 4],
    [l, 4],
  ];
  const bytes = sizes.reduce((sum, [n, b]) => sum + Math.ceil((n * b) / 8) * 8, 0);
  if (bytes > 2 ** 31) return null;
  const inst = createPrivateInstance(bytes);
  const run = inst?.exports.svmCsPass;
  if (inst === null || typeof run !== 'function') return null;
  const buffer = inst.memory.buffer;
  let at = inst.base;
  const addrs: number[] = [];
  for (const [n, b] of sizes) {
    addrs.push(at);
    at += Math.ceil((n * b) / 8) * 8;
  }
  const f64 = (t: number, n: number): Float64Array => new Float64Array(buffer, addrs[t] as number, n);
  const i32 = (t: number, n: number): Int32Array => new Int32Array(buffer, addrs[t] as number, n);
  const ctx = i32(0, CS_SLOTS);
  i32(2, l + 1).set(csr.indptr.subarray(0, l + 1));
  i32(3, nnz).set(csr.indices.subarray(0, nnz));
  f64(4, nnz).set(csr.values.subarray(0, nnz));
  f64(8, l).set(C.subarray(0, l));
  i32(9, l).set(yIdx.subarray(0, l));
  ctx[CS_L] = l;
  ctx[CS_K] = k;
  ctx[CS_D] = rows.d;
  ctx[CS_SHRINK] = shrinking ? 1 : 0;
  const slots = [CS_SCRATCH, CS_INDPTR, CS_INDICES, CS_VALUES, CS_W, CS_ALPHA, CS_QD, CS_C, CS_Y, CS_PERM];
  slots.forEach((slot, t) => (ctx[slot] = addrs[t + 1] as number));
  [CS_NACTIVE, CS_YPOS, CS_INDEX].forEach((slot, t) => (ctx[slot] = addrs[t + 11] as number));
  const ctxAddr = addrs[0] as number;
  const bias = rows.bias;
  const pass = run as (ctx: number, bias: number) => number;
  return {
    w: f64(5, rows.width * k),
    alpha: f64(6, l * k),
    QD: f64(7, l),
    perm: i32(10, l * k),
    nActive: i32(11, l),
    yPos: i32(12, l),
    index: i32(13, l),
    pass: (activeSize) => {
      ctx[CS_ACTIVE] = activeSize;
      const violation = pass(ctxAddr, bias);
      return { violation, activeSize: ctx[CS_ACTIVE] as number, gradients: ctx[CS_GRADIENTS] as number };
    },
  };
}

/** Options of `crammerSinger` beyond the common settings. */
export interface CrammerSingerOptions {
  /** Shrink variables and samples that sit at their bounds (default true), as LIBLINEAR does. */
  shrinking?: boolean;
}

/**
 * Multi-class linear SVM of Crammer & Singer (JMLR 2001) by the sequential dual method of Keerthi et al. (KDD 2008;
 * LIBLINEAR solver 4): one block of k dual variables per sample, each solved exactly in turn, samples in random
 * order. Stops when the largest KKT violation max_m G_m − min_{m: α_m < C_m} G_m over a pass is at most eps.
 *
 * Shrinking (the idea of LIBLINEAR's solver): a variable at its upper bound whose gradient is below the smallest
 * gradient of the block's free variables will stay there, so it leaves the block; a sample with at most one
 * variable left leaves the pass. When a pass over the shrunk problem violates the KKT conditions by less than a
 * threshold (max(10 eps, 1) at first, halved each time down to eps), everything comes back; the solver stops only
 * after a pass over the whole problem meets eps, so the stopping rule is the unshrunk one.
 * @param yIdx class of each sample
 * @param k number of classes
 * @param C per-sample penalty
 * @param options `shrinking` (default true)
 * @returns `w`, feature-major: w[j·k + m] is the weight of feature j for class m (bias row last); the dual variables
 *   `alpha` (alpha[i·k + m]; w_m = Σ_i alpha[i·k + m] x_i); `gradients`, the gradient entries G_m computed over all
 *   passes (one sparse dot product each), which is the work shrinking saves
 */
export function crammerSinger(
  rows: LinearRows,
  yIdx: Int32Array,
  k: number,
  C: Float64Array,
  settings: LinearSettings,
  rng: Random,
  options: CrammerSingerOptions = {},
): LinearResult & { alpha: Float64Array; gradients: number } {
  const shrinking = options.shrinking ?? true;
  const l = rows.n;
  const { d, bias } = rows;
  const csr = rows.csr;
  // CSR arrays hoisted out of the loops (empty for dense rows, which go through LinearRows)
  const indptr = csr?.indptr ?? new Int32Array(0);
  const indices = csr?.indices ?? new Int32Array(0);
  const values = csr?.values ?? new Float64Array(0);
  const arrays = wasmArrays(rows, yIdx, k, C, shrinking) ?? plainArrays(l, k, rows.width);
  const { w, alpha, QD, perm, nActive, yPos, index } = arrays;
  for (let i = 0; i < l; i++) QD[i] = rows.sqNorm(i);
  // per sample: class at each position of its block (active ones first), active count, position of the true class
  for (let t = 0; t < l * k; t++) perm[t] = t % k;
  nActive.fill(k);
  yPos.set(yIdx.subarray(0, l));
  const G = new Float64Array(k);
  const full = new Float64Array(k);
  const cls = new Int32Array(k);
  const B = new Float64Array(k);
  const D = new Float64Array(k);
  const next = new Float64Array(k);
  const dCls = new Int32Array(k);
  const dVal = new Float64Array(k);
  for (let i = 0; i < l; i++) index[i] = i;
  let activeSize = l;
  let epsShrink = Math.max(10 * settings.eps, 1);
  let startFromAll = true;
  let iter = 0;
  let converged = false;
  let gradients = 0;

  /** Variable at position p of sample i's block sits at its bound with a gradient below minG. */
  const shrinkable = (base: number, p: number, yp: number, Cy: number, minG: number): boolean =>
    (alpha[base + (perm[base + p] as number)] as number) === (p === yp ? Cy : 0) && (G[p] as number) < minG;

  while (iter < settings.maxIter) {
    for (let s = 0; s < activeSize; s++) {
      const r = s + (rng.nextUint32() % (activeSize - s));
      const t = index[s] as number;
      index[s] = index[r] as number;
      index[r] = t;
    }
    let violation = 0;
    if (arrays.pass !== null) {
      const r = arrays.pass(activeSize);
      violation = r.violation;
      activeSize = r.activeSize;
      gradients += r.gradients;
    } else {
      for (let s = 0; s < activeSize; s++) {
        const i = index[s] as number;
        const A = QD[i] as number;
        if (A <= 0) continue;
        const yi = yIdx[i] as number;
        const Cy = C[i] as number;
        const base = i * k;
        let ki = nActive[i] as number;
        let yp = yPos[i] as number;
        gradients += ki;
        // gradient of the active variables: G_p = [class ≠ yi] + w_class · x_i
        for (let p = 0; p < ki; p++) cls[p] = perm[base + p] as number;
        if (csr !== null && 2 * ki < k) {
          // few active classes: gather their weights feature by feature
          for (let p = 0; p < ki; p++) G[p] = cls[p] === yi ? 0 : 1;
          const e = indptr[i + 1] as number;
          for (let q = indptr[i] as number; q < e; q++) {
            const v = values[q] as number;
            const o = (indices[q] as number) * k;
            for (let p = 0; p < ki; p++) G[p] = (G[p] as number) + v * (w[o + (cls[p] as number)] as number);
          }
          if (bias > 0) {
            const o = d * k;
            for (let p = 0; p < ki; p++) G[p] = (G[p] as number) + bias * (w[o + (cls[p] as number)] as number);
          }
        } else {
          // most classes active: all k products over contiguous weights, then pick the active ones
          if (csr !== null) {
            full.fill(0);
            const e = indptr[i + 1] as number;
            for (let q = indptr[i] as number; q < e; q++) {
              const v = values[q] as number;
              const o = (indices[q] as number) * k;
              for (let m = 0; m < k; m++) full[m] = (full[m] as number) + v * (w[o + m] as number);
            }
            if (bias > 0) {
              const o = d * k;
              for (let m = 0; m < k; m++) full[m] = (full[m] as number) + bias * (w[o + m] as number);
            }
          } else rows.dotMulti(i, w, k, full);
          for (let p = 0; p < ki; p++) {
            const m = cls[p] as number;
            G[p] = (full[m] as number) + (m === yi ? 0 : 1);
          }
        }
        let maxG = -Infinity;
        let minG = Infinity;
        for (let p = 0; p < ki; p++) {
          const g = G[p] as number;
          if (g > maxG) maxG = g;
          const a = alpha[base + (perm[base + p] as number)] as number;
          if ((p === yp ? a < Cy : a < 0) && g < minG) minG = g;
        }
        if (shrinking) {
          for (let p = 0; p < ki; p++) {
            if (!shrinkable(base, p, yp, Cy, minG)) continue;
            // drop p: bring the last keepable variable into its place (shrinkable ones at the end just leave)
            ki--;
            while (ki > p) {
              if (!shrinkable(base, ki, yp, Cy, minG)) {
                const c = perm[base + p] as number;
                perm[base + p] = perm[base + ki] as number;
                perm[base + ki] = c;
                const g = G[p] as number;
                G[p] = G[ki] as number;
                G[ki] = g;
                if (yp === ki) yp = p;
                else if (yp === p) yp = ki;
                break;
              }
              ki--;
            }
          }
          nActive[i] = ki;
          yPos[i] = yp;
          if (ki <= 1) {
            activeSize--;
            index[s] = index[activeSize] as number;
            index[activeSize] = i;
            s--;
            continue;
          }
        }
        if (maxG - minG <= 1e-12) continue;
        if (maxG - minG > violation) violation = maxG - minG;
        for (let p = 0; p < ki; p++) B[p] = (G[p] as number) - A * (alpha[base + (perm[base + p] as number)] as number);
        subProblem(A, ki, yp, Cy, B, D, next);
        let nz = 0;
        for (let p = 0; p < ki; p++) {
          const m = perm[base + p] as number;
          const dm = (next[p] as number) - (alpha[base + m] as number);
          alpha[base + m] = next[p] as number;
          if (dm !== 0) {
            dCls[nz] = m;
            dVal[nz++] = dm;
          }
        }
        if (nz === 0) continue;
        if (csr !== null) {
          const e = indptr[i + 1] as number;
          for (let q = indptr[i] as number; q < e; q++) {
            const v = values[q] as number;
            const o = (indices[q] as number) * k;
            for (let z = 0; z < nz; z++)
              w[o + (dCls[z] as number)] = (w[o + (dCls[z] as number)] as number) + v * (dVal[z] as number);
          }
          if (bias > 0) {
            const o = d * k;
            for (let z = 0; z < nz; z++)
              w[o + (dCls[z] as number)] = (w[o + (dCls[z] as number)] as number) + bias * (dVal[z] as number);
          }
        } else {
          full.fill(0);
          for (let z = 0; z < nz; z++) full[dCls[z] as number] = dVal[z] as number;
          rows.addMulti(i, full, k, w);
        }
      }
    }
    iter++;
    if (!shrinking) {
      if (violation < settings.eps) {
        converged = true;
        break;
      }
    } else if (violation < epsShrink) {
      if (violation < settings.eps && startFromAll) {
        converged = true;
        break;
      }
      // the shrunk problem is solved to this threshold: bring everything back and tighten it
      activeSize = l;
      nActive.fill(k);
      epsShrink = Math.max(epsShrink / 2, settings.eps);
      startFromAll = true;
    } else startFromAll = false;
  }
  // copies: views of WebAssembly memory would keep the whole memory alive
  return { w: w.slice(), iterations: iter, converged, alpha: alpha.slice(), gradients };
}

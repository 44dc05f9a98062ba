import { ConfigError, DataError } from '../../../errors/errors.js';
import { CsrMatrix } from '../../../tensor/CsrMatrix.js';
import type { Label } from '../../base/labels.js';
import { KERNEL_TYPES, type SvmKernelParams, type SvmKernel } from '../kernel/kernelTypes.js';
import { type SvmModel, type SvmType, modelSvCount } from '../libsvm/SvmModel.js';
import { parseLibsvmData } from './libsvmData.js';

/** LIBSVM's names of the kernels in model files (`kernel_type`). */
const KERNEL_NAMES: Record<SvmKernel, string> = {
  linear: 'linear',
  poly: 'polynomial',
  rbf: 'rbf',
  sigmoid: 'sigmoid',
  precomputed: 'precomputed',
};

const SVM_TYPES: readonly SvmType[] = ['c_svc', 'nu_svc', 'epsilon_svr', 'nu_svr'];

/** A model read from a LIBSVM model file, converted to lsml's layout (classes sorted). */
export interface LibsvmModelFile {
  model: SvmModel;
  /** Sorted class labels (empty for regression). */
  classes: number[];
  /** Largest feature index of the support vectors (precomputed: largest sample serial number). */
  nFeatures: number;
}

function full(v: number): string {
  return String(v);
}

/**
 * Writes a model in LIBSVM's model file format (`svm_save_model`), readable by `svm-predict` and LIBSVM's
 * `svm_load_model`. Classes are written in sorted order; numbers at full precision.
 * @param model the `model` of a fitted SVC, NuSVC, SVR or NuSVR
 * @param classes the estimator's `classes` (integer labels; ignored for regression)
 * @throws ConfigError when a class label is not an integer (LIBSVM's model files store integer labels)
 */
export function writeLibsvmModel(model: SvmModel, classes: readonly Label[] = []): string {
  const k = model.kernel;
  const classification = model.nClasses > 1;
  const lines: string[] = [`svm_type ${model.svmType}`, `kernel_type ${KERNEL_NAMES[k.kernel]}`];
  if (k.kernel === 'poly') lines.push(`degree ${k.degree}`);
  if (k.kernel === 'poly' || k.kernel === 'rbf' || k.kernel === 'sigmoid') lines.push(`gamma ${full(k.gamma)}`);
  if (k.kernel === 'poly' || k.kernel === 'sigmoid') lines.push(`coef0 ${full(k.coef0)}`);
  const nSV = modelSvCount(model);
  lines.push(`nr_class ${classification ? model.nClasses : 2}`, `total_sv ${nSV}`);
  lines.push(`rho ${Array.from(model.rho, full).join(' ')}`);
  if (classification) {
    for (const c of classes) {
      if (typeof c !== 'number' || !Number.isInteger(c)) {
        throw new ConfigError(
          `writeLibsvmModel: LIBSVM model files hold integer class labels; received ${JSON.stringify(c)}. Fit on integer labels to export.`,
          { label: c },
        );
      }
    }
    lines.push(`label ${classes.join(' ')}`);
  }
  if (model.probA !== null) lines.push(`probA ${Array.from(model.probA, full).join(' ')}`);
  if (model.probB !== null) lines.push(`probB ${Array.from(model.probB, full).join(' ')}`);
  if (classification) lines.push(`nr_sv ${Array.from(model.nSupport).join(' ')}`);
  lines.push('SV');
  const rowsOfCoef = Math.max(model.nClasses - 1, 1);
  const sv = model.supportVectors;
  for (let s = 0; s < nSV; s++) {
    let line = '';
    for (let r = 0; r < rowsOfCoef; r++) line += `${full(model.svCoef[r * nSV + s] as number)} `;
    if (sv === null) {
      line += `0:${(model.support as Int32Array)[s]! + 1} `;
    } else if (sv instanceof CsrMatrix) {
      for (let q = sv.indptr[s] as number; q < (sv.indptr[s + 1] as number); q++) {
        line += `${(sv.indices[q] as number) + 1}:${full(sv.values[q] as number)} `;
      }
    } else {
      for (let j = 0; j < sv.cols; j++) {
        const v = sv.data[s * sv.cols + j] as number;
        if (v !== 0) line += `${j + 1}:${full(v)} `;
      }
    }
    lines.push(line);
  }
  return lines.join('\n') + '\n';
}

function numbers(values: readonly string[], what: string, count: number): Float64Array {
  const out = Float64Array.from(values, Number);
  if (out.length !== count || out.some((v) => Number.isNaN(v))) {
    throw new DataError(`readLibsvmModel: "${what}" must hold ${count} numbers; received "${values.join(' ')}".`, {
      what,
    });
  }
  return out;
}

/**
 * Reads a LIBSVM model file (as written by `svm-train`, LIBSVM's `svm_save_model`, or `writeLibsvmModel`) into
 * lsml's layout: classes sorted, pairwise functions, coefficients, ρ and Platt parameters reoriented to match.
 * Supports c_svc, nu_svc, epsilon_svr and nu_svr with every kernel.
 * @throws DataError on a malformed or unsupported file (e.g. one_class)
 */
export function readLibsvmModel(text: string): LibsvmModelFile {
  const svAt = text.search(/^SV[ \t]*\r?$/m);
  if (svAt < 0) throw new DataError('readLibsvmModel: no "SV" line; this is not a LIBSVM model file.');
  const header = new Map<string, string[]>();
  for (const raw of text.slice(0, svAt).split('\n')) {
    const parts = raw.trim().split(/\s+/);
    if (parts[0] === undefined || parts[0] === '') continue;
    header.set(parts[0], parts.slice(1));
  }
  const one = (key: string): string => {
    const v = header.get(key)?.[0];
    if (v === undefined) throw new DataError(`readLibsvmModel: the header has no "${key}" line.`, { key });
    return v;
  };
  const svmType = one('svm_type') as SvmType;
  if (!SVM_TYPES.includes(svmType)) {
    throw new DataError(
      `readLibsvmModel: svm_type "${svmType}" is not supported; expected one of ${SVM_TYPES.join(', ')}.`,
      {
        svmType,
      },
    );
  }
  const kernelName = one('kernel_type');
  const kernel = KERNEL_TYPES.find((t) => KERNEL_NAMES[t] === kernelName);
  if (kernel === undefined)
    throw new DataError(`readLibsvmModel: unknown kernel_type "${kernelName}".`, { kernelName });
  const params: SvmKernelParams = {
    kernel,
    degree: header.has('degree') ? Number(one('degree')) : 3,
    gamma: header.has('gamma') ? Number(one('gamma')) : 0,
    coef0: header.has('coef0') ? Number(one('coef0')) : 0,
  };
  const classification = svmType === 'c_svc' || svmType === 'nu_svc';
  const k = classification ? Number(one('nr_class')) : 1;
  const nSV = Number(one('total_sv'));
  const pairs = classification ? (k * (k - 1)) / 2 : 1;
  const rhoFile = numbers(header.get('rho') ?? [], 'rho', pairs);
  const probAFile = header.has('probA') ? numbers(header.get('probA') ?? [], 'probA', pairs) : null;
  const probBFile = header.has('probB') ? numbers(header.get('probB') ?? [], 'probB', pairs) : null;
  const labelsFile = classification ? Array.from(numbers(header.get('label') ?? [], 'label', k)) : [];
  const nrSvFile = classification
    ? Int32Array.from(numbers(header.get('nr_sv') ?? [], 'nr_sv', k))
    : Int32Array.of(nSV);

  // the SV section: "coef_1 … coef_{k-1} index:value …"; split the coefficients off, parse the rest as data
  const rowsOfCoef = Math.max(k - 1, 1);
  const body = text
    .slice(svAt)
    .split('\n')
    .slice(1)
    .filter((s) => s.trim() !== '');
  if (body.length !== nSV) {
    throw new DataError(`readLibsvmModel: total_sv is ${nSV} but the file has ${body.length} support vector lines.`, {
      totalSv: nSV,
      lines: body.length,
    });
  }
  const coefFile = new Float64Array(rowsOfCoef * nSV);
  const featureLines: string[] = [];
  body.forEach((line, s) => {
    const tokens = line.trim().split(/\s+/);
    for (let r = 0; r < rowsOfCoef; r++) coefFile[r * nSV + s] = Number(tokens[r]);
    featureLines.push(`0 ${tokens.slice(rowsOfCoef).join(' ')}`);
  });
  const precomputed = kernel === 'precomputed';
  const parsed = parseLibsvmData(featureLines.join('\n'), { zeroBased: true });
  let svX = parsed.X;
  let supportFile: Int32Array | null = null;
  let nFeatures: number;
  if (precomputed) {
    supportFile = new Int32Array(nSV);
    for (let s = 0; s < nSV; s++) supportFile[s] = (svX.values[svX.indptr[s] as number] as number) - 1;
    nFeatures = supportFile.reduce((m, v) => Math.max(m, v + 1), 0);
  } else {
    // 1-based feature indices in the file
    const idx = svX.indices.map((i) => i - 1);
    if (idx.some((i) => i < 0)) throw new DataError('readLibsvmModel: feature index 0 in a non-precomputed model.');
    nFeatures = Math.max(svX.cols - 1, 0);
    svX = new CsrMatrix(svX.rows, nFeatures, svX.indptr, idx, svX.values);
  }

  if (!classification) {
    return {
      model: {
        svmType,
        kernel: params,
        nClasses: 1,
        supportVectors: precomputed ? null : svX,
        support: supportFile,
        nSupport: nrSvFile,
        svCoef: coefFile,
        rho: rhoFile,
        probA: probAFile,
        probB: null,
      },
      classes: [],
      nFeatures,
    };
  }

  // reorder the classes: file position a → sorted position pi[a]
  const classes = [...labelsFile].sort((a, b) => a - b);
  const pi = labelsFile.map((l) => classes.indexOf(l));
  const fileStart = new Int32Array(k);
  for (let a = 1; a < k; a++) fileStart[a] = (fileStart[a - 1] as number) + (nrSvFile[a - 1] as number);
  const nSupport = new Int32Array(k);
  for (let a = 0; a < k; a++) nSupport[pi[a] as number] = nrSvFile[a] as number;
  const start = new Int32Array(k);
  for (let c = 1; c < k; c++) start[c] = (start[c - 1] as number) + (nSupport[c - 1] as number);
  // new position of each support vector
  const newPos = new Int32Array(nSV);
  for (let a = 0; a < k; a++) {
    for (let q = 0; q < (nrSvFile[a] as number); q++)
      newPos[(fileStart[a] as number) + q] = (start[pi[a] as number] as number) + q;
  }
  const pairIndex = (i: number, j: number): number => i * k - (i * (i + 1)) / 2 + (j - i - 1);
  const svCoef = new Float64Array(rowsOfCoef * nSV);
  const rho = new Float64Array(pairs);
  const probA = probAFile === null ? null : new Float64Array(pairs);
  const probB = probBFile === null ? null : new Float64Array(pairs);
  let p = 0;
  for (let a = 0; a < k; a++) {
    for (let b = a + 1; b < k; b++) {
      const A = pi[a] as number;
      const B = pi[b] as number;
      const sign = A < B ? 1 : -1;
      const q = pairIndex(Math.min(A, B), Math.max(A, B));
      rho[q] = sign * (rhoFile[p] as number);
      if (probA !== null && probAFile !== null) probA[q] = probAFile[p] as number;
      if (probB !== null && probBFile !== null) probB[q] = sign * (probBFile[p] as number);
      // class a's coefficients for this pair sit in file row b − 1; class b's in file row a
      const rowA = A < B ? B - 1 : B;
      const rowB = B < A ? A - 1 : A;
      for (let s = fileStart[a] as number; s < (fileStart[a] as number) + (nrSvFile[a] as number); s++) {
        svCoef[rowA * nSV + (newPos[s] as number)] = sign * (coefFile[(b - 1) * nSV + s] as number);
      }
      for (let s = fileStart[b] as number; s < (fileStart[b] as number) + (nrSvFile[b] as number); s++) {
        svCoef[rowB * nSV + (newPos[s] as number)] = sign * (coefFile[a * nSV + s] as number);
      }
      p++;
    }
  }
  const order = new Int32Array(nSV);
  for (let s = 0; s < nSV; s++) order[newPos[s] as number] = s;
  let support: Int32Array | null = null;
  if (supportFile !== null) support = Int32Array.from(order, (s) => supportFile[s] as number);
  let supportVectors: CsrMatrix | null = null;
  if (!precomputed) {
    const indptr = new Int32Array(nSV + 1);
    for (let t = 0; t < nSV; t++) {
      const s = order[t] as number;
      indptr[t + 1] = (indptr[t] as number) + ((svX.indptr[s + 1] as number) - (svX.indptr[s] as number));
    }
    const indices = new Int32Array(svX.nnz);
    const values = new Float64Array(svX.nnz);
    for (let t = 0; t < nSV; t++) {
      const s = order[t] as number;
      const a = svX.indptr[s] as number;
      const b = svX.indptr[s + 1] as number;
      indices.set(svX.indices.subarray(a, b), indptr[t] as number);
      values.set(svX.values.subarray(a, b), indptr[t] as number);
    }
    supportVectors = new CsrMatrix(nSV, nFeatures, indptr, indices, values);
  }
  return {
    model: {
      svmType,
      kernel: params,
      nClasses: k,
      supportVectors,
      support,
      nSupport,
      svCoef,
      rho,
      probA,
      probB,
      couplingOrder: pi.some((c, a) => c !== a) ? Int32Array.from(pi) : null,
    },
    classes,
    nFeatures,
  };
}

/**
 * Inner loops of the sparse linear solvers (src/estimators/linear/sgd/plainSgd.ts and
 * src/estimators/svm/linear/dualCdSvc.ts) over a CSR copy the caller keeps in a memory of its own
 * (src/backend/wasm/privateInstance.ts, laid out by src/backend/wasm/sparseLinearMemory.ts). They repeat the
 * TypeScript loops operation for operation — same sums in the same order, plain multiply and add (never fused) —
 * so a model is the same bits whichever runs; they only spare the bounds checks of the typed-array accesses.
 * Addresses are byte offsets; CSR rows are indptr (i32), indices (i32) and values (f64, or f32 when every value
 * is exactly a float32: widening is exact, so the sums are unchanged and a row takes a third less memory traffic).
 */

/** Slots of the SGD state block (f64 each). */
const SGD_INTERCEPT = 0;
const SGD_T = 8;
const SGD_SCALE = 16;
const SGD_SUM_LOSS = 24;
const SGD_ETA = 32;
/** Where the prefetch reads are summed, so the optimizer keeps them. */
const SGD_SINK = 40;

/** Below this scale the raw weights are rescaled (WeightVector's MIN_SCALE). */
const MIN_SCALE: f64 = 1e-9;
/** |ℓ'| clip of scikit-learn. */
const MAX_DLOSS: f64 = 1e12;

/** Loss value, `sgdLoss` of sgdLoss.ts for every code but 1 (log_loss, which needs exp/log and stays in TypeScript). */
function lossOf(code: i32, p: f64, y: f64, epsilon: f64): f64 {
  if (code == 0) {
    const z = p * y;
    return z <= 1 ? 1 - z : 0;
  }
  if (code == 2) {
    const z = p * y;
    if (z >= 1) return 0;
    if (z >= -1) return (1 - z) * (1 - z);
    return -4 * z;
  }
  if (code == 3) {
    const z = 1 - p * y;
    return z > 0 ? z * z : 0;
  }
  if (code == 4) {
    const z = p * y;
    return z <= 0 ? -z : 0;
  }
  if (code == 5) return 0.5 * (p - y) * (p - y);
  if (code == 6) {
    const r = Math.abs(p - y);
    return r <= epsilon ? 0.5 * r * r : epsilon * r - 0.5 * epsilon * epsilon;
  }
  if (code == 7) return Math.max(0, Math.abs(y - p) - epsilon);
  const z = Math.abs(y - p) - epsilon;
  return z > 0 ? z * z : 0;
}

/** Loss derivative, `sgdDLoss` of sgdLoss.ts for every code but 1. */
function dLossOf(code: i32, p: f64, y: f64, epsilon: f64): f64 {
  if (code == 0) return p * y <= 1 ? -y : 0;
  if (code == 2) {
    const z = p * y;
    if (z >= 1) return 0;
    if (z >= -1) return -2 * (1 - z) * y;
    return -4 * y;
  }
  if (code == 3) {
    const z = 1 - p * y;
    return z > 0 ? -2 * y * z : 0;
  }
  if (code == 4) return p * y <= 0 ? -y : 0;
  if (code == 5) return p - y;
  if (code == 6) {
    const r = p - y;
    if (Math.abs(r) <= epsilon) return r;
    return r > 0 ? epsilon : -epsilon;
  }
  if (code == 7) {
    if (y - p > epsilon) return -1;
    if (p - y > epsilon) return 1;
    return 0;
  }
  const z = y - p;
  if (z > epsilon) return -2 * (z - epsilon);
  if (z < -epsilon) return 2 * (-z - epsilon);
  return 0;
}

/** Rows per group of `touchRows`. */
const TOUCH_GROUP = 16;

/**
 * Reads one value in every cache line of the rows ids[from … min(from + TOUCH_GROUP, end)) (indices and values),
 * and each row's entry of a per-row array (`perRow`, entries of 2^`shift` bytes). The rows come in random order
 * from data far larger than the caches, so each starts with cache and TLB misses; reading a group of upcoming
 * rows at once lets their misses overlap (one wait per group instead of one per row). Nothing is written.
 * @returns the sum of what was read (the caller stores it, so the reads are kept)
 */
function touchRows<V>(
  indptr: usize,
  indices: usize,
  values: usize,
  ids: usize,
  from: i32,
  end: i32,
  perRow: usize,
  shift: i32,
): f64 {
  const VSHIFT: usize = sizeof<V>() == 4 ? 2 : 3;
  const to = min(from + TOUCH_GROUP, end);
  let t: f64 = 0;
  for (let q = from; q < to; q++) {
    const r = load<i32>(ids + ((<usize>q) << 2));
    const a = load<i32>(indptr + ((<usize>r) << 2));
    const e = load<i32>(indptr + ((<usize>r) << 2), 4);
    t += load<f64>(perRow + ((<usize>r) << (<usize>shift)));
    for (let p = a; p < e; p += 16) {
      t += <f64>load<i32>(indices + ((<usize>p) << 2)) + <f64>load<V>(values + ((<usize>p) << VSHIFT));
    }
    if (VSHIFT == 3) {
      for (let p = a + 8; p < e; p += 16) t += <f64>load<V>(values + ((<usize>p) << VSHIFT));
    }
  }
  return t;
}

/**
 * One epoch of plain SGD (batch size 1, no L1, no averaging) over the rows listed at `order`, as plainSgd.ts runs
 * it: p = scale·(raw·x) + b with four partial sums, the clipped loss derivative, the class and sample weight, the
 * O(1) L2 shrink of the scale, raw += (c/scale)·x, b += c·decay. The state block at `state` holds the intercept,
 * step counter t, scale, the loss sum (output) and η (input; recomputed per step for schedule 1, 'optimal').
 * @returns −1, or the row whose decision value was not finite (when `checkFinite`); the state is then as before
 *   that row
 */
function sgdEpoch<V>(
  indptr: usize,
  indices: usize,
  values: usize,
  y: usize,
  sw: usize,
  order: usize,
  nTrain: i32,
  w: usize,
  d: i32,
  state: usize,
  lossCode: i32,
  epsilon: f64,
  weightPos: f64,
  weightNeg: f64,
  fitIntercept: i32,
  decay: f64,
  schedule: i32,
  alpha: f64,
  tOptimal: f64,
  l2: i32,
  l2Strength: f64,
  needLoss: i32,
  checkFinite: i32,
): i32 {
  const VSHIFT: usize = sizeof<V>() == 4 ? 2 : 3;
  let intercept = load<f64>(state, SGD_INTERCEPT);
  let t = load<f64>(state, SGD_T);
  let scale = load<f64>(state, SGD_SCALE);
  let eta = load<f64>(state, SGD_ETA);
  let sumLoss: f64 = 0;
  let bad: i32 = -1;
  let touched: f64 = touchRows<V>(indptr, indices, values, order, 0, nTrain, y, 3);
  for (let k = 0; k < nTrain; k++) {
    if (schedule == 1) eta = 1 / (alpha * (tOptimal + t - 1));
    const i = load<i32>(order + ((<usize>k) << 2));
    if ((k & (TOUCH_GROUP - 1)) == 0) {
      touched += touchRows<V>(indptr, indices, values, order, k + TOUCH_GROUP, nTrain, y, 3);
    }
    const a = load<i32>(indptr + ((<usize>i) << 2));
    const e = load<i32>(indptr + ((<usize>i) << 2), 4);
    let s0: f64 = 0;
    let s1: f64 = 0;
    let s2: f64 = 0;
    let s3: f64 = 0;
    let q = a;
    for (; q + 3 < e; q += 4) {
      const ip = indices + ((<usize>q) << 2);
      const vp = values + ((<usize>q) << VSHIFT);
      s0 += load<f64>(w + ((<usize>load<i32>(ip)) << 3)) * <f64>load<V>(vp);
      s1 += load<f64>(w + ((<usize>load<i32>(ip, 4)) << 3)) * <f64>load<V>(vp, sizeof<V>());
      s2 += load<f64>(w + ((<usize>load<i32>(ip, 8)) << 3)) * <f64>load<V>(vp, 2 * sizeof<V>());
      s3 += load<f64>(w + ((<usize>load<i32>(ip, 12)) << 3)) * <f64>load<V>(vp, 3 * sizeof<V>());
    }
    for (; q < e; q++) {
      s0 +=
        load<f64>(w + ((<usize>load<i32>(indices + ((<usize>q) << 2))) << 3)) *
        <f64>load<V>(values + ((<usize>q) << VSHIFT));
    }
    const p = (s0 + s1 + (s2 + s3)) * scale + intercept;
    if (checkFinite != 0 && p - p != 0) {
      bad = i;
      break;
    }
    const yi = load<f64>(y + ((<usize>i) << 3));
    if (needLoss != 0) sumLoss += lossOf(lossCode, p, yi, epsilon);
    let dl = dLossOf(lossCode, p, yi, epsilon);
    if (dl > MAX_DLOSS) dl = MAX_DLOSS;
    else if (dl < -MAX_DLOSS) dl = -MAX_DLOSS;
    const weight = (yi > 0 ? weightPos : weightNeg) * (sw != 0 ? load<f64>(sw + ((<usize>i) << 3)) : 1);
    const c = -eta * dl * weight;
    if (l2 != 0) {
      scale *= Math.max(0, 1 - l2Strength * eta);
      if (scale < MIN_SCALE) {
        // WeightVector.normalize: fold the scale into the raw weights
        if (scale != 1)
          for (let j = 0; j < d; j++) store<f64>(w + ((<usize>j) << 3), load<f64>(w + ((<usize>j) << 3)) * scale);
        scale = 1;
      }
    }
    if (c != 0) {
      const f = c / scale;
      for (let r = a; r < e; r++) {
        const wp = w + ((<usize>load<i32>(indices + ((<usize>r) << 2))) << 3);
        store<f64>(wp, load<f64>(wp) + f * <f64>load<V>(values + ((<usize>r) << VSHIFT)));
      }
      if (fitIntercept != 0) intercept += c * decay;
    }
    t += 1;
  }
  store<f64>(state, intercept, SGD_INTERCEPT);
  store<f64>(state, t, SGD_T);
  store<f64>(state, scale, SGD_SCALE);
  store<f64>(state, sumLoss, SGD_SUM_LOSS);
  store<f64>(state, eta, SGD_ETA);
  store<f64>(state, touched, SGD_SINK);
  return bad;
}

/** Slots of the dual coordinate descent state block (f64 each). */
const DCD_PG_MAX_OLD = 0;
const DCD_PG_MIN_OLD = 8;
const DCD_PG_MAX_NEW = 16;
const DCD_PG_MIN_NEW = 24;
/** Where the prefetch reads are summed, so the optimizer keeps them. */
const DCD_SINK = 32;

/**
 * One pass of dual coordinate descent for linear SVC (dualCdSvc.ts) over the first `activeSize` entries of the
 * permutation at `index`, with LIBLINEAR's shrinking. `S` packs α, Q_ii + D_ii, D_ii, U_i per sample; y is ±1
 * (i8). The state block holds PGmaxOld and PGminOld (inputs), PGmaxNew, PGminNew (outputs) and a
 * sink for the prefetch reads.
 * @returns the active set size after the pass
 */
function dcdPass<V>(
  indptr: usize,
  indices: usize,
  values: usize,
  y: usize,
  S: usize,
  index: usize,
  activeSize: i32,
  w: usize,
  d: i32,
  bias: f64,
  state: usize,
): i32 {
  const VSHIFT: usize = sizeof<V>() == 4 ? 2 : 3;
  const PGmaxOld = load<f64>(state, DCD_PG_MAX_OLD);
  const PGminOld = load<f64>(state, DCD_PG_MIN_OLD);
  let PGmaxNew: f64 = -Infinity;
  let PGminNew: f64 = Infinity;
  const wBias = w + ((<usize>d) << 3);
  let touched: f64 = touchRows<V>(indptr, indices, values, index, 0, activeSize, S, 5);
  for (let s = 0; s < activeSize; s++) {
    const i = load<i32>(index + ((<usize>s) << 2));
    if ((s & (TOUCH_GROUP - 1)) == 0) {
      touched += touchRows<V>(indptr, indices, values, index, s + TOUCH_GROUP, activeSize, S, 5);
    }
    const yi = <f64>load<i8>(y + <usize>i);
    const si = S + ((<usize>i) << 5);
    const ai = load<f64>(si);
    const a = load<i32>(indptr + ((<usize>i) << 2));
    const e = load<i32>(indptr + ((<usize>i) << 2), 4);
    let wx: f64 = bias > 0 ? bias * load<f64>(wBias) : 0;
    for (let k = a; k < e; k++) {
      wx +=
        <f64>load<V>(values + ((<usize>k) << VSHIFT)) *
        load<f64>(w + ((<usize>load<i32>(indices + ((<usize>k) << 2))) << 3));
    }
    const G = yi * wx - 1 + ai * load<f64>(si, 16);
    const U = load<f64>(si, 24);
    let PG: f64 = 0;
    if (ai == 0) {
      if (G > PGmaxOld) {
        activeSize--;
        store<i32>(index + ((<usize>s) << 2), load<i32>(index + ((<usize>activeSize) << 2)));
        store<i32>(index + ((<usize>activeSize) << 2), i);
        s--;
        continue;
      } else if (G < 0) PG = G;
    } else if (ai == U) {
      if (G < PGminOld) {
        activeSize--;
        store<i32>(index + ((<usize>s) << 2), load<i32>(index + ((<usize>activeSize) << 2)));
        store<i32>(index + ((<usize>activeSize) << 2), i);
        s--;
        continue;
      } else if (G > 0) PG = G;
    } else PG = G;
    if (PG > PGmaxNew) PGmaxNew = PG;
    if (PG < PGminNew) PGminNew = PG;
    if (Math.abs(PG) > 1e-12) {
      const next = Math.min(Math.max(ai - G / load<f64>(si, 8), 0), U);
      store<f64>(si, next);
      const delta = (next - ai) * yi;
      for (let k = a; k < e; k++) {
        const wp = w + ((<usize>load<i32>(indices + ((<usize>k) << 2))) << 3);
        store<f64>(wp, load<f64>(wp) + delta * <f64>load<V>(values + ((<usize>k) << VSHIFT)));
      }
      if (bias > 0) store<f64>(wBias, load<f64>(wBias) + delta * bias);
    }
  }
  store<f64>(state, PGmaxNew, DCD_PG_MAX_NEW);
  store<f64>(state, PGminNew, DCD_PG_MIN_NEW);
  store<f64>(state, touched, DCD_SINK);
  return activeSize;
}

/**
 * One epoch of plain SGD over CSR rows (see `sgdEpoch`); `valuesF32` ≠ 0 when the values are stored as float32
 * (the caller does so only when every value is exactly a float32, so the arithmetic is unchanged).
 */
export function sgdSparseEpoch(
  indptr: usize,
  indices: usize,
  values: usize,
  valuesF32: i32,
  y: usize,
  sw: usize,
  order: usize,
  nTrain: i32,
  w: usize,
  d: i32,
  state: usize,
  lossCode: i32,
  epsilon: f64,
  weightPos: f64,
  weightNeg: f64,
  fitIntercept: i32,
  decay: f64,
  schedule: i32,
  alpha: f64,
  tOptimal: f64,
  l2: i32,
  l2Strength: f64,
  needLoss: i32,
  checkFinite: i32,
): i32 {
  if (valuesF32 != 0) {
    return sgdEpoch<f32>(
      indptr,
      indices,
      values,
      y,
      sw,
      order,
      nTrain,
      w,
      d,
      state,
      lossCode,
      epsilon,
      weightPos,
      weightNeg,
      fitIntercept,
      decay,
      schedule,
      alpha,
      tOptimal,
      l2,
      l2Strength,
      needLoss,
      checkFinite,
    );
  }
  return sgdEpoch<f64>(
    indptr,
    indices,
    values,
    y,
    sw,
    order,
    nTrain,
    w,
    d,
    state,
    lossCode,
    epsilon,
    weightPos,
    weightNeg,
    fitIntercept,
    decay,
    schedule,
    alpha,
    tOptimal,
    l2,
    l2Strength,
    needLoss,
    checkFinite,
  );
}

/** One pass of dual coordinate descent for linear SVC (see `dcdPass`); `valuesF32` as for `sgdSparseEpoch`. */
export function dcdSvcPass(
  indptr: usize,
  indices: usize,
  values: usize,
  valuesF32: i32,
  y: usize,
  S: usize,
  index: usize,
  activeSize: i32,
  w: usize,
  d: i32,
  bias: f64,
  state: usize,
): i32 {
  if (valuesF32 != 0) return dcdPass<f32>(indptr, indices, values, y, S, index, activeSize, w, d, bias, state);
  return dcdPass<f64>(indptr, indices, values, y, S, index, activeSize, w, d, bias, state);
}

/**
 * `count` steps of plain SGD over dense rows staged at `x` (row k at x + 8·d·k, float64), for the rows
 * order[0 … count) of the problem (their targets and weights): plainSgd.ts's dense loop, operation for operation —
 * the dot product in its four partial sums (lanes of two f64x2 accumulators: s0, s1 and s2, s3), the update
 * elementwise — with the state block of `sgdSparseEpoch`; the loss sum is added to.
 * @returns −1, or the row whose decision value was not finite (when `checkFinite`); the state is then as before
 *   that row
 */
export function sgdDenseRows(
  x: usize,
  y: usize,
  sw: usize,
  order: usize,
  count: i32,
  w: usize,
  d: i32,
  state: usize,
  lossCode: i32,
  epsilon: f64,
  weightPos: f64,
  weightNeg: f64,
  fitIntercept: i32,
  decay: f64,
  schedule: i32,
  alpha: f64,
  tOptimal: f64,
  l2: i32,
  l2Strength: f64,
  needLoss: i32,
  checkFinite: i32,
): i32 {
  let intercept = load<f64>(state, SGD_INTERCEPT);
  let t = load<f64>(state, SGD_T);
  let scale = load<f64>(state, SGD_SCALE);
  let eta = load<f64>(state, SGD_ETA);
  let sumLoss = load<f64>(state, SGD_SUM_LOSS);
  let bad: i32 = -1;
  const rowBytes = (<usize>d) << 3;
  for (let k = 0; k < count; k++) {
    if (schedule == 1) eta = 1 / (alpha * (tOptimal + t - 1));
    const i = load<i32>(order + ((<usize>k) << 2));
    const xr = x + <usize>k * rowBytes;
    let a01 = f64x2.splat(0);
    let a23 = f64x2.splat(0);
    let j = 0;
    for (; j + 3 < d; j += 4) {
      const o = (<usize>j) << 3;
      a01 = f64x2.add(a01, f64x2.mul(v128.load(w + o), v128.load(xr + o)));
      a23 = f64x2.add(a23, f64x2.mul(v128.load(w + o, 16), v128.load(xr + o, 16)));
    }
    let s0 = f64x2.extract_lane(a01, 0);
    for (; j < d; j++) s0 += load<f64>(w + ((<usize>j) << 3)) * load<f64>(xr + ((<usize>j) << 3));
    const p =
      (s0 + f64x2.extract_lane(a01, 1) + (f64x2.extract_lane(a23, 0) + f64x2.extract_lane(a23, 1))) * scale + intercept;
    if (checkFinite != 0 && p - p != 0) {
      bad = i;
      break;
    }
    const yi = load<f64>(y + ((<usize>i) << 3));
    if (needLoss != 0) sumLoss += lossOf(lossCode, p, yi, epsilon);
    let dl = dLossOf(lossCode, p, yi, epsilon);
    if (dl > MAX_DLOSS) dl = MAX_DLOSS;
    else if (dl < -MAX_DLOSS) dl = -MAX_DLOSS;
    const weight = (yi > 0 ? weightPos : weightNeg) * (sw != 0 ? load<f64>(sw + ((<usize>i) << 3)) : 1);
    const c = -eta * dl * weight;
    if (l2 != 0) {
      scale *= Math.max(0, 1 - l2Strength * eta);
      if (scale < MIN_SCALE) {
        if (scale != 1) {
          for (let q = 0; q < d; q++) store<f64>(w + ((<usize>q) << 3), load<f64>(w + ((<usize>q) << 3)) * scale);
        }
        scale = 1;
      }
    }
    if (c != 0) {
      const f = c / scale;
      const fv = f64x2.splat(f);
      let q = 0;
      for (; q + 1 < d; q += 2) {
        const o = (<usize>q) << 3;
        v128.store(w + o, f64x2.add(v128.load(w + o), f64x2.mul(fv, v128.load(xr + o))));
      }
      for (; q < d; q++) {
        const o = (<usize>q) << 3;
        store<f64>(w + o, load<f64>(w + o) + f * load<f64>(xr + o));
      }
      if (fitIntercept != 0) intercept += c * decay;
    }
    t += 1;
  }
  store<f64>(state, intercept, SGD_INTERCEPT);
  store<f64>(state, t, SGD_T);
  store<f64>(state, scale, SGD_SCALE);
  store<f64>(state, sumLoss, SGD_SUM_LOSS);
  store<f64>(state, eta, SGD_ETA);
  return bad;
}

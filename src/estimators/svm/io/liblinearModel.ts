import { ConfigError, DataError } from '../../../errors/errors.js';
import { encodeValue, loadEstimator } from '../../base/persistence.js';
import { LinearSVC } from '../linear/LinearSVC.js';
import { LinearSVR } from '../linear/LinearSVR.js';

/** LIBLINEAR's solver names (`solver_type`) by number, for the SVM solvers lsml reads and writes. */
const SOLVERS: Record<string, 'svc' | 'svr'> = {
  L2R_L2LOSS_SVC_DUAL: 'svc',
  L2R_L2LOSS_SVC: 'svc',
  L2R_L1LOSS_SVC_DUAL: 'svc',
  MCSVM_CS: 'svc',
  L1R_L2LOSS_SVC: 'svc',
  L2R_L2LOSS_SVR: 'svr',
  L2R_L2LOSS_SVR_DUAL: 'svr',
  L2R_L1LOSS_SVR_DUAL: 'svr',
};

function header(lines: string[], key: string): string[] {
  const line = lines.find((l) => l.startsWith(`${key} `) || l === key);
  if (line === undefined) throw new DataError(`readLiblinearModel: the header has no "${key}" line.`, { key });
  return line.trim().split(/\s+/).slice(1);
}

/**
 * Loads a LIBLINEAR model file (from `liblinear-train`) as a fitted LinearSVC (SVC solvers) or LinearSVR (SVR
 * solvers), with the same decision values: labels are sorted, a two-class model's weights are oriented towards
 * `classes[1]`, and the bias feature becomes the intercept.
 * @throws DataError on a malformed file or a logistic-regression solver
 */
export function loadLiblinearModel(text: string): LinearSVC | LinearSVR {
  const all = text.split('\n');
  const wAt = all.findIndex((l) => l.trim() === 'w');
  if (wAt < 0) throw new DataError('readLiblinearModel: no "w" line; this is not a LIBLINEAR model file.');
  const head = all.slice(0, wAt);
  const solver = header(head, 'solver_type')[0] as string;
  const kind = SOLVERS[solver];
  if (kind === undefined) {
    throw new DataError(
      `readLiblinearModel: solver_type "${solver}" is not an SVM solver; expected one of ${Object.keys(SOLVERS).join(', ')}.`,
      {
        solver,
      },
    );
  }
  const nrClass = Number(header(head, 'nr_class')[0]);
  const d = Number(header(head, 'nr_feature')[0]);
  const bias = Number(header(head, 'bias')[0]);
  const labels = kind === 'svc' ? header(head, 'label').map(Number) : [];
  const nrW = kind === 'svr' || (nrClass === 2 && solver !== 'MCSVM_CS') ? 1 : nrClass;
  const width = bias >= 0 ? d + 1 : d;
  const body = all.slice(wAt + 1).filter((l) => l.trim() !== '');
  if (body.length !== width) {
    throw new DataError(
      `readLiblinearModel: expected ${width} weight lines (nr_feature${bias >= 0 ? ' + bias' : ''}); found ${body.length}.`,
      {
        expected: width,
        found: body.length,
      },
    );
  }
  const W = new Float64Array(width * nrW);
  body.forEach((line, j) => {
    const values = line.trim().split(/\s+/).map(Number);
    for (let m = 0; m < nrW; m++) W[j * nrW + m] = values[m] as number;
  });
  const weightsOf = (m: number, sign: number): { coef: number[]; b: number } => ({
    coef: Array.from({ length: d }, (_, j) => sign * (W[j * nrW + m] as number)),
    b: bias >= 0 ? sign * bias * (W[d * nrW + m] as number) : 0,
  });
  const state: Record<string, unknown> = { nFeaturesIn: d, nIter: 0 };
  let className: string;
  const params: Record<string, unknown> = { fitIntercept: bias >= 0, interceptScaling: bias >= 0 ? bias : 1 };
  if (kind === 'svr') {
    className = LinearSVR.className;
    const { coef, b } = weightsOf(0, 1);
    state.coef = Float64Array.from(coef);
    state.intercept = b;
    params.loss = solver === 'L2R_L1LOSS_SVR_DUAL' ? 'epsilon_insensitive' : 'squared_epsilon_insensitive';
  } else {
    className = LinearSVC.className;
    const classes = [...labels].sort((a, b) => a - b);
    state.classes = classes;
    if (nrW === 1) {
      // LIBLINEAR's weights favour label[0]; lsml's favour classes[1]
      const { coef, b } = weightsOf(0, labels[0] === classes[1] ? 1 : -1);
      state.coef = Float64Array.from(coef);
      state.intercept = Float64Array.of(b);
    } else {
      const coef = new Float64Array(nrClass * d);
      const intercept = new Float64Array(nrClass);
      classes.forEach((c, m) => {
        const w = weightsOf(labels.indexOf(c), 1);
        coef.set(w.coef, m * d);
        intercept[m] = w.b;
      });
      state.coef = coef;
      state.intercept = intercept;
    }
    if (solver === 'MCSVM_CS') params.multiClass = 'crammer_singer';
    if (solver === 'L1R_L2LOSS_SVC') Object.assign(params, { penalty: 'l1', dual: false });
    if (solver === 'L2R_L1LOSS_SVC_DUAL') params.loss = 'hinge';
  }
  return loadEstimator({
    format: 'lsml-estimator',
    version: 1,
    className,
    params: encodeValue(params),
    state: encodeValue(state),
  }) as LinearSVC | LinearSVR;
}

/**
 * A fitted LinearSVC or LinearSVR as a LIBLINEAR model file, readable by `liblinear-predict`.
 * @throws ConfigError for non-integer class labels; NotFittedError before fit
 */
export function saveLiblinearModel(est: LinearSVC | LinearSVR): string {
  const p = est.getParams(false) as Record<string, unknown>;
  const bias = p.fitIntercept === true ? (p.interceptScaling as number) : -1;
  const coef = est.coef;
  const d = coef.cols;
  const lines: string[] = [];
  let nrW: number;
  let cols: { w: Float64Array; b: number }[];
  if (est instanceof LinearSVR) {
    const solver = p.loss === 'epsilon_insensitive' ? 'L2R_L1LOSS_SVR_DUAL' : 'L2R_L2LOSS_SVR_DUAL';
    lines.push(`solver_type ${solver}`, 'nr_class 2');
    nrW = 1;
    cols = [{ w: coef.row(0) as Float64Array, b: est.intercept }];
  } else {
    const classes = est.classes;
    for (const c of classes) {
      if (typeof c !== 'number' || !Number.isInteger(c)) {
        throw new ConfigError(
          `saveLiblinearModel: LIBLINEAR model files hold integer labels; received ${JSON.stringify(c)}.`,
          {
            label: c,
          },
        );
      }
    }
    const solver =
      p.multiClass === 'crammer_singer'
        ? 'MCSVM_CS'
        : p.penalty === 'l1'
          ? 'L1R_L2LOSS_SVC'
          : p.loss === 'hinge'
            ? 'L2R_L1LOSS_SVC_DUAL'
            : 'L2R_L2LOSS_SVC_DUAL';
    const intercept = est.intercept;
    lines.push(`solver_type ${solver}`, `nr_class ${classes.length}`);
    if (coef.rows === 1) {
      // one weight vector, favouring classes[1]: LIBLINEAR reads it as favouring the first label
      lines.push(`label ${classes[1]} ${classes[0]}`);
      nrW = 1;
      cols = [{ w: coef.row(0) as Float64Array, b: intercept[0] as number }];
    } else {
      lines.push(`label ${classes.join(' ')}`);
      nrW = coef.rows;
      cols = Array.from({ length: nrW }, (_, m) => ({ w: coef.row(m) as Float64Array, b: intercept[m] as number }));
    }
  }
  lines.push(`nr_feature ${d}`, `bias ${bias}`, 'w');
  for (let j = 0; j < d; j++) lines.push(cols.map((c) => `${String(c.w[j])} `).join(''));
  if (bias >= 0) lines.push(cols.map((c) => `${String(c.b / bias)} `).join(''));
  return lines.join('\n') + '\n';
}

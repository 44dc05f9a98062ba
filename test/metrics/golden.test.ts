/**
 * Golden comparisons: every case of test/golden/metrics.json (computed by scikit-learn, see
 * test/golden/generate_metrics.py) is replayed against lsml. Values must agree to a relative 1e-12 (absolute
 * 1e-15 near 0); inputs scikit-learn rejects must throw a typed lsml error; scikit-learn's
 * UndefinedMetricWarning and UserWarning must be reported as lsml warnings with the same text (parameter names
 * in camelCase).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LsmlError } from '../../src/errors/errors.js';
import * as metrics from '../../src/metrics/index.js';
import { captureWarnings } from '../../src/util/warnings.js';
import { expectClose } from './expectClose.js';

interface GoldenCase {
  id: string;
  fn: string;
  args: unknown[];
  options: Record<string, unknown>;
  expected?: unknown;
  error?: { type: string; message: string };
  warnings: { category: string; message: string }[];
}

interface GoldenFile {
  meta: { sklearnVersion: string; numpyVersion: string; caseCount: number };
  data: Record<string, unknown>;
  cases: GoldenCase[];
}

const golden = JSON.parse(readFileSync(new URL('../golden/metrics.json', import.meta.url), 'utf8')) as GoldenFile;

/** Resolves shared-array references and tagged special floats. */
function decode(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(decode);
  if (x !== null && typeof x === 'object') {
    const o = x as Record<string, unknown>;
    if (typeof o.$ref === 'string') return decode(golden.data[o.$ref]);
    if (typeof o.$f === 'string') return Number(o.$f);
    return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, decode(v)]));
  }
  return x;
}

type MetricFn = (...args: unknown[]) => unknown;
const functions: Record<string, MetricFn> = {
  accuracyScore: metrics.accuracyScore as MetricFn,
  auc: metrics.auc as MetricFn,
  averagePrecisionScore: metrics.averagePrecisionScore as MetricFn,
  balancedAccuracyScore: metrics.balancedAccuracyScore as MetricFn,
  brierScoreLoss: metrics.brierScoreLoss as MetricFn,
  classificationReport: metrics.classificationReport as MetricFn,
  cohenKappaScore: metrics.cohenKappaScore as MetricFn,
  confusionMatrix: metrics.confusionMatrix as MetricFn,
  explainedVarianceScore: metrics.explainedVarianceScore as MetricFn,
  f1Score: metrics.f1Score as MetricFn,
  fbetaScore: metrics.fbetaScore as MetricFn,
  hingeLoss: metrics.hingeLoss as MetricFn,
  logLoss: metrics.logLoss as MetricFn,
  matthewsCorrcoef: metrics.matthewsCorrcoef as MetricFn,
  maxError: metrics.maxError as MetricFn,
  meanAbsoluteError: metrics.meanAbsoluteError as MetricFn,
  meanAbsolutePercentageError: metrics.meanAbsolutePercentageError as MetricFn,
  meanSquaredError: metrics.meanSquaredError as MetricFn,
  medianAbsoluteError: metrics.medianAbsoluteError as MetricFn,
  multilabelConfusionMatrix: metrics.multilabelConfusionMatrix as MetricFn,
  precisionRecallCurve: metrics.precisionRecallCurve as MetricFn,
  precisionRecallFscoreSupport: metrics.precisionRecallFscoreSupport as MetricFn,
  precisionScore: metrics.precisionScore as MetricFn,
  r2Score: metrics.r2Score as MetricFn,
  recallScore: metrics.recallScore as MetricFn,
  rocAucScore: metrics.rocAucScore as MetricFn,
  rocCurve: metrics.rocCurve as MetricFn,
  rootMeanSquaredError: metrics.rootMeanSquaredError as MetricFn,
  topKAccuracyScore: metrics.topKAccuracyScore as MetricFn,
};

/** scikit-learn's parameter names as lsml spells them in warning text. */
const RENAMES: [RegExp, string][] = [
  [/zero_division/g, 'zeroDivision'],
  [/pos_label/g, 'posLabel'],
];
const COMPARED = new Set(['UndefinedMetricWarning', 'UserWarning']);

function sklearnWarnings(c: GoldenCase): string[] {
  return c.warnings
    .filter((w) => COMPARED.has(w.category))
    .map((w) => `${w.category}: ${RENAMES.reduce((m, [re, to]) => m.replace(re, to), w.message)}`);
}

describe(`golden values from scikit-learn ${golden.meta.sklearnVersion} (NumPy ${golden.meta.numpyVersion})`, () => {
  it('covers every exported metric with a few hundred cases', () => {
    expect(golden.cases.length).toBe(golden.meta.caseCount);
    expect(golden.cases.length).toBeGreaterThan(300);
    expect(new Set(golden.cases.map((c) => c.fn))).toEqual(new Set(Object.keys(functions)));
  });

  const byFn = new Map<string, GoldenCase[]>();
  for (const c of golden.cases) byFn.set(c.fn, [...(byFn.get(c.fn) ?? []), c]);

  for (const [fn, cases] of byFn) {
    describe(fn, () => {
      for (const c of cases) {
        const title = `${c.id}${c.error ? ` rejects (${c.error.type}: ${c.error.message.slice(0, 60)})` : ''}`;
        it(title, () => {
          const f = functions[c.fn];
          if (f === undefined) throw new Error(`no lsml function for ${c.fn}`);
          const args = decode(c.args) as unknown[];
          const options = decode(c.options);
          const call = (): unknown => f(...args, options);
          if (c.error !== undefined) {
            let thrown: unknown = null;
            captureWarnings(() => {
              try {
                call();
              } catch (e) {
                thrown = e;
              }
            });
            expect(thrown, `scikit-learn raised ${c.error.type}: ${c.error.message}`).toBeInstanceOf(LsmlError);
            return;
          }
          const { result, warnings } = captureWarnings(call);
          expectClose(result, decode(c.expected), c.id);
          const got = warnings.filter((w) => COMPARED.has(w.code)).map((w) => `${w.code}: ${w.message}`);
          expect(got).toEqual(sklearnWarnings(c));
        });
      }
    });
  }
});

import { ValueError } from '../errors/errors.js';
import { warn } from '../util/warnings.js';
import { checkTargets } from './core/checkTargets.js';
import { checkNumber } from './core/options.js';
import { pairwiseSum } from '../util/pairwiseSum.js';
import { computePrfs, type PrfsOptions } from './core/prfs.js';
import { presentLabels, readLabelsOption } from './core/presentLabels.js';
import { formatFixed, padStart, pyFloatRepr } from './core/pyFormat.js';
import type { Label, LabelInput, SampleWeight, ZeroDivision } from './core/types.js';

/** Options of {@link classificationReport}. */
export interface ClassificationReportOptions {
  /** Labels to report, in this order (default: all labels present, sorted). */
  labels?: readonly Label[] | null;
  /** Display names of the labels, in the same order (default: the labels as text). */
  targetNames?: readonly string[];
  /** Per-sample weights (default: all 1). */
  sampleWeight?: SampleWeight;
  /** Decimal places of the text table (default 2; the object form is never rounded). */
  digits?: number;
  /** Return the report as an object instead of text (default false). */
  outputDict?: boolean;
  /** Value of a 0/0 ratio: 'warn' (default), 0, 1 or NaN. */
  zeroDivision?: ZeroDivision;
}

/** Scores of one row of the report. */
export interface ReportRow {
  precision: number;
  recall: number;
  'f1-score': number;
  support: number;
}

/**
 * The report as an object: one row per label (keyed by its name), then 'accuracy' (a number, when micro
 * averaging equals accuracy) or 'micro avg', 'macro avg', 'weighted avg' and, for multi-label, 'samples avg'.
 * As with any JavaScript object, integer-like keys ('0', '1', …) enumerate in numeric order, whatever the order
 * of `labels`.
 */
export type ClassificationReportDict = Record<string, ReportRow | number>;

const HEADERS = ['precision', 'recall', 'f1-score', 'support'] as const;

/**
 * Text report of precision, recall, F1 and support per label with micro (accuracy), macro and weighted
 * averages, laid out character for character as scikit-learn's `classification_report` (1.2); or the same
 * numbers as an object with `outputDict: true`.
 *
 * @param yTrue true labels (a vector, or an indicator matrix for multi-label)
 * @param yPred predicted labels, same form
 * @param options `labels`, `targetNames`, `sampleWeight`, `digits` (2), `outputDict` (false), `zeroDivision` ('warn')
 * @returns the text table, or the object form
 * @throws ValueError when `targetNames` does not match the labels found; plus the errors of the scores
 * @example
 * console.log(classificationReport(['a', 'b', 'b'], ['a', 'b', 'a']));
 */
export function classificationReport(
  yTrue: LabelInput,
  yPred: LabelInput,
  options: ClassificationReportOptions & { outputDict: true },
): ClassificationReportDict;
export function classificationReport(
  yTrue: LabelInput,
  yPred: LabelInput,
  options?: ClassificationReportOptions & { outputDict?: false },
): string;
export function classificationReport(
  yTrue: LabelInput,
  yPred: LabelInput,
  options?: ClassificationReportOptions,
): string | ClassificationReportDict;
export function classificationReport(
  yTrue: LabelInput,
  yPred: LabelInput,
  options: ClassificationReportOptions = {},
): string | ClassificationReportDict {
  const fn = 'classificationReport';
  const digits = checkNumber(fn, 'digits', options.digits ?? 2, { min: 0, max: 50, integer: true });
  const outputDict = options.outputDict ?? false;
  const t = checkTargets(fn, yTrue, yPred);
  const present = presentLabels(t);
  const isString = t.type === 'multilabel-indicator' ? false : t.yTrue.length > 0 ? t.yTrue.isString : null;
  const labelsGiven = options.labels != null;
  const labels = labelsGiven ? readLabelsOption(fn, options.labels, isString) : present;
  const presentSet = new Set<Label>(present);
  const labelSet = new Set<Label>(labels);
  const microIsAccuracy =
    t.type !== 'multilabel-indicator' &&
    (!labelsGiven || (labelSet.size === presentSet.size && [...labelSet].every((l) => presentSet.has(l))));
  let targetNames = options.targetNames;
  if (targetNames !== undefined && targetNames.length !== labels.length) {
    if (labelsGiven) {
      warn('UserWarning', `labels size, ${labels.length}, does not match size of target_names, ${targetNames.length}`);
    } else {
      throw new ValueError(
        `${fn}: there are ${labels.length} classes but "targetNames" has ${targetNames.length} names; ` +
          'pass "labels" to choose the classes.',
        { fn, classes: labels.length, names: targetNames.length },
      );
    }
  }
  targetNames ??= labels.map(String);
  const base: PrfsOptions = {
    labels,
    sampleWeight: options.sampleWeight,
    zeroDivision: options.zeroDivision ?? 'warn',
  };
  const all = ['precision', 'recall', 'f-score'] as const;
  const perLabel = computePrfs(fn, yTrue, yPred, { ...base, average: null }, null, all);
  const p = perLabel.precision as Float64Array;
  const r = perLabel.recall as Float64Array;
  const f = perLabel.fScore as Float64Array;
  const s = perLabel.support as Float64Array;
  // scikit-learn prints supports as floats when they were summed from weights, and also when no sample was
  // predicted correctly (its multilabel_confusion_matrix then starts from float zeros).
  const floatSupport =
    (options.sampleWeight !== undefined && options.sampleWeight !== null) ||
    (t.type !== 'multilabel-indicator' && t.yTrue.values.every((v, i) => v !== t.yPred.values[i]));
  const fmtSupport = (v: number): string => (floatSupport ? pyFloatRepr(v) : String(v));
  const rowCount = Math.min(targetNames.length, p.length);
  const averages =
    t.type === 'multilabel-indicator'
      ? (['micro', 'macro', 'weighted', 'samples'] as const)
      : (['micro', 'macro', 'weighted'] as const);

  const dict: ClassificationReportDict = {};
  const names = targetNames.slice(0, rowCount);
  const width = Math.max(...names.map((n) => [...n].length), 'weighted avg'.length, digits);
  const cell = (v: number): string => ` ${padStart(formatFixed(v, digits), 9)}`;
  let text = padStart('', width) + ' ' + HEADERS.map((h) => ` ${padStart(h, 9)}`).join('') + '\n\n';
  for (let i = 0; i < rowCount; i++) {
    const row: ReportRow = {
      precision: p[i] as number,
      recall: r[i] as number,
      'f1-score': f[i] as number,
      support: s[i] as number,
    };
    dict[names[i] as string] = row;
    text += `${padStart(names[i] as string, width)} ${cell(row.precision)}${cell(row.recall)}${cell(row['f1-score'])} ${padStart(fmtSupport(row.support), 9)}\n`;
  }
  text += '\n';
  const totalSupport = pairwiseSum(s);
  for (const average of averages) {
    const heading = average === 'micro' && microIsAccuracy ? 'accuracy' : `${average} avg`;
    const a = computePrfs(fn, yTrue, yPred, { ...base, average }, null, all);
    const avg: ReportRow = {
      precision: a.precision as number,
      recall: a.recall as number,
      'f1-score': a.fScore as number,
      support: totalSupport,
    };
    if (heading === 'accuracy') {
      dict.accuracy = avg.precision; // scikit-learn keeps the micro precision here (the text shows F1)
      text += `${padStart(heading, width)} ${' '.repeat(20)}${cell(avg['f1-score'])} ${padStart(fmtSupport(totalSupport), 9)}\n`;
    } else {
      dict[heading] = avg;
      text += `${padStart(heading, width)} ${cell(avg.precision)}${cell(avg.recall)}${cell(avg['f1-score'])} ${padStart(fmtSupport(totalSupport), 9)}\n`;
    }
  }
  return outputDict ? dict : text;
}

import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { parse } from 'csv-parse/sync';
import { ConfigError, DataError } from '../../errors/errors.js';
import {
  accuracyScore,
  averagePrecisionScore,
  balancedAccuracyScore,
  classificationReport,
  confusionMatrix,
  explainedVarianceScore,
  logLoss,
  maxError,
  meanAbsoluteError,
  meanAbsolutePercentageError,
  meanSquaredError,
  medianAbsoluteError,
  r2Score,
  rocAucScore,
  rootMeanSquaredError,
  typeOfTarget,
} from '../../metrics/index.js';
import type { ClassificationReportDict } from '../../metrics/index.js';

/** Settings of an evaluation: which columns hold what. */
export interface EvaluateOptions {
  /** Column of true labels or values. */
  trueColumn: string;
  /** Column of predicted labels or values. */
  predColumn: string;
  /**
   * Score columns: one (binary: score or probability of the positive class, the larger label) or one per class
   * in sorted class order (probabilities).
   */
  scoreColumns?: readonly string[];
  /** `'auto'` (default: regression for continuous true values, else classification). */
  task?: 'auto' | 'classification' | 'regression';
  /** Decimal places of the text report; default 2. */
  digits?: number;
}

/** What `evaluateRows` computes. */
export interface EvaluationResult {
  task: 'classification' | 'regression';
  nSamples: number;
  /** Scalar metrics by scikit-learn name (accuracy, roc_auc, r2, …). */
  metrics: Record<string, number>;
  /** Classification: the report as an object and as scikit-learn's text table. */
  report?: ClassificationReportDict;
  reportText?: string;
  /** Classification: confusion matrix, rows true labels, columns predictions, in `labels` order. */
  confusionMatrix?: { labels: (number | string)[]; matrix: number[][] };
}

/** Numbers when every value of the column parses as a finite number, else the strings themselves. */
function typedColumn(values: readonly string[]): number[] | string[] {
  const nums = values.map((v) => (v.trim() === '' ? NaN : Number(v)));
  return nums.every(Number.isFinite) ? nums : [...values];
}

function column(rows: readonly Record<string, string>[], name: string, header: readonly string[]): string[] {
  if (!header.includes(name)) {
    throw new ConfigError(
      `lsml evaluate: no column "${name}" in the CSV; its columns are ${header.map((h) => `"${h}"`).join(', ')}.`,
      {
        column: name,
      },
    );
  }
  return rows.map((r) => r[name] as string);
}

/**
 * Evaluates predictions held in CSV records (one object per row, as csv-parse returns them): the classification
 * report, confusion matrix and score metrics, or the regression metrics.
 * @throws ConfigError on a missing column; DataError on an empty file, missing values, or score columns that do
 *   not fit the classes
 */
export function evaluateRows(
  rows: readonly Record<string, string>[],
  header: readonly string[],
  options: EvaluateOptions,
): EvaluationResult {
  if (rows.length === 0) throw new DataError('lsml evaluate: the CSV has no data rows.');
  const yTrueRaw = column(rows, options.trueColumn, header);
  const yPredRaw = column(rows, options.predColumn, header);
  const blank = yTrueRaw.findIndex((v) => v.trim() === '');
  if (blank >= 0)
    throw new DataError(`lsml evaluate: column "${options.trueColumn}" is empty at data row ${blank + 1}.`);
  let yTrue = typedColumn(yTrueRaw);
  let yPred = typedColumn(yPredRaw);
  if (typeof yTrue[0] !== typeof yPred[0]) {
    // one column numeric, the other not: compare them as text labels
    yTrue = [...yTrueRaw];
    yPred = [...yPredRaw];
  }
  const detected = typeof yTrue[0] === 'number' ? typeOfTarget(yTrue as number[]) : 'multiclass';
  const task =
    !options.task || options.task === 'auto'
      ? detected === 'continuous'
        ? 'regression'
        : 'classification'
      : options.task;
  const n = rows.length;
  if (task === 'regression') {
    if (typeof yTrue[0] !== 'number' || typeof yPred[0] !== 'number') {
      throw new DataError('lsml evaluate: regression needs numeric true and predicted columns.');
    }
    const t = yTrue as number[];
    const p = yPred as number[];
    return {
      task,
      nSamples: n,
      metrics: {
        r2: r2Score(t, p),
        explained_variance: explainedVarianceScore(t, p),
        mean_squared_error: meanSquaredError(t, p),
        root_mean_squared_error: rootMeanSquaredError(t, p),
        mean_absolute_error: meanAbsoluteError(t, p),
        median_absolute_error: medianAbsoluteError(t, p),
        mean_absolute_percentage_error: meanAbsolutePercentageError(t, p),
        max_error: maxError(t, p),
      },
    };
  }
  const digits = options.digits ?? 2;
  const labels = [...new Set<number | string>([...yTrue, ...yPred])].sort((a, b) =>
    typeof a === 'number' && typeof b === 'number' ? a - b : String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0,
  );
  const metrics: Record<string, number> = {
    accuracy: accuracyScore(yTrue, yPred),
    balanced_accuracy: balancedAccuracyScore(yTrue, yPred),
  };
  const scoreColumns = options.scoreColumns ?? [];
  if (scoreColumns.length > 0) {
    const scores = scoreColumns.map((c) => {
      const raw = column(rows, c, header);
      const values = raw.map(Number);
      const bad = values.findIndex((v) => !Number.isFinite(v));
      if (bad >= 0)
        throw new DataError(
          `lsml evaluate: score column "${c}" holds ${JSON.stringify(raw[bad])} at data row ${bad + 1}; expected a number.`,
        );
      return values;
    });
    const classes = [...new Set<number | string>(yTrue)].sort((a, b) =>
      typeof a === 'number' && typeof b === 'number' ? a - b : String(a) < String(b) ? -1 : 1,
    );
    if (scores.length === 1) {
      if (classes.length !== 2) {
        throw new DataError(
          `lsml evaluate: one score column needs a binary target; y has ${classes.length} classes. Give one score column per class.`,
        );
      }
      const s = scores[0] as number[];
      metrics.roc_auc = rocAucScore(yTrue, s);
      metrics.average_precision = averagePrecisionScore(yTrue, s, { posLabel: classes[1] as number | string });
      if (s.every((v) => v >= 0 && v <= 1)) metrics.log_loss = logLoss(yTrue, s, { labels: classes });
    } else {
      if (scores.length !== classes.length) {
        throw new DataError(
          `lsml evaluate: ${scores.length} score columns for ${classes.length} classes; give one probability column per class, in sorted class order.`,
        );
      }
      const proba = rows.map((_, i) => scores.map((c) => c[i] as number));
      metrics.log_loss = logLoss(yTrue, proba, { labels: classes });
      metrics.roc_auc_ovr = rocAucScore(yTrue, proba, { multiClass: 'ovr', labels: classes });
      metrics.roc_auc_ovr_weighted = rocAucScore(yTrue, proba, {
        multiClass: 'ovr',
        average: 'weighted',
        labels: classes,
      });
    }
  }
  return {
    task,
    nSamples: n,
    metrics,
    report: classificationReport(yTrue, yPred, { outputDict: true, zeroDivision: 0 }),
    reportText: classificationReport(yTrue, yPred, { digits, zeroDivision: 0 }),
    confusionMatrix: { labels, matrix: confusionMatrix(yTrue, yPred, { labels }) },
  };
}

/** The result as text: report, confusion matrix and metrics (classification) or the metrics (regression). */
export function formatEvaluation(r: EvaluationResult, digits = 4): string {
  const lines: string[] = [`task: ${r.task}, ${r.nSamples} samples`, ''];
  if (r.reportText !== undefined) lines.push(r.reportText.replace(/\n+$/, ''), '');
  if (r.confusionMatrix) {
    const { labels, matrix } = r.confusionMatrix;
    const names = labels.map(String);
    const width = Math.max(4, ...names.map((s) => s.length), ...matrix.flat().map((v) => String(v).length));
    const pad = (s: string): string => s.padStart(width);
    lines.push('confusion matrix (rows: true, columns: predicted)');
    lines.push(`${pad('')}  ${names.map(pad).join(' ')}`);
    matrix.forEach((row, i) => lines.push(`${pad(names[i] as string)}  ${row.map((v) => pad(String(v))).join(' ')}`));
    lines.push('');
  }
  const keyWidth = Math.max(...Object.keys(r.metrics).map((k) => k.length));
  for (const [k, v] of Object.entries(r.metrics)) lines.push(`${k.padEnd(keyWidth)}  ${v.toFixed(digits)}`);
  return lines.join('\n');
}

/** Reads a CSV file (header row first) into records and the header. */
export function readCsv(path: string, delimiter = ','): { rows: Record<string, string>[]; header: string[] } {
  const text = readFileSync(path, 'utf8');
  const records = parse(text, {
    delimiter,
    skip_empty_lines: true,
    trim: true,
    relax_column_count: false,
  }) as string[][];
  const [header, ...data] = records;
  if (header === undefined) throw new DataError(`lsml evaluate: ${path} is empty.`);
  return { header, rows: data.map((r) => Object.fromEntries(header.map((h, j) => [h, r[j] ?? '']))) };
}

interface EvaluateCliOptions {
  true: string;
  pred: string;
  score?: string;
  task: string;
  delimiter: string;
  digits: string;
  json?: boolean;
}

/**
 * `lsml evaluate <file.csv> --true <col> --pred <col> [--score <cols>] [--json]`: the classification report and
 * confusion matrix (with ROC AUC / log loss from score columns), or the regression metrics, of predictions in a CSV.
 */
export function registerEvaluate(program: Command): void {
  program
    .command('evaluate')
    .description(
      'evaluate predictions in a CSV file: classification report and confusion matrix, or regression metrics',
    )
    .argument('<file>', 'CSV file with a header row')
    .option('--true <column>', 'column of true labels or values (the column `lsml predict` writes)', 'true')
    .option('--pred <column>', 'column of predicted labels or values', 'pred')
    .option(
      '--score <columns>',
      'comma-separated score/probability columns (one for binary, else one per class in sorted order)',
    )
    .option('--task <task>', 'auto | classification | regression', 'auto')
    .option('--delimiter <char>', 'field delimiter', ',')
    .option('--digits <n>', 'decimal places of the report', '2')
    .option('--json', 'print one JSON object instead of text')
    .action((file: string, opts: EvaluateCliOptions) => {
      if (!['auto', 'classification', 'regression'].includes(opts.task)) {
        throw new ConfigError(
          `lsml evaluate: --task must be auto, classification or regression; received "${opts.task}".`,
        );
      }
      const digits = Number(opts.digits);
      if (!Number.isInteger(digits) || digits < 0)
        throw new ConfigError(`lsml evaluate: --digits must be an integer >= 0; received "${opts.digits}".`);
      const { rows, header } = readCsv(file, opts.delimiter);
      const result = evaluateRows(rows, header, {
        trueColumn: opts.true,
        predColumn: opts.pred,
        scoreColumns: opts.score
          ? opts.score
              .split(',')
              .map((s) => s.trim())
              .filter(Boolean)
          : [],
        task: opts.task as EvaluateOptions['task'],
        digits,
      });
      if (opts.json) {
        const { reportText: _text, ...rest } = result;
        console.log(JSON.stringify({ file, ...rest }));
      } else console.log(formatEvaluation(result, Math.max(digits, 4)));
    });
}

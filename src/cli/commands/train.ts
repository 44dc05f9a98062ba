import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { Batch } from '../../data/Batch.js';
import type { Dataset } from '../../data/Dataset.js';
import { type DataFormat, detectFormat } from '../../data/inspect/detectFormat.js';
import { planTextSlices } from '../../data/io/planTextSlices.js';
import { readCsv, readCsvHeader } from '../../data/readers/readCsv.js';
import { readLibsvm, scanFeatureCount } from '../../data/readers/readLibsvm.js';
import { readParquet } from '../../data/readers/readParquet.js';
import { ConfigError, DataError } from '../../errors/errors.js';
import { DenseMatrix } from '../../estimators/base/DenseMatrix.js';
import type { EstimatorJSON } from '../../estimators/base/persistence.js';
import {
  ElasticNet,
  Lasso,
  LinearRegression,
  LogisticRegression,
  Ridge,
  SGDClassifier,
  SGDRegressor,
  partialFitStream,
} from '../../estimators/linear/index.js';
import { CsrMatrix } from '../../tensor/CsrMatrix.js';
import { EXAMPLES } from '../examples/examples.js';
import { createProgressBar } from '../progressBar.js';
import { trainExample } from './trainExample.js';

/** The models `lsml train` builds, by command-line name. */
export const TRAINABLE_MODELS = {
  'sgd-classifier': SGDClassifier,
  'sgd-regressor': SGDRegressor,
  'logistic-regression': LogisticRegression,
  'linear-regression': LinearRegression,
  ridge: Ridge,
  lasso: Lasso,
  'elastic-net': ElasticNet,
} as const;

/** Name of a trainable model. */
export type ModelName = keyof typeof TRAINABLE_MODELS;

/** How the training file was read, saved beside the model so `lsml predict` reads new files the same way. */
export interface InputSpec {
  format: DataFormat;
  /** Target column (CSV/Parquet); LIBSVM files carry the label first on each line. */
  target: string | null;
  /** Feature columns, in order (CSV/Parquet). */
  features: string[] | null;
  /** Number of features (LIBSVM column count). */
  nFeatures: number;
  /** Class names when labels were given as text (`--classes`): label k of the file is `classes[k]`. */
  classes: string[] | null;
}

/** A saved model file: the estimator (loadable with `loadEstimator`) plus how to read its input. */
export interface ModelFile extends EstimatorJSON {
  input: InputSpec;
}

/** Options of `openData`. */
export interface OpenDataOptions {
  format?: DataFormat | undefined;
  target?: string | null | undefined;
  features?: readonly string[] | null | undefined;
  nFeatures?: number | undefined;
  classes?: readonly string[] | null | undefined;
  batchSize?: number;
}

/**
 * Opens a data file as a stream of batches with the reader its format needs, and describes the layout.
 * `hasTarget`: the file holds the target (LIBSVM always; CSV when the header names it; Parquet when one is given).
 */
export async function openData(
  file: string,
  o: OpenDataOptions,
): Promise<{ batches: Dataset<Batch>; spec: InputSpec; hasTarget: boolean }> {
  const format = o.format ?? detectFormat(file);
  const batchSize = o.batchSize ?? 8192;
  const classes = o.classes ? [...o.classes] : null;
  if (format === 'libsvm') {
    const nFeatures = o.nFeatures ?? (await scanFeatureCount([file], false));
    return {
      batches: readLibsvm(file, { nFeatures, batchSize }) as Dataset<Batch>,
      spec: { format, target: null, features: null, nFeatures, classes },
      hasTarget: true,
    };
  }
  if (format === 'csv' || format === 'tsv') {
    const header = await readCsvHeader(file, (await planTextSlices([file]))[0] as never, {});
    const target = o.target ?? null;
    const features = o.features ? [...o.features] : header.filter((h) => h !== target);
    const withTarget = target !== null && header.includes(target);
    return {
      batches: readCsv(file, {
        features,
        ...(withTarget ? { label: target } : {}),
        ...(classes ? { labelClasses: classes } : {}),
        batchSize,
      }) as Dataset<Batch>,
      spec: { format, target, features, nFeatures: features.length, classes },
      hasTarget: withTarget,
    };
  }
  if (format === 'parquet') {
    if (o.features === undefined || o.features === null) {
      throw new ConfigError(`lsml: ${file}: give the feature columns of a Parquet file with --features a,b,c.`);
    }
    const target = o.target ?? null;
    return {
      batches: readParquet(file, {
        features: [...o.features],
        ...(target !== null ? { label: target } : {}),
        ...(classes ? { labelClasses: classes } : {}),
        batchSize,
      }) as Dataset<Batch>,
      spec: { format, target, features: [...o.features], nFeatures: o.features.length, classes },
      hasTarget: target !== null,
    };
  }
  throw new ConfigError(
    `lsml: ${file}: format "${format}" is not supported for training; use CSV, TSV, LIBSVM or Parquet.`,
  );
}

/** Features of a batch as a matrix the estimators read. */
export function batchMatrix(b: Batch): DenseMatrix | CsrMatrix {
  return b.x instanceof CsrMatrix ? b.x : new DenseMatrix(b.rows, b.cols, b.x);
}

/** Labels of a batch: numbers, or class names when the file's labels were text. */
export function batchLabels(b: Batch, classes: readonly string[] | null): number[] | string[] {
  if (b.y === undefined) throw new DataError('lsml: the data has no target column; pass --target.');
  const y = Array.from(b.y);
  return classes ? y.map((k) => classes[k] as string) : y;
}

/** Reads a whole stream into one matrix (dense float32 or CSR) and its labels. */
export async function collect(
  batches: AsyncIterable<Batch>,
  classes: readonly string[] | null,
  needLabels: boolean,
): Promise<{ X: DenseMatrix | CsrMatrix; y: (number | string)[] }> {
  const parts: Batch[] = [];
  for await (const b of batches) parts.push(b);
  if (parts.length === 0) throw new DataError('lsml: the data file holds no rows.');
  const y: (number | string)[] = [];
  if (needLabels) for (const b of parts) for (const v of batchLabels(b, classes)) y.push(v);
  const rows = parts.reduce((s, b) => s + b.rows, 0);
  const cols = (parts[0] as Batch).cols;
  if ((parts[0] as Batch).x instanceof CsrMatrix) {
    const nnz = parts.reduce((s, b) => s + (b.x as CsrMatrix).nnz, 0);
    const indptr = new Int32Array(rows + 1);
    const indices = new Int32Array(nnz);
    const values = new Float64Array(nnz);
    let r = 0;
    let k = 0;
    for (const b of parts) {
      const m = b.x as CsrMatrix;
      indices.set(m.indices, k);
      values.set(m.values, k);
      for (let i = 0; i < m.rows; i++) indptr[r + i + 1] = k + (m.indptr[i + 1] as number);
      r += m.rows;
      k += m.nnz;
    }
    return { X: new CsrMatrix(rows, cols, indptr, indices, values), y };
  }
  const data = new Float32Array(rows * cols);
  let offset = 0;
  for (const b of parts) {
    data.set(b.x as Float32Array, offset);
    offset += b.rows * cols;
  }
  return { X: new DenseMatrix(rows, cols, data), y };
}

/** Distinct labels of a stream (a first pass for streaming classifiers, whose first `partialFit` needs them all). */
async function streamClasses(
  batches: AsyncIterable<Batch>,
  classes: readonly string[] | null,
): Promise<(number | string)[]> {
  const seen = new Set<number | string>();
  for await (const b of batches) for (const v of batchLabels(b, classes)) seen.add(v);
  return [...seen];
}

interface TrainCliOptions {
  model?: string;
  data?: string;
  example?: string;
  trainSize?: string;
  testSize?: string;
  target?: string;
  features?: string;
  format?: string;
  classes?: string;
  loss?: string;
  penalty?: string;
  alpha?: string;
  c?: string;
  epochs?: string;
  seed?: string;
  params?: string;
  stream?: boolean;
  chunk: string;
  out?: string;
  json?: boolean;
}

function numberOption(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const v = Number(value);
  if (!Number.isFinite(v)) throw new ConfigError(`lsml train: --${name} must be a number; received "${value}".`);
  return v;
}

/** Hyper-parameters from the shorthand flags and `--params` JSON, for the chosen model. */
export function modelParams(model: ModelName, o: TrainCliOptions): Record<string, unknown> {
  const p: Record<string, unknown> = {};
  if (o.loss !== undefined) p.loss = o.loss;
  if (o.penalty !== undefined) p.penalty = o.penalty === 'none' ? null : o.penalty;
  const alpha = numberOption('alpha', o.alpha);
  if (alpha !== undefined) p.alpha = alpha;
  const C = numberOption('C', o.c);
  if (C !== undefined) p.C = C;
  const seed = numberOption('seed', o.seed);
  const sgd = model === 'sgd-classifier' || model === 'sgd-regressor';
  if (seed !== undefined) p.seed = seed;
  const epochs = numberOption('epochs', o.epochs);
  if (epochs !== undefined) {
    if (!sgd) throw new ConfigError(`lsml train: --epochs applies to the SGD models; use --params '{"maxIter": …}'.`);
    p.maxIter = epochs;
    p.tol = null;
  }
  if (o.params !== undefined) {
    let extra: unknown;
    try {
      extra = JSON.parse(o.params);
    } catch {
      throw new ConfigError(`lsml train: --params must be a JSON object; received ${o.params}.`);
    }
    if (extra === null || typeof extra !== 'object' || Array.isArray(extra)) {
      throw new ConfigError(`lsml train: --params must be a JSON object; received ${o.params}.`);
    }
    Object.assign(p, extra);
  }
  return p;
}

/**
 * `lsml train --model <name> --data <file> [--target col] [options] [--out model.json] [--json]`: fits a linear
 * model on a CSV/TSV, LIBSVM or Parquet file (in memory, or streamed chunk by chunk with `--stream` for the SGD
 * models) and saves it for `lsml predict`.
 */
export function registerTrain(program: Command): void {
  program
    .command('train')
    .description('train a linear model on a CSV, LIBSVM or Parquet file and save it, or a built-in nn example')
    .option('--model <name>', `model: ${Object.keys(TRAINABLE_MODELS).join(', ')}`)
    .option('--data <file>', 'training data (.csv, .tsv, .svm/.libsvm, .parquet; optionally .gz)')
    .option('--example <name>', `train a built-in example instead: ${Object.keys(EXAMPLES).join(', ')}`)
    .option('--train-size <n>', 'examples: training rows to use (default: the whole training split)')
    .option('--test-size <n>', 'examples: held-out rows to test on (default: the whole test split)')
    .option('--target <column>', 'target column (CSV/Parquet; LIBSVM lines start with their label)')
    .option('--features <columns>', 'comma-separated feature columns (default: every other column)')
    .option('--format <format>', 'csv | tsv | libsvm | parquet (default: from the extension)')
    .option('--classes <names>', 'comma-separated class names when the target column holds text')
    .option('--loss <loss>', 'loss of the SGD models (hinge, log_loss, modified_huber, …)')
    .option('--penalty <penalty>', 'l2 | l1 | elasticnet | none')
    .option('--alpha <alpha>', 'regularisation strength (SGD, Ridge, Lasso, ElasticNet)')
    .option('--C <C>', 'inverse regularisation strength (LogisticRegression)')
    .option('--epochs <n>', 'SGD and examples: exactly n passes over the data (no early stop)')
    .option('--seed <n>', 'random seed')
    .option('--params <json>', 'any other hyper-parameters as a JSON object, e.g. \'{"average": true}\'')
    .option('--stream', 'SGD models: train chunk by chunk with partialFit (bounded memory)')
    .option('--chunk <rows>', 'rows per chunk when reading', '8192')
    .option('--out <file>', 'where to save the model (JSON)')
    .option('--json', 'print one JSON object instead of text')
    .action(async (opts: TrainCliOptions) => {
      if (opts.example !== undefined) return trainExample({ ...opts, example: opts.example });
      if (opts.model === undefined || opts.data === undefined) {
        throw new ConfigError(`lsml train: pass --model <name> and --data <file>, or --example <name>.`);
      }
      if (!(opts.model in TRAINABLE_MODELS)) {
        throw new ConfigError(
          `lsml train: unknown model "${opts.model}"; choose one of ${Object.keys(TRAINABLE_MODELS).join(', ')}.`,
        );
      }
      const model = opts.model as ModelName;
      const Ctor = TRAINABLE_MODELS[model] as unknown as new (
        p: Record<string, unknown>,
      ) => InstanceType<(typeof TRAINABLE_MODELS)[ModelName]>;
      const estimator = new Ctor(modelParams(model, opts));
      const classes = opts.classes ? opts.classes.split(',').map((s) => s.trim()) : null;
      const chunk = numberOption('chunk', opts.chunk) ?? 8192;
      const { batches, spec } = await openData(opts.data, {
        format: opts.format as DataFormat | undefined,
        target: opts.target,
        features: opts.features ? opts.features.split(',').map((s) => s.trim()) : undefined,
        classes,
        batchSize: chunk,
      });
      if (spec.format !== 'libsvm' && opts.target === undefined) {
        throw new ConfigError(`lsml train: pass --target <column> naming the column to predict.`);
      }
      const t0 = performance.now();
      const bar = createProgressBar();
      let rows = 0;
      let progressive: { loss: number; accuracy: number } | null = null;
      if (opts.stream) {
        if (!(estimator instanceof SGDClassifier || estimator instanceof SGDRegressor)) {
          throw new ConfigError(
            `lsml train: --stream needs an SGD model (sgd-classifier, sgd-regressor); got "${model}".`,
          );
        }
        const epochs = numberOption('epochs', opts.epochs) ?? 1;
        const all = estimator instanceof SGDClassifier ? await streamClasses(batches, classes) : undefined;
        for (let e = 0; e < epochs; e++) {
          const chunks = (async function* () {
            for await (const b of batches) yield { x: batchMatrix(b), y: batchLabels(b, classes) };
          })();
          const r = await partialFitStream(estimator, chunks, {
            ...(all ? { classes: all } : {}),
            onProgress: (ev) => bar.update({ ...ev, label: `epoch ${e + 1}/${epochs}` }),
          });
          rows = r.rows;
          progressive = { loss: r.progressiveLoss, accuracy: r.progressiveAccuracy };
        }
      } else {
        const { X, y } = await collect(batches, classes, true);
        rows = X.rows;
        (estimator as { fit(X: unknown, y: unknown, o?: unknown): unknown }).fit(X, y, {
          ...(estimator instanceof SGDClassifier ||
          estimator instanceof SGDRegressor ||
          estimator instanceof LinearRegression
            ? { onProgress: bar.update }
            : {}),
        });
      }
      bar.stop();
      const seconds = (performance.now() - t0) / 1000;
      const saved: ModelFile = { ...estimator.toJSON(), input: spec };
      if (opts.out) writeFileSync(opts.out, JSON.stringify(saved));
      const summary: Record<string, unknown> = {
        model,
        className: estimator.className,
        data: opts.data,
        rows,
        features: spec.nFeatures,
        seconds,
        ...('classes' in estimator ? { classes: estimator.classes } : {}),
        ...('nIter' in estimator ? { nIter: estimator.nIter } : {}),
        ...(progressive ? { progressiveLoss: progressive.loss, progressiveAccuracy: progressive.accuracy } : {}),
        ...(opts.out ? { out: opts.out } : {}),
      };
      if (opts.json) console.log(JSON.stringify(summary));
      else {
        console.log(
          `trained ${estimator.className} on ${rows} rows × ${spec.nFeatures} features in ${seconds.toFixed(2)} s`,
        );
        if (progressive && Number.isFinite(progressive.loss)) {
          const acc = Number.isFinite(progressive.accuracy)
            ? `, accuracy ${(100 * progressive.accuracy).toFixed(2)}%`
            : '';
          console.log(`progressive validation: loss ${progressive.loss.toFixed(4)}${acc}`);
        }
        console.log(opts.out ? `saved to ${opts.out}` : 'not saved (pass --out model.json)');
      }
    });
}

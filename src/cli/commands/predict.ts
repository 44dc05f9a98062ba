import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { ConfigError } from '../../errors/errors.js';
import type { DenseMatrix } from '../../estimators/base/DenseMatrix.js';
import { type Label, compareLabels } from '../../estimators/base/labels.js';
import { isEstimatorJSON, loadEstimator } from '../../estimators/base/persistence.js';
import '../../estimators/linear/index.js'; // registers the linear estimators with loadEstimator
import { type InputSpec, type ModelFile, collect, openData } from './train.js';

interface PredictCliOptions {
  model: string;
  data: string;
  out?: string;
  proba?: boolean;
  json?: boolean;
}

/** The estimator methods `predict` calls. */
interface Predictor {
  readonly className: string;
  readonly estimatorType: string;
  predict(X: unknown): ArrayLike<Label>;
  predictProba?: ((X: unknown) => DenseMatrix) | undefined;
  readonly classes?: Label[];
}

function csvCell(v: Label): string {
  const s = String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * `lsml predict --model model.json --data <file> [--out preds.csv] [--proba] [--json]`: predictions of a model saved
 * by `lsml train` for every row of a file read the way the training file was. Writes CSV (`true` when the file
 * has the target, `pred`, and with `--proba` one `proba_<class>` column per class) — ready for `lsml evaluate`.
 */
export function registerPredict(program: Command): void {
  program
    .command('predict')
    .description('predict with a model saved by `lsml train`; writes CSV (true, pred, proba_<class>…)')
    .requiredOption('--model <file>', 'model JSON written by `lsml train --out`')
    .requiredOption('--data <file>', 'rows to predict, in the training file format')
    .option('--out <file>', 'write the predictions CSV here (default: stdout)')
    .option('--proba', 'add class-probability columns (models with predictProba)')
    .option('--json', 'print a JSON summary (and the accuracy / R² when the file has the target)')
    .action(async (opts: PredictCliOptions) => {
      const saved = JSON.parse(readFileSync(opts.model, 'utf8')) as ModelFile;
      if (!isEstimatorJSON(saved) || saved.input === undefined) {
        throw new ConfigError(`lsml predict: ${opts.model} is not a model saved by \`lsml train --out\`.`);
      }
      const spec: InputSpec = saved.input;
      const est = loadEstimator(saved) as Predictor;
      const { batches, hasTarget: withTarget } = await openData(opts.data, {
        format: spec.format,
        target: spec.target,
        features: spec.features,
        nFeatures: spec.nFeatures,
        classes: spec.classes,
      });
      const { X, y } = await collect(batches, spec.classes, withTarget);
      const pred = Array.from(est.predict(X));
      const proba = opts.proba && typeof est.predictProba === 'function' ? est.predictProba(X) : null;
      if (opts.proba && proba === null) {
        throw new ConfigError(
          `lsml predict: ${est.className} gives no probabilities (use loss log_loss or modified_huber).`,
        );
      }
      const classes = est.classes ?? [];
      const header = [
        ...(withTarget ? ['true'] : []),
        'pred',
        ...(proba ? classes.map((c) => `proba_${String(c)}`) : []),
      ];
      const lines = [header.join(',')];
      for (let i = 0; i < pred.length; i++) {
        const cells = [...(withTarget ? [csvCell(y[i] as Label)] : []), csvCell(pred[i] as Label)];
        if (proba) for (let c = 0; c < proba.cols; c++) cells.push(String(proba.get(i, c)));
        lines.push(cells.join(','));
      }
      const text = `${lines.join('\n')}\n`;
      if (opts.out) writeFileSync(opts.out, text);
      else if (!opts.json) process.stdout.write(text);
      if (opts.json || opts.out) {
        const summary: Record<string, unknown> = { model: est.className, data: opts.data, rows: pred.length };
        if (opts.out) summary.out = opts.out;
        if (withTarget) {
          if (est.estimatorType === 'classifier') {
            let hits = 0;
            for (let i = 0; i < pred.length; i++) if (compareLabels(pred[i] as Label, y[i] as Label) === 0) hits++;
            summary.accuracy = hits / pred.length;
          } else {
            const t = y as number[];
            const mean = t.reduce((s, v) => s + v, 0) / t.length;
            let res = 0;
            let tot = 0;
            t.forEach((v, i) => {
              res += (v - (pred[i] as number)) ** 2;
              tot += (v - mean) ** 2;
            });
            summary.r2 = tot === 0 ? (res === 0 ? 1 : 0) : 1 - res / tot;
          }
        }
        if (opts.json) console.log(JSON.stringify(summary));
        else console.error(`wrote ${pred.length} predictions to ${opts.out}`);
      }
    });
}

import { ConfigError } from '../../errors/errors.js';
import type { SerializedObject } from '../../optim/schedules/LearningRateSchedule.js';
import type { Loss } from '../losses/Loss.js';
import { BinaryAccuracy, CategoricalAccuracy, SparseCategoricalAccuracy } from './accuracy.js';
import { AUC } from './AUC.js';
import { Metric } from './Metric.js';
import { Precision, Recall } from './PrecisionRecall.js';
import { MeanAbsoluteErrorMetric, MeanSquaredErrorMetric } from './regression.js';

const classes: Record<string, new (config?: never) => Metric> = {
  BinaryAccuracy,
  CategoricalAccuracy,
  SparseCategoricalAccuracy,
  Precision,
  Recall,
  AUC,
  MeanSquaredErrorMetric,
  MeanAbsoluteErrorMetric,
};

const names: Record<string, string> = {
  binaryAccuracy: 'BinaryAccuracy',
  categoricalAccuracy: 'CategoricalAccuracy',
  sparseCategoricalAccuracy: 'SparseCategoricalAccuracy',
  precision: 'Precision',
  recall: 'Recall',
  auc: 'AUC',
  mse: 'MeanSquaredErrorMetric',
  meanSquaredError: 'MeanSquaredErrorMetric',
  mae: 'MeanAbsoluteErrorMetric',
  meanAbsoluteError: 'MeanAbsoluteErrorMetric',
};

/** What `compile({ metrics })` accepts for one metric. */
export type MetricIdentifier = Metric | string | SerializedObject;

/** Context used to resolve 'accuracy': the output's loss and its last dimension. */
export interface MetricContext {
  loss: Loss | null;
  outputWidth: number | null;
}

/**
 * Resolves a metric. 'accuracy' (or 'acc') picks the variant Keras would: binary for a binary cross-entropy or a
 * single-column output, sparse for a sparse categorical cross-entropy, categorical otherwise; the log key stays
 * the name you wrote. Other names: binaryAccuracy, categoricalAccuracy, sparseCategoricalAccuracy, precision,
 * recall, auc, mse, mae (snake_case accepted).
 * @throws ConfigError naming the unknown metric.
 */
export function getMetric(id: MetricIdentifier, context: MetricContext = { loss: null, outputWidth: null }): Metric {
  if (id instanceof Metric) return id;
  if (typeof id === 'string') {
    const key = id.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
    if (key === 'accuracy' || key === 'acc') {
      const loss = context.loss?.className;
      if (loss === 'BinaryCrossentropy' || (loss !== 'SparseCategoricalCrossentropy' && context.outputWidth === 1)) {
        return new BinaryAccuracy({ name: id });
      }
      if (loss === 'SparseCategoricalCrossentropy') return new SparseCategoricalAccuracy({ name: id });
      return new CategoricalAccuracy({ name: id });
    }
    const className = names[key];
    if (className) return new (classes[className] as new (config?: never) => Metric)({ name: id } as never);
  } else if (id && classes[id.className]) {
    return new (classes[id.className] as new (config?: never) => Metric)(id.config as never);
  }
  throw new ConfigError(
    `getMetric: unknown metric ${JSON.stringify(typeof id === 'string' ? id : id?.className)}; expected 'accuracy' or one of ${Object.keys(names).join(', ')}, or a Metric instance.`,
    { metric: id },
  );
}

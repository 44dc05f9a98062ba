import { ConfigError } from '../../errors/errors.js';
import type { Optimizer } from '../../optim/Optimizer.js';
import type { Logs } from '../callbacks/Callback.js';
import { type Loss, type LossIdentifier, getLoss } from '../losses/Loss.js';
import { type MetricIdentifier, getMetric } from '../metrics/getMetric.js';
import { Mean, type Metric } from '../metrics/Metric.js';
import type { CompileArgs } from './modelOptions.js';

/** What compile resolved for one output: its loss (null: not trained), loss weight, metrics and loss tracker. */
export interface CompiledOutput {
  name: string;
  loss: Loss | null;
  weight: number;
  metrics: Metric[];
  lossTracker: Mean;
}

/** A plain object used as a record by output name (not a serialised `{ className, config }`). */
function isRecord(v: unknown): v is Record<string, unknown> {
  return (
    v !== null &&
    typeof v === 'object' &&
    Object.getPrototypeOf(v) === Object.prototype &&
    !('className' in v && 'config' in v)
  );
}

/**
 * Compile arguments resolved against a model's outputs: one loss, loss weight and metric list per output, plus the
 * running means that `fit`/`evaluate` log. Built once the graph exists (a Sequential may learn its outputs late).
 */
export class CompileState {
  /** Running mean of the weighted total loss. */
  readonly lossTracker = new Mean('loss');

  private constructor(readonly outputs: readonly CompiledOutput[]) {}

  /**
   * Resolves `args` for outputs `names` whose last dimensions are `widths` (null where unknown).
   * @throws ConfigError for an unknown loss or metric, a per-output list of the wrong length, a record naming
   *   unknown outputs, or no loss at all.
   */
  static resolve(
    where: string,
    args: CompileArgs,
    names: readonly string[],
    widths: readonly (number | null)[],
  ): CompileState {
    const perOutput = <T>(value: T | T[] | Record<string, T> | undefined, what: string, fallback: T): T[] => {
      if (value === undefined) return names.map(() => fallback);
      if (Array.isArray(value)) {
        if (value.length !== names.length) {
          throw new ConfigError(
            `${where}: ${value.length} ${what} given for ${names.length} outputs (${names.join(', ')}).`,
          );
        }
        return value;
      }
      if (isRecord(value)) {
        const record = value as Record<string, T>;
        const unknown = Object.keys(record).filter((k) => !names.includes(k));
        if (unknown.length > 0) {
          throw new ConfigError(
            `${where}: ${what} given for unknown outputs ${unknown.join(', ')}; outputs are ${names.join(', ')}.`,
          );
        }
        return names.map((n) => record[n] ?? fallback);
      }
      return names.map(() => value as T);
    };
    const losses = perOutput<LossIdentifier | null>(args.loss as LossIdentifier, 'losses', null).map((l) =>
      l === null ? null : getLoss(l),
    );
    const weights = perOutput<number>(args.lossWeights, 'loss weights', 1);
    const metricLists: MetricIdentifier[][] = Array.isArray(args.metrics)
      ? names.map(() => args.metrics as MetricIdentifier[])
      : perOutput<MetricIdentifier[]>(args.metrics, 'metric lists', []);
    const multi = names.length > 1;
    const outputs = names.map((name, k): CompiledOutput => {
      const loss = losses[k] ?? null;
      // Metric objects are shared when the same list serves several outputs; give each output its own.
      const metrics = (metricLists[k] ?? []).map((id) =>
        getMetric(multi && typeof id !== 'string' && 'update' in id ? id.serialize() : id, {
          loss,
          outputWidth: widths[k] ?? null,
        }),
      );
      return { name, loss, weight: weights[k] as number, metrics, lossTracker: new Mean(`${name}_loss`) };
    });
    if (outputs.every((o) => o.loss === null))
      throw new ConfigError(`${where}: compile needs a loss for at least one output.`);
    return new CompileState(outputs);
  }

  /** Clears the loss trackers and metrics (start of an epoch, evaluation or batch call). */
  resetMetrics(): void {
    this.lossTracker.reset();
    for (const o of this.outputs) {
      o.lossTracker.reset();
      for (const m of o.metrics) m.reset();
    }
  }

  /** The current values as Keras logs: `loss`, per-output losses (several outputs), then metrics; keys prefixed. */
  logs(prefix = ''): Logs {
    const logs: Logs = { [`${prefix}loss`]: this.lossTracker.result() };
    const multi = this.outputs.length > 1;
    for (const o of this.outputs) {
      if (multi && o.loss) logs[`${prefix}${o.name}_loss`] = o.lossTracker.result();
      for (const m of o.metrics) logs[`${prefix}${multi ? `${o.name}_` : ''}${m.name}`] = m.result();
    }
    return logs;
  }

  /** The trainingConfig of model.json (null when a loss, e.g. a custom function, cannot be saved). */
  trainingConfig(optimizer: Optimizer): Record<string, unknown> | null {
    const losses = this.outputs.map((o) => (o.loss ? o.loss.serialize() : null));
    if (this.outputs.some((o, k) => o.loss !== null && losses[k] === null)) return null;
    return {
      optimizer: optimizer.serialize(),
      loss: losses,
      metrics: this.outputs.map((o) => o.metrics.map((m) => m.serialize())),
      lossWeights: this.outputs.map((o) => o.weight),
    };
  }
}

import { bool, checkSpec, defined, intRange, oneOf, optional, range, str } from '../../optim/checks.js';
import { Callback, type Logs } from './Callback.js';
import { type MonitorMode, improves, monitored, resolveMode } from './monitor.js';

/** Options of `ModelCheckpoint`. */
export interface ModelCheckpointConfig {
  /** Default 'val_loss'. */
  monitor?: string;
  /** Save only when the monitored value improves. Default false (save every epoch). */
  saveBestOnly?: boolean;
  /** Save the weights only (weights.bin + weights.json), not the topology and optimizer. Default false. */
  saveWeightsOnly?: boolean;
  mode?: MonitorMode;
  /** With saveBestOnly, a value the first save must beat. */
  initialValueThreshold?: number | null;
  verbose?: number;
}

/**
 * Fills `{epoch}` (1-based, optionally zero-padded as `{epoch:02d}`) and `{key}` / `{key:.4f}` from the logs in a
 * checkpoint path, as Keras does.
 */
export function formatCheckpointPath(template: string, epoch: number, logs: Logs): string {
  return template.replace(/\{(\w+)(?::([^}]*))?\}/g, (whole, key: string, spec: string | undefined) => {
    const value = key === 'epoch' ? epoch + 1 : logs[key];
    if (value === undefined) return whole;
    const fixed = spec?.match(/^\.(\d+)f$/);
    if (fixed) return value.toFixed(Number(fixed[1]));
    const padded = spec?.match(/^0(\d+)d$/);
    if (padded) return String(Math.round(value)).padStart(Number(padded[1]), '0');
    return String(value);
  });
}

/**
 * Saves the model (a model directory: model.json, weights.bin and the optimizer state) at the end of each epoch, or
 * only when the monitored value improves (Keras' ModelCheckpoint). Every save is atomic: files are written to a
 * temporary directory and renamed into place, so a crash never leaves a half-written checkpoint.
 * @example new ModelCheckpoint('ckpt/best', { monitor: 'val_accuracy', saveBestOnly: true })
 */
export class ModelCheckpoint extends Callback {
  readonly filepath: string;
  readonly monitor: string;
  readonly saveBestOnly: boolean;
  readonly saveWeightsOnly: boolean;
  readonly mode: 'min' | 'max';
  readonly verbose: number;
  /** Best monitored value so far. */
  best: number;
  /** Paths written, in order. */
  readonly saved: string[] = [];

  constructor(filepath: string, config: ModelCheckpointConfig = {}) {
    super();
    const c = {
      monitor: 'val_loss',
      saveBestOnly: false,
      saveWeightsOnly: false,
      mode: 'auto' as MonitorMode,
      initialValueThreshold: null,
      verbose: 0,
      ...defined(config),
    };
    checkSpec(
      'ModelCheckpoint',
      { filepath, ...c },
      {
        filepath: str,
        monitor: str,
        saveBestOnly: bool,
        saveWeightsOnly: bool,
        mode: oneOf('auto', 'min', 'max'),
        initialValueThreshold: optional(range(-Infinity, Infinity)),
        verbose: intRange(0, 2),
      },
    );
    this.filepath = filepath;
    this.monitor = c.monitor;
    this.saveBestOnly = c.saveBestOnly;
    this.saveWeightsOnly = c.saveWeightsOnly;
    this.mode = resolveMode('ModelCheckpoint', c.mode, c.monitor);
    this.verbose = c.verbose;
    this.best = c.initialValueThreshold ?? (this.mode === 'min' ? Infinity : -Infinity);
  }

  override async onEpochEnd(epoch: number, logs: Logs): Promise<void> {
    const path = formatCheckpointPath(this.filepath, epoch, logs);
    if (this.saveBestOnly) {
      const current = monitored('ModelCheckpoint', logs, this.monitor);
      if (current === undefined || !improves(current, this.best, this.mode, 0)) return;
      if (this.verbose > 0) {
        console.log(
          `Epoch ${epoch + 1}: ${this.monitor} improved from ${this.best} to ${current}, saving model to ${path}`,
        );
      }
      this.best = current;
    }
    const model = this.requireModel();
    if (this.saveWeightsOnly) await model.saveWeights(path);
    else await model.save(path);
    this.saved.push(path);
  }
}

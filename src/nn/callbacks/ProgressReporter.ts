import type { ProgressCallback } from '../../util/progress.js';
import { Callback, type Logs } from './Callback.js';

/**
 * Forwards training progress to lsml's one progress interface (`ProgressCallback`), which the CLI renders as a bar
 * and the lab as a chart: one event per batch, labelled "epoch e/E", with the running logs as metrics.
 */
export class ProgressReporter extends Callback {
  private readonly report: ProgressCallback;
  private epoch = 0;

  constructor(report: ProgressCallback) {
    super();
    this.report = report;
  }

  override onEpochBegin(epoch: number): void {
    this.epoch = epoch;
  }

  override onBatchEnd(batch: number, logs: Logs): void {
    const event = { label: `epoch ${this.epoch + 1}/${this.params.epochs}`, done: batch + 1, metrics: { ...logs } };
    this.report(this.params.steps === null ? event : { ...event, total: this.params.steps });
  }

  override onEpochEnd(epoch: number, logs: Logs): void {
    this.report({
      label: `epoch ${epoch + 1}/${this.params.epochs} done`,
      done: epoch + 1,
      total: this.params.epochs,
      metrics: { ...logs },
    });
  }
}

import { Callback, type Logs } from './Callback.js';

/** Stops training as soon as a batch's loss is NaN or infinite (Keras' TerminateOnNaN). */
export class TerminateOnNaN extends Callback {
  /** The batch at which training was stopped, or −1. */
  terminatedAtBatch = -1;

  override onBatchEnd(batch: number, logs: Logs): void {
    const loss = logs['loss'];
    if (loss !== undefined && !Number.isFinite(loss)) {
      this.terminatedAtBatch = batch;
      if (this.params.verbose > 0) console.log(`Batch ${batch}: invalid loss ${loss}, terminating training`);
      this.requireModel().stopTraining = true;
    }
  }
}

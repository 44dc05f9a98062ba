import type { Tensor } from '../../tensor/Tensor.js';
import { CallbackList, type Logs, type TrainingModel } from '../callbacks/Callback.js';
import { History } from '../callbacks/History.js';
import { ProgressLogger } from '../callbacks/ProgressLogger.js';
import { ProgressReporter } from '../callbacks/ProgressReporter.js';
import { type BatchLike, type BatchSource, type ModelData, isBatchSource, iterate, takeRows } from './data.js';
import type { FitData } from './fitData.js';
import type { FitSettings } from './fitSettings.js';
import type { EvaluateOptions, FitOptions } from './modelOptions.js';
import type { ModelInternals } from './ModelInternals.js';
import { runBatch } from './runBatch.js';

/** The public side of the model that `fit` drives: callbacks see it, validation goes through `evaluate`. */
export interface FitModel extends TrainingModel {
  evaluate(x: ModelData, y: ModelData, options?: EvaluateOptions): Logs;
  evaluateDataset(dataset: BatchSource, options?: { steps?: number | null }): Promise<Logs>;
}

// Lets timers, I/O and a browser repaint run between epochs of a long fit.
const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * The epoch loop of `fit`: for each epoch, reset metrics, train on every batch (tensor rows shuffled with
 * `settings.rng`, or the dataset re-iterated), validate every `validationFreq` epochs, and tell the callbacks.
 * Stops early when a callback sets `model.stopTraining`.
 * @returns the History callback, holding the logs of every epoch
 */
export async function fitLoop(
  model: FitModel,
  internals: ModelInternals,
  data: FitData,
  dataset: BatchSource | null,
  settings: FitSettings,
  opts: FitOptions,
): Promise<History> {
  const where = 'fit';
  const { epochs, initialEpoch, batchSize, verbose, validationFreq, rng } = settings;
  const { xs, ys, weights, n, validation } = data;
  internals.state(); // not compiled: throw before any callback runs
  const steps = dataset ? (opts.stepsPerEpoch ?? null) : Math.ceil(n / batchSize);
  const history = new History();
  const callbacks = [
    ...(opts.callbacks ?? []),
    ...(verbose > 0 ? [new ProgressLogger(verbose)] : []),
    ...(opts.onProgress ? [new ProgressReporter(opts.onProgress)] : []),
    history,
  ];
  const list = new CallbackList(callbacks, model, { epochs, steps, verbose });
  model.stopTraining = false;
  await list.trainBegin({});
  let epochLogs: Logs = {};
  for (let epoch = initialEpoch; epoch < epochs && !model.stopTraining; epoch++) {
    // Read the state afresh: a callback may re-compile (e.g. to change the learning rate).
    internals.state().resetMetrics();
    await list.epochBegin(epoch, {});
    let batch = 0;
    const runOne = async (bx: Tensor[], by: Tensor[], bw: Tensor | null): Promise<void> => {
      await list.batchBegin(batch, {});
      runBatch(internals, bx, by, bw, true);
      await list.batchEnd(batch, internals.state().logs());
      batch++;
    };
    if (dataset) {
      for await (const raw of iterate(dataset)) {
        if (steps !== null && batch >= steps) break;
        const b = internals.batch(where, raw as BatchLike);
        await runOne(b.xs, b.ys, b.sampleWeight);
        if (model.stopTraining) break;
      }
    } else {
      const order = (opts.shuffle ?? true) ? rng.permutation(n) : null;
      for (let start = 0; start < n && !model.stopTraining; start += batchSize) {
        const end = Math.min(n, start + batchSize);
        const take = (t: Tensor): Tensor => takeRows(t, order, start, end);
        await runOne(xs.map(take), ys.map(take), weights ? take(weights) : null);
      }
    }
    epochLogs = internals.state().logs();
    if (validation !== null && (epoch + 1 - initialEpoch) % validationFreq === 0) {
      const v = validation;
      const valLogs = isBatchSource(v)
        ? await model.evaluateDataset(v)
        : model.evaluate(v.xs, v.ys, { batchSize: opts.validationBatchSize ?? batchSize, sampleWeight: v.sw });
      for (const [k, val] of Object.entries(valLogs)) epochLogs[`val_${k}`] = val;
    }
    await list.epochEnd(epoch, epochLogs);
    await yieldToEventLoop();
  }
  await list.trainEnd(epochLogs);
  return history;
}

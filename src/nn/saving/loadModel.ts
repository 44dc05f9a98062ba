import { DataError } from '../../errors/errors.js';
import { optimizerFromConfig } from '../../optim/getOptimizer.js';
import type { SerializedObject } from '../../optim/schedules/LearningRateSchedule.js';
import { deserializeLayer } from '../engine/registry.js';
import '../layers/all.js';
import type { LossIdentifier } from '../losses/Loss.js';
import type { MetricIdentifier } from '../metrics/getMetric.js';
import { Model } from '../models/Model.js';
import '../models/Sequential.js';
import { hasModelFile, readModelFile } from './directory.js';
import { FORMAT_VERSION, MODEL_FORMAT, type TensorEntry } from './format.js';

interface ModelFile {
  format: string;
  formatVersion: number;
  className: string;
  config: Record<string, unknown>;
  trainingConfig: {
    optimizer: SerializedObject;
    loss: (SerializedObject | null)[];
    metrics: SerializedObject[][];
    lossWeights: number[];
  } | null;
  weights: TensorEntry[];
}

const json = (bytes: Uint8Array): unknown => JSON.parse(new TextDecoder().decode(bytes));

/**
 * Loads a model directory written by `model.save(path)`: rebuilds the topology, sets the weights (so predictions
 * are bit-identical to the saved model's), re-compiles with the saved optimizer, losses and metrics, and restores
 * the optimizer's state and step count, so `fit(..., { initialEpoch })` resumes where training stopped.
 * Custom layers must be registered with `registerLayer` first.
 * @throws DataError for a missing or foreign file; ConfigError for an unknown class.
 * @example const model = await loadModel('checkpoints/mnist'); model.predict(x);
 */
export async function loadModel(path: string): Promise<Model> {
  const file = json(await readModelFile(path, 'model.json')) as ModelFile;
  if (file.format !== MODEL_FORMAT || typeof file.formatVersion !== 'number' || file.formatVersion > FORMAT_VERSION) {
    throw new DataError(
      `loadModel: ${JSON.stringify(`${path}/model.json`)} is not an lsml model of format version <= ${FORMAT_VERSION} (format ${JSON.stringify(file.format)}, version ${String(file.formatVersion)}).`,
      { path },
    );
  }
  const model = deserializeLayer({ className: file.className, config: file.config });
  if (!(model instanceof Model)) {
    throw new DataError(`loadModel: ${path}/model.json holds a ${file.className}, not a model.`, { path });
  }
  model.setWeightsFromFile(file.weights, await readModelFile(path, 'weights.bin'), `${path}/weights.bin`);
  const training = file.trainingConfig;
  if (training) {
    const hasState = await hasModelFile(path, 'optimizer.json');
    const state = hasState
      ? (json(await readModelFile(path, 'optimizer.json')) as { optimizer: SerializedObject })
      : null;
    model.compile({
      // optimizer.json is authoritative when present: it holds the learning rate at save time (ReduceLROnPlateau
      // may have lowered it since compile).
      optimizer: optimizerFromConfig(state?.optimizer ?? training.optimizer),
      loss: training.loss as LossIdentifier[],
      metrics: Object.fromEntries(
        model.outputNames.map((n, k) => [n, (training.metrics[k] ?? []) as MetricIdentifier[]]),
      ),
      lossWeights: training.lossWeights,
    });
    if (state) model.restoreOptimizerState(state, await readModelFile(path, 'optimizer.bin'), `${path}/optimizer.bin`);
  }
  return model;
}

/** Encoding and decoding of the weight and optimizer files of a model directory (see `save` and `loadModel`). */
import { ShapeError } from '../../errors/errors.js';
import type { Optimizer } from '../../optim/Optimizer.js';
import type { SerializedObject } from '../../optim/schedules/LearningRateSchedule.js';
import type { Tensor } from '../../tensor/Tensor.js';
import type { LayerWeight } from '../engine/LayerWeight.js';
import { readModelFile } from '../saving/directory.js';
import { type TensorEntry, decodeTensors, encodeTensors } from '../saving/format.js';

/** The optimizer.json of a model directory. */
interface OptimizerFile {
  optimizer: SerializedObject;
  iterations: number;
  /** Names of the trainable weights the slots belong to, in order. */
  params: string[];
  slots: (TensorEntry & { param: number; slot: string })[];
}

/** Every weight as a manifest (names, shapes, dtypes) and one little-endian byte block. */
export function encodeWeights(weights: readonly LayerWeight[]): { manifest: TensorEntry[]; bytes: Uint8Array } {
  return encodeTensors(weights.map((w) => ({ name: w.name, value: w.value })));
}

/**
 * optimizer.json and optimizer.bin: the optimizer's configuration, step count and per-parameter state (slots) of
 * `params`, the trainable weights in optimizer order.
 */
export function encodeOptimizer(
  optimizer: Optimizer,
  params: readonly LayerWeight[],
): { 'optimizer.json': string; 'optimizer.bin': Uint8Array } {
  const slots = optimizer.getSlots(params.map((w) => w.value));
  const packed = encodeTensors(slots.map((s) => ({ name: `${s.param}/${s.slot}`, value: s.value })));
  const file: OptimizerFile = {
    optimizer: optimizer.serialize(),
    iterations: optimizer.iterations,
    params: params.map((w) => w.name),
    slots: packed.manifest.map((e, i) => ({
      ...e,
      param: (slots[i] as { param: number }).param,
      slot: (slots[i] as { slot: string }).slot,
    })),
  };
  return { 'optimizer.json': JSON.stringify(file, null, 1), 'optimizer.bin': packed.bytes };
}

/** The weight manifest of a directory: weights.json (from `saveWeights`), else model.json (from `save`). */
export async function readWeightManifest(path: string): Promise<TensorEntry[]> {
  const manifestOf = async (name: string): Promise<TensorEntry[]> =>
    (JSON.parse(new TextDecoder().decode(await readModelFile(path, name))) as { weights: TensorEntry[] }).weights;
  try {
    return await manifestOf('weights.json');
  } catch {
    return manifestOf('model.json');
  }
}

/**
 * Decodes `bytes` by `manifest` into `weights`, in order.
 * @throws ShapeError when the count (or, from `assign`, a shape) differs.
 */
export function assignWeights(
  where: string,
  weights: readonly LayerWeight[],
  manifest: readonly TensorEntry[],
  bytes: Uint8Array,
  file: string,
): void {
  if (manifest.length !== weights.length) {
    throw new ShapeError(`${where}: ${file} holds ${manifest.length} weights but the model has ${weights.length}.`, {
      file,
    });
  }
  const values = decodeTensors(manifest, bytes, file);
  weights.forEach((w, i) => w.assign(values[i] as Tensor));
}

/**
 * Restores the optimizer state of optimizer.json (`json`) and optimizer.bin (`bytes`) for `params`.
 * @throws ShapeError when the file holds state for a different number of parameters.
 */
export function restoreOptimizer(
  where: string,
  optimizer: Optimizer,
  params: readonly LayerWeight[],
  json: unknown,
  bytes: Uint8Array,
  file: string,
): void {
  const f = json as OptimizerFile;
  if (f.params.length !== params.length) {
    throw new ShapeError(
      `${where}: ${file} holds state for ${f.params.length} parameters but the model has ${params.length} trainable weights.`,
      { file },
    );
  }
  const values = decodeTensors(f.slots, bytes, file);
  optimizer.setSlots(
    params.map((w) => w.value),
    f.slots.map((s, i) => ({ param: s.param, slot: s.slot, value: values[i] as Tensor })),
  );
  optimizer.iterations = f.iterations;
}

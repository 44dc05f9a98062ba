import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { Tensor } from '../../src/index.js';
import { type Layer, type LayerClass, Model, input, loadModel } from '../../src/nn/index.js';
import { gradCheck, randLeaf } from '../helpers/gradcheck.js';

/** One layer under test: how to make it, what to feed it, what must come out, and how it must fail. */
export interface LayerCase {
  name: string;
  /** A fresh instance with the given dtype (float64 for the gradient check). */
  make: (dtype: 'float32' | 'float64') => Layer;
  /** Concrete input shape(s), batch first; a list of shapes for multi-input layers. */
  inputShapes: number[][];
  /** Expected output shape for those inputs. */
  outputShape: number[];
  /** Inputs other than uniform floats (e.g. integer ids); default uniform in [-1, 1), float64. */
  makeInputs?: (shapes: number[][], seed: number) => Tensor[];
  /** Input dtype of the symbolic input used in the save/load check; default float64. */
  inputDType?: 'float64' | 'int32';
  /** Whether the inputs get a gradient (false for integer ids). Default true. */
  gradInputs?: boolean;
  /** Run the gradient check in training mode (BatchNormalization's batch statistics). Default false. */
  training?: boolean;
  /** A call that must throw, and the pinned message. */
  bad: { call: (layer: Layer) => unknown; message: string };
}

/** Uniform float64 inputs of the given shapes, seeded. */
export function floatInputs(shapes: number[][], seed: number): Tensor[] {
  return shapes.map((s, i) => randLeaf(s, seed + i));
}

function inputsFor(c: LayerCase, seed: number): Tensor[] {
  return (c.makeInputs ?? floatInputs)(c.inputShapes, seed);
}

function applyTo(layer: Layer, xs: Tensor[], training = false): Tensor {
  return layer.apply(xs.length === 1 ? (xs[0] as Tensor) : xs, { training });
}

/** Output shape from `apply` matches the expected shape and `computeOutputShape`, symbolically too. */
export function checkOutputShape(c: LayerCase): void {
  const layer = c.make('float64');
  const y = applyTo(layer, inputsFor(c, 1));
  expect([...y.shape]).toEqual(c.outputShape);
  const symbolic = c.inputShapes.map((s) => input({ shape: s.slice(1), dtype: c.inputDType ?? 'float64' }));
  const fresh = c.make('float64');
  const out = fresh.apply(symbolic.length === 1 ? symbolic[0]! : symbolic);
  expect([...out.shape]).toEqual([null, ...c.outputShape.slice(1)]);
}

/** Finite-difference check of the gradients of the inputs and of every trainable weight, in float64. */
export function checkGradients(c: LayerCase): void {
  const layer = c.make('float64');
  const xs = inputsFor(c, 2);
  applyTo(layer, xs, c.training); // builds
  const weights = layer.trainableWeights.map((w) => w.value);
  expect(weights.every((w) => w.dtype === 'float64')).toBe(true);
  const gradXs = c.gradInputs === false ? [] : xs;
  gradCheck(
    (...args: Tensor[]) => applyTo(layer, c.gradInputs === false ? xs : args.slice(0, xs.length), c.training),
    [...gradXs, ...weights],
  );
}

/** fromConfig(getConfig()) gives an equal config and, with the same weights, identical outputs. */
export function checkConfigRoundTrip(c: LayerCase): void {
  const layer = c.make('float32');
  const xs = inputsFor(c, 3).map((x) => (x.dtype === 'float64' ? new Tensor(Float32Array.from(x.data), x.shape) : x));
  const y1 = applyTo(layer, xs);
  const config = JSON.parse(JSON.stringify(layer.getConfig()));
  const copy = (layer.constructor as unknown as LayerClass).fromConfig(config);
  expect(copy.getConfig()).toEqual(layer.getConfig());
  applyTo(copy, xs);
  copy.setWeights(layer.getWeights());
  const y2 = applyTo(copy, xs);
  expect(Array.from(y2.data)).toEqual(Array.from(y1.data));
}

/** A one-layer functional model saved and loaded predicts bit-identically. */
export async function checkSaveLoad(c: LayerCase): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'lsml-layer-'));
  try {
    const symbolic = c.inputShapes.map((s) => input({ shape: s.slice(1), dtype: c.inputDType ?? 'float64' }));
    const layer = c.make('float64');
    const out = layer.apply(symbolic.length === 1 ? symbolic[0]! : symbolic);
    const model = new Model({ inputs: symbolic, outputs: out });
    const xs = inputsFor(c, 4).map((x) => new Tensor(x.data, x.shape));
    const before = model.predict(xs) as Tensor;
    await model.save(join(dir, 'm'));
    const loaded = await loadModel(join(dir, 'm'));
    const after = loaded.predict(xs) as Tensor;
    expect([...after.shape]).toEqual([...before.shape]);
    expect(Array.from(after.data)).toEqual(Array.from(before.data));
    expect(loaded.getLayer(layer.name).getConfig()).toEqual(layer.getConfig());
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A bad input throws a ShapeError/ValueError whose message names the layer (pinned text). */
export function checkBadInput(c: LayerCase): void {
  const layer = c.make('float32');
  expect(() => c.bad.call(layer)).toThrow(c.bad.message);
}

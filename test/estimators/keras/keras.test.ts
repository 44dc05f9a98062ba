import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  DataError,
  Dense,
  NotFittedError,
  Sequential,
  ShapeError,
  ValueError,
  captureWarnings,
  loadEstimator,
  setGlobalSeed,
} from '../../../src/index.js';
import { type LossFn, losses } from '../../../src/nn/index.js';
import { randomFor } from '../../../src/util/random.js';
import {
  KerasClassifier,
  KerasRegressor,
  registerKerasModel,
  registeredKerasModels,
} from '../../../src/estimators/keras/index.js';
import { blobs, linear, mlpClassifier, mlpRegressor } from './helpers.js';

const quick = { epochs: 20, batchSize: 16, learningRate: 0.02, seed: 0 } as const;

describe('KerasClassifier', () => {
  it('learns separable blobs with string labels and returns calibrated-looking probabilities', () => {
    const { X, y } = blobs(150, 3);
    const names = ['cat', 'ant', 'bee'];
    const labels = y.map((c) => names[c] as string);
    const clf = new KerasClassifier({ model: mlpClassifier, ...quick }).fit(X, labels);
    expect(clf.classes).toEqual(['ant', 'bee', 'cat']);
    expect(clf.score(X, labels)).toBeGreaterThan(0.9);
    const proba = clf.predictProba(X);
    expect([proba.rows, proba.cols]).toEqual([150, 3]);
    const pred = clf.predict(X);
    for (let i = 0; i < proba.rows; i++) {
      const row = Array.from(proba.row(i));
      expect(row.reduce((s, p) => s + p, 0)).toBeCloseTo(1, 12);
      expect(pred[i]).toBe(clf.classes[row.indexOf(Math.max(...row))]);
    }
  });

  it('passes the data shape and builder parameters to the builder', () => {
    const seen: Record<string, unknown>[] = [];
    const clf = new KerasClassifier({
      model: (p) => {
        seen.push({ ...p });
        return mlpClassifier(p);
      },
      modelParams: { units: 3 },
      model__extra: 'x',
      seed: 5,
    });
    clf.fit(
      [
        [0, 1],
        [1, 0],
        [2, 2],
        [3, 1],
      ],
      ['b', 'a', 'c', 'a'],
    );
    expect(seen).toEqual([
      { units: 3, extra: 'x', nFeaturesIn: 2, nOutputs: 3, nClasses: 3, classes: ['a', 'b', 'c'], seed: 5 },
    ]);
    expect(clf.kerasModel.layers.map((l) => (l as Dense).units)).toEqual([3, 3]);
  });

  it('routes model__ parameters through the constructor, setParams and getParams', () => {
    const clf = new KerasClassifier({ model: mlpClassifier, model__units: 4 });
    expect(clf.getParams(false).modelParams).toEqual({ units: 4 });
    expect(clf.getParams(true).model__units).toBe(4);
    expect('model__units' in clf.getParams(false)).toBe(false);
    clf.setParams({ model__units: 6, model__dropout: 0.1, epochs: 3 });
    expect(clf.getParams(false)).toMatchObject({ modelParams: { units: 6, dropout: 0.1 }, epochs: 3 });
    const params = clf.getParams();
    params.modelParams.units = 99;
    expect(clf.getParams().modelParams.units).toBe(6);
    expect(clf.clone().getParams().modelParams).toEqual({ units: 6, dropout: 0.1 });
  });

  it('is deterministic with a seed and differs between seeds', () => {
    const { X, y } = blobs(90, 3);
    const fit = (seed: number): number[] =>
      Array.from(
        new KerasClassifier({ model: mlpClassifier, ...quick, epochs: 3, seed }).fit(X, y).predictProba(X).data,
      );
    const a = fit(1);
    expect(fit(1)).toEqual(a);
    expect(fit(2)).not.toEqual(a);
  });

  it('leaves later unseeded draws random: two unseeded fits differ', () => {
    const { X, y } = blobs(60, 3);
    const fit = (): number[] =>
      Array.from(new KerasClassifier({ model: mlpClassifier, epochs: 1, seed: null }).fit(X, y).predictProba(X).data);
    expect(fit()).not.toEqual(fit());
  });

  it('weights the loss by sampleWeight and classWeight (classWeight multiplies sampleWeight)', () => {
    // Features unrelated to the labels: the best probability of class 1 is its weighted share.
    const { X } = linear(120, 2);
    const y = X.map((_, i) => i % 2);
    const opts = { model: mlpClassifier, ...quick, epochs: 5 };
    const meanP1 = (c: KerasClassifier): number => {
      const p = c.predictProba(X);
      let s = 0;
      for (let i = 0; i < p.rows; i++) s += p.data[i * 2 + 1] as number;
      return s / p.rows;
    };
    const plain = new KerasClassifier(opts).fit(X, y);
    const bySample = new KerasClassifier(opts).fit(X, y, { sampleWeight: y.map((c) => (c === 1 ? 4 : 1)) });
    const byClass = new KerasClassifier({ ...opts, classWeight: { 1: 4 } }).fit(X, y);
    const both = new KerasClassifier({ ...opts, classWeight: { 1: 2 } }).fit(X, y, {
      sampleWeight: y.map((c) => (c === 1 ? 2 : 1)),
    });
    // Same per-row weights, same seed: the same model to the bit.
    expect(Array.from(byClass.predictProba(X).data)).toEqual(Array.from(bySample.predictProba(X).data));
    expect(Array.from(both.predictProba(X).data)).toEqual(Array.from(bySample.predictProba(X).data));
    // Up-weighting class 1 moves probability towards it.
    expect(meanP1(bySample)).toBeGreaterThan(meanP1(plain) + 0.1);
    expect(() => new KerasClassifier({ ...opts, classWeight: { 7: 2 } }).fit(X, y)).toThrow(ValueError);
    expect(() => new KerasClassifier({ ...opts, classWeight: { 7: 2 } }).fit(X, y)).toThrow(
      'KerasClassifier.fit: classWeight names label "7", which is not a class; classes are "0", "1".',
    );
    expect(() => new KerasClassifier(opts).fit(X, y, { sampleWeight: [1, 2] })).toThrow(ShapeError);
  });

  it('compiles an uncompiled model with optimizer, learningRate and default loss; keeps a compiled one', () => {
    const { X, y } = blobs(60, 2);
    const clf = new KerasClassifier({ model: mlpClassifier, optimizer: 'sgd', learningRate: 0.05, seed: 1 }).fit(X, y);
    expect(clf.kerasModel.optimizer?.className).toBe('SGD');
    expect(clf.kerasModel.optimizer?.learningRate).toBe(0.05);
    const compiled = (p: Parameters<typeof mlpClassifier>[0]): Sequential => {
      const m = mlpClassifier(p) as Sequential;
      m.compile({ optimizer: 'rmsprop', loss: 'sparseCategoricalCrossentropy' });
      return m;
    };
    expect(new KerasClassifier({ model: compiled, seed: 1 }).fit(X, y).kerasModel.optimizer?.className).toBe('RMSprop');
    expect(() => new KerasClassifier({ model: compiled, learningRate: 0.1 }).fit(X, y)).toThrow(
      'KerasClassifier.fit: the builder returned a compiled model, so "learningRate" would be ignored; leave it null or return an uncompiled model.',
    );
  });

  it('trains a model compiled with categoricalCrossentropy on one-hot targets, like sparse labels', () => {
    const { X, y } = blobs(90, 3);
    const compiledWith =
      (loss: string | LossFn) =>
      (p: Parameters<typeof mlpClassifier>[0]): Sequential => {
        const m = mlpClassifier(p) as Sequential;
        m.compile({ optimizer: 'adam', loss });
        return m;
      };
    const opts = { epochs: 5, batchSize: 16, seed: 3 } as const;
    const sparse = new KerasClassifier({ model: compiledWith('sparseCategoricalCrossentropy'), ...opts }).fit(X, y);
    // The same cross-entropy on the same rows: one-hot targets must give the same training curve as class indices.
    for (const loss of ['categoricalCrossentropy', 'categorical_crossentropy', losses.categoricalCrossentropy]) {
      const oneHot = new KerasClassifier({ model: compiledWith(loss), ...opts }).fit(X, y);
      expect(oneHot.kerasModel.compiledLosses[0]?.name).toBe('categoricalCrossentropy');
      oneHot.history.loss.forEach((l, i) => expect(l).toBeCloseTo(sparse.history.loss[i] as number, 5));
      expect(oneHot.score(X, y)).toBe(sparse.score(X, y));
    }
    // The loss option of an uncompiled model takes the same path.
    const byOption = new KerasClassifier({ model: mlpClassifier, loss: 'categoricalCrossentropy', ...opts }).fit(X, y);
    expect(byOption.history.loss[0]).toBeCloseTo(sparse.history.loss[0] as number, 5);
  });

  it("leaves the global generator's stream untouched by a seeded fit", () => {
    const { X, y } = blobs(30, 2);
    const draws = (): number[] => Array.from({ length: 3 }, () => randomFor(undefined).nextUint32());
    setGlobalSeed(17);
    const expected = draws();
    setGlobalSeed(17);
    new KerasClassifier({ model: mlpClassifier, epochs: 1, seed: 4 }).fit(X, y);
    expect(draws()).toEqual(expected);
  });

  it('records the training loss per epoch, and it falls', () => {
    const { X, y } = blobs(90, 3);
    const clf = new KerasClassifier({ model: mlpClassifier, ...quick, epochs: 8 }).fit(X, y);
    const { loss } = clf.history;
    expect(loss).toHaveLength(8);
    expect(loss[7] as number).toBeLessThan(loss[0] as number);
  });

  it('throws typed errors for bad input and bad configuration', () => {
    const { X, y } = blobs(30, 3);
    const clf = (): KerasClassifier => new KerasClassifier({ model: mlpClassifier, seed: 0 });
    expect(() => clf().predict(X)).toThrow(NotFittedError);
    expect(() => clf().kerasModel).toThrow(
      'KerasClassifier: this instance is not fitted yet; call fit() before kerasModel.',
    );
    expect(() => clf().fit(X, y.slice(0, 29))).toThrow(ShapeError);
    expect(() => clf().fit(X, y.slice(0, 29))).toThrow('X has 30 rows but y has 29 labels; they must match.');
    const withNaN = X.map((r) => [...r]);
    (withNaN[4] as number[])[2] = NaN;
    expect(() => clf().fit(withNaN, y)).toThrow(DataError);
    expect(() => clf().fit(withNaN, y)).toThrow('contains NaN at row 4, column 2');
    expect(() =>
      clf().fit(
        X,
        y.map(() => 'one'),
      ),
    ).toThrow('KerasClassifier.fit: y holds only one class ("one"); a classifier needs at least 2.');
    expect(() => new KerasClassifier().fit(X, y)).toThrow(ConfigError);
    expect(() => new KerasClassifier().fit(X, y)).toThrow('KerasClassifier.fit: "model" is not set;');
    expect(() => new KerasClassifier({ model: 'no-such-builder' }).fit(X, y)).toThrow(
      'KerasClassifier.fit: no model builder is registered as "no-such-builder"; call registerKerasModel("no-such-builder", builder) first.',
    );
    expect(() => new KerasClassifier({ model: mlpClassifier, model__sigmoid: true }).fit(X, y)).toThrow(
      'KerasClassifier.fit: the model outputs 1 units per row, but y has 3 classes; end the model in 3 softmax units.',
    );
    const shared = mlpClassifier({ nFeaturesIn: 3, nOutputs: 3, nClasses: 3, classes: [0, 1, 2], seed: null });
    const same = new KerasClassifier({ model: () => shared });
    same.fit(X, y);
    expect(() => same.fit(X, y)).toThrow('it must build a new model on every call');
    expect(() => new KerasClassifier({ model: () => null as never }).fit(X, y)).toThrow(
      'KerasClassifier.fit: the model builder must return a Model (Sequential or functional); received null.',
    );
    const wrongWidth = (): Sequential =>
      new Sequential({ layers: [new Dense({ units: 3, activation: 'softmax', inputShape: [5] })] });
    expect(() => new KerasClassifier({ model: wrongWidth }).fit(X, y)).toThrow(
      'KerasClassifier.fit: the model takes inputs of shape [null, 5], but X has 3 features;',
    );
    expect(() => new KerasClassifier({ epochs: 0 })).toThrow(ConfigError);
    expect(() => new KerasClassifier({ optimizer: 'adamax' as never })).toThrow(ConfigError);
    expect(() => new KerasClassifier({ modelParams: [] as never })).toThrow(
      'KerasClassifier: "modelParams" must be a plain object of builder parameters; received [].',
    );
  });

  it('stops with a ConvergenceWarning when the loss is not finite', () => {
    const { X, y } = blobs(40, 2);
    const big = X.map((r) => r.map((v) => v * 1e30));
    const { warnings } = captureWarnings(() =>
      new KerasClassifier({ model: mlpClassifier, epochs: 5, learningRate: 1e6, optimizer: 'sgd', seed: 0 }).fit(
        big,
        y,
      ),
    );
    expect(warnings.map((w) => w.code)).toContain('ConvergenceWarning');
  });
});

describe('KerasRegressor', () => {
  it('fits a linear target (R² > 0.9) and predicts float64', () => {
    const { X, y } = linear(200);
    const reg = new KerasRegressor({ model: mlpRegressor, ...quick, epochs: 40 }).fit(X, y);
    expect(reg.score(X, y)).toBeGreaterThan(0.9);
    expect(reg.predict(X)).toBeInstanceOf(Float64Array);
  });

  it('rejects NaN targets, length mismatches and multi-unit outputs', () => {
    const { X, y } = linear(20);
    const reg = (): KerasRegressor => new KerasRegressor({ model: mlpRegressor, seed: 0 });
    const bad = [...y];
    bad[3] = NaN;
    expect(() => reg().fit(X, bad)).toThrow(DataError);
    expect(() => reg().fit(X, bad)).toThrow('KerasRegressor.fit: y contains NaN at index 3');
    expect(() => reg().fit(X, y.slice(1))).toThrow('X has 20 rows but y has 19 values; they must match.');
    const threeUnits = (): Sequential => new Sequential({ layers: [new Dense({ units: 3, inputShape: [3] })] });
    expect(() => new KerasRegressor({ model: threeUnits }).fit(X, y)).toThrow(
      'KerasRegressor.fit: the model outputs 3 units per row; a regressor needs 1 (linear).',
    );
  });
});

describe('Keras wrappers: save and load', () => {
  it('a builder function is saved as null: the loaded wrapper predicts identically but needs the builder to refit', () => {
    const { X, y } = blobs(60, 3);
    const clf = new KerasClassifier({ model: mlpClassifier, ...quick, epochs: 3 }).fit(X, y);
    const text = JSON.stringify(clf.toJSON());
    const loaded = loadEstimator(text) as KerasClassifier;
    expect(loaded).toBeInstanceOf(KerasClassifier);
    expect(loaded.getParams().model).toBeNull();
    expect(Array.from(loaded.predictProba(X).data)).toEqual(Array.from(clf.predictProba(X).data));
    expect(loaded.predict(X)).toEqual(clf.predict(X));
    expect(() => loaded.fit(X, y)).toThrow('needs setParams({ model: builder }) before fit');
    loaded.setParams({ model: mlpClassifier }).fit(X, y);
    expect(Array.from(loaded.predictProba(X).data)).toEqual(Array.from(clf.predictProba(X).data));
  });

  it('a named builder round-trips: the loaded wrapper predicts identically and refits to the same model', () => {
    const { X, y } = linear(80);
    registerKerasModel('test-linear-net', mlpRegressor);
    expect(registeredKerasModels()).toContain('test-linear-net');
    const reg = new KerasRegressor({ model: 'test-linear-net', model__units: 5, ...quick, epochs: 4 }).fit(X, y);
    const loaded = KerasRegressor.fromJSON(JSON.stringify(reg.toJSON()));
    expect(loaded.getParams()).toEqual(reg.getParams());
    expect(Array.from(loaded.predict(X))).toEqual(Array.from(reg.predict(X)));
    expect(loaded.history).toEqual(reg.history);
    expect(Array.from(loaded.fit(X, y).predict(X))).toEqual(Array.from(reg.predict(X)));
  });

  it('the saved JSON holds the topology and the weights', () => {
    const { X, y } = blobs(30, 2);
    const clf = new KerasClassifier({ model: mlpClassifier, model__units: 2, seed: 0 }).fit(X, y);
    const json = clf.toJSON() as { state: { model: { className: string; weights: { name: string }[] } } };
    expect(json.state.model.className).toBe('Sequential');
    expect(json.state.model.weights).toHaveLength(4);
  });
});

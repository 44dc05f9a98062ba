import { ConfigError } from '../../errors/errors.js';
import type { Model } from '../../nn/models/Model.js';
import type { Label } from '../base/labels.js';

/**
 * What a model builder receives: the wrapper's `modelParams` (and `model__name` parameters) plus what the data
 * showed, as scikeras passes `meta` to its `model` function.
 */
export interface KerasBuildParams extends KerasBuildMeta {
  /** The wrapper's `seed` (null when unset), for builders that seed their own layers. */
  seed: number | null;
  /** Every entry of the wrapper's `modelParams`. */
  [param: string]: unknown;
}

/** What the data showed, passed to a model builder. */
export interface KerasBuildMeta {
  /** Number of input features (columns of X seen in `fit`): give the first layer `inputShape: [nFeaturesIn]`. */
  nFeaturesIn: number;
  /**
   * Units the last layer should have: the number of classes (softmax) for a classifier, 1 for a regressor. A
   * binary classifier may also end in 1 sigmoid unit.
   */
  nOutputs: number;
  /** Number of classes (classifiers); 0 for a regressor. */
  nClasses: number;
  /** The sorted class labels (classifiers); empty for a regressor. */
  classes: readonly Label[];
}

/**
 * Builds a fresh Keras-style model for a wrapper: compiled (`compile({ optimizer, loss })`), or uncompiled, in which
 * case the wrapper compiles it with its `optimizer`, `learningRate` and `loss` options. Must return a new model on
 * every call (fit starts over).
 */
export type KerasModelBuilder = (params: KerasBuildParams) => Model;

const builders = new Map<string, KerasModelBuilder>();

/**
 * Registers a model builder under a name, so wrappers can refer to it as `model: 'name'`. Named builders make a
 * wrapper fully saveable: `loadEstimator` restores it ready to predict *and* to refit (in any process that
 * registered the same name). Registering a name again replaces the builder.
 * @param name non-empty name
 * @param builder the builder function
 * @throws ConfigError on an empty name or a builder that is not a function
 * @example registerKerasModel('mlp', ({ nFeaturesIn, nOutputs, units = 16 }) => new Sequential({ layers: [...] }));
 */
export function registerKerasModel(name: string, builder: KerasModelBuilder): void {
  if (typeof name !== 'string' || name.length === 0) {
    throw new ConfigError(`registerKerasModel: "name" must be a non-empty string; received ${JSON.stringify(name)}.`);
  }
  if (typeof builder !== 'function') {
    throw new ConfigError(`registerKerasModel: "builder" must be a function; received ${typeof builder}.`);
  }
  builders.set(name, builder);
}

/** Names of the registered model builders, sorted. */
export function registeredKerasModels(): string[] {
  return [...builders.keys()].sort();
}

/**
 * The builder registered under `name`.
 * @throws ConfigError naming the registered builders when there is none
 */
export function kerasModelBuilder(name: string, where: string): KerasModelBuilder {
  const b = builders.get(name);
  if (b === undefined) {
    const known = registeredKerasModels();
    throw new ConfigError(
      `${where}: no model builder is registered as ${JSON.stringify(name)}; call registerKerasModel(${JSON.stringify(name)}, builder) first. Registered: ${known.length > 0 ? known.map((k) => JSON.stringify(k)).join(', ') : '(none)'}.`,
      { where, model: name },
    );
  }
  return b;
}

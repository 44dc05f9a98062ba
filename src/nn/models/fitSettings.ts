import { ConfigError } from '../../errors/errors.js';
import { Random, randomFor } from '../../util/random.js';
import type { FitOptions } from './modelOptions.js';
import { positiveInt } from './positiveInt.js';

/** `fit`'s scalar options, checked, with their defaults, and the shuffling generator. */
export interface FitSettings {
  epochs: number;
  initialEpoch: number;
  batchSize: number;
  verbose: 0 | 1 | 2;
  validationFreq: number;
  /** Shuffles tensor data; seeded from `seed` or a draw of the global generator. */
  rng: Random;
}

/**
 * Checks `fit`'s scalar options and fills in defaults (epochs 1, batchSize 32, verbose 1, validationFreq 1).
 * Draws from the global generator when no seed is given, before any layer is built, so a seeded program stays
 * reproducible.
 * @throws ConfigError for a non-positive batchSize or validationFreq, or negative / fractional epochs.
 */
export function resolveFitSettings(where: string, opts: FitOptions): FitSettings {
  const epochs = opts.epochs ?? 1;
  const initialEpoch = opts.initialEpoch ?? 0;
  const batchSize = positiveInt(where, 'batchSize', opts.batchSize ?? 32);
  const verbose = opts.verbose === 'auto' || opts.verbose === undefined ? 1 : opts.verbose;
  const validationFreq = positiveInt(where, 'validationFreq', opts.validationFreq ?? 1);
  if (!Number.isInteger(epochs) || epochs < 0 || !Number.isInteger(initialEpoch) || initialEpoch < 0) {
    throw new ConfigError(
      `${where}: "epochs" and "initialEpoch" must be non-negative integers; received ${epochs} and ${initialEpoch}.`,
    );
  }
  const rng = new Random(opts.seed ?? randomFor(undefined).nextUint32());
  return { epochs, initialEpoch, batchSize, verbose, validationFreq, rng };
}

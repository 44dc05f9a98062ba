import { loadSpamAssassin } from '../../data/datasets/loadSpamAssassin.js';
import type { Callback } from '../../nn/callbacks/Callback.js';
import { Dense } from '../../nn/layers/Dense.js';
import { Embedding } from '../../nn/layers/Embedding.js';
import { LSTM } from '../../nn/layers/rnn/LSTM.js';
import { takeRows } from '../../nn/models/data.js';
import { Sequential } from '../../nn/models/Sequential.js';
import { tensor } from '../../ops/creation.js';
import { Adam } from '../../optim/Adam.js';
import { Tensor } from '../../tensor/Tensor.js';
import { Random, setGlobalSeed } from '../../util/random.js';
import { confusionCounts } from './confusion.js';
import type { ExampleOptions, ExampleResult } from './ExampleResult.js';
import { accuracyOf } from './mnistCnn.js';

/** Tokens per message. */
export const SEQUENCE_LENGTH = 50;
const PAD = 0;
const UNKNOWN = 1;

/** Subject and body of a raw message (the routing headers before the first blank line are dropped). */
export function messageText(raw: string): string {
  const split = raw.search(/\r?\n\r?\n/);
  const headers = split < 0 ? '' : raw.slice(0, split);
  const subject = /^subject:(.*)$/im.exec(headers)?.[1] ?? '';
  return `${subject}\n${split < 0 ? raw : raw.slice(split)}`;
}

/** Lower-case word tokens: runs of two or more letters or digits. */
export function tokenize(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]{2,}/gu) ?? [];
}

/** Ids 2… for the `size − 2` most frequent tokens (ties broken alphabetically, so the vocabulary is stable). */
export function buildVocabulary(docs: readonly string[][], size: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (const d of docs) for (const t of d) counts.set(t, (counts.get(t) ?? 0) + 1);
  const words = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, size - 2);
  return new Map(words.map(([w], i) => [w, i + 2]));
}

/** [docs, 50] int32 ids: the first 50 tokens, left-padded with 0 so the last LSTM step sees real text. */
export function encode(docs: readonly string[][], vocab: Map<string, number>): Tensor {
  const ids = new Int32Array(docs.length * SEQUENCE_LENGTH).fill(PAD);
  docs.forEach((d, i) => {
    const tokens = d.slice(0, SEQUENCE_LENGTH);
    const offset = i * SEQUENCE_LENGTH + SEQUENCE_LENGTH - tokens.length;
    tokens.forEach((t, k) => (ids[offset + k] = vocab.get(t) ?? UNKNOWN));
  });
  return new Tensor(ids, [docs.length, SEQUENCE_LENGTH]);
}

/** The stacked LSTM of issue 4: Embedding(vocabulary, 64) → LSTM(128, returnSequences) → LSTM(128) → Dense(2, softmax). */
export function spamLstm(vocabularySize: number): Sequential {
  return new Sequential({
    name: 'spam_lstm',
    layers: [
      new Embedding({ inputDim: vocabularySize, outputDim: 64, inputShape: [SEQUENCE_LENGTH] }),
      new LSTM({ units: 128, returnSequences: true }),
      new LSTM({ units: 128 }),
      new Dense({ units: 2, activation: 'softmax' }),
    ],
  });
}

/** Options of `trainSpamLstm`: the common ones plus the vocabulary and batch sizes. */
export interface SpamLstmOptions extends ExampleOptions {
  /** Word ids, the two reserved ones (padding, unknown) included; default 10,000. */
  vocabularySize?: number;
  /** Default 64. */
  batchSize?: number;
}

/** Tokenised, encoded, seeded 80/20 split of the corpus (the vocabulary comes from the training part only). */
export function spamSplit(
  vocabularySize = 10000,
  seed = 1,
): { train: { x: Tensor; y: Tensor }; test: { x: Tensor; y: Tensor } } {
  const messages = loadSpamAssassin();
  const order = new Random(seed).permutation(messages.length);
  const cut = Math.round(messages.length * 0.8);
  const docs = Array.from(order, (i) => tokenize(messageText(messages[i]!.text)));
  const labels = Array.from(order, (i) => messages[i]!.label);
  const vocab = buildVocabulary(docs.slice(0, cut), vocabularySize);
  const part = (from: number, to: number) => ({
    x: encode(docs.slice(from, to), vocab),
    y: tensor(labels.slice(from, to), undefined, 'int32'),
  });
  return { train: part(0, cut), test: part(cut, messages.length) };
}

/**
 * Trains the ham/spam classifier with Adam(1e-3) and sparse categorical cross-entropy and tests it on the
 * held-out 20 %.
 * @param options epochs (default 4), trainSize / testSize (default: all of each part), seed (1), verbose (1),
 *   vocabularySize (10,000), batchSize (64)
 * @param callbacks extra `fit` callbacks
 */
export async function trainSpamLstm(options: SpamLstmOptions = {}, callbacks: Callback[] = []): Promise<ExampleResult> {
  const { epochs = 4, vocabularySize = 10000, seed = 1, batchSize = 64, verbose = 1 } = options;
  setGlobalSeed(seed);
  const split = spamSplit(vocabularySize, seed);
  const nTrain = Math.min(options.trainSize ?? Infinity, split.train.y.size);
  const nTest = Math.min(options.testSize ?? Infinity, split.test.y.size);
  const train = { x: takeRows(split.train.x, null, 0, nTrain), y: takeRows(split.train.y, null, 0, nTrain) };
  const test = { x: takeRows(split.test.x, null, 0, nTest), y: takeRows(split.test.y, null, 0, nTest) };
  const model = spamLstm(vocabularySize);
  model.compile({
    optimizer: new Adam({ learningRate: 1e-3 }),
    loss: 'sparseCategoricalCrossentropy',
    metrics: ['accuracy'],
  });
  const start = performance.now();
  const history = await model.fit(train.x, train.y, { epochs, batchSize, verbose, seed, callbacks });
  const secondsPerEpoch = (performance.now() - start) / 1000 / Math.max(1, epochs);
  const { accuracy, predicted } = accuracyOf(model.predict(test.x, { batchSize: 256 }) as Tensor, test.y);
  return {
    accuracy,
    testSize: nTest,
    trainSize: nTrain,
    confusion: confusionCounts(test.y.data, predicted, 2),
    classNames: ['ham', 'spam'],
    secondsPerEpoch,
    history,
    model,
  };
}

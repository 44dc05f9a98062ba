/**
 * Moved: the spam LSTM example now lives in src/cli/examples/spamLstm.ts (so `lsml train --example spam-lstm` can
 * run it) and runs as `npx tsx examples/spam-lstm.ts`. This module re-exports it for existing imports.
 */
export {
  SEQUENCE_LENGTH,
  buildVocabulary,
  encode,
  messageText,
  spamLstm,
  spamSplit,
  tokenize,
  trainSpamLstm,
} from '../../src/cli/examples/spamLstm.js';

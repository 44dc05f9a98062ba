import type { History } from '../../nn/callbacks/History.js';
import type { Sequential } from '../../nn/models/Sequential.js';

/** Common options of the built-in examples (`lsml train --example …`). */
export interface ExampleOptions {
  /** Passes over the training set. */
  epochs?: number;
  /** Training examples to use (default: the whole training part of the split). */
  trainSize?: number;
  /** Held-out examples to test on (default: the whole test part of the split). */
  testSize?: number;
  /** Seed of the split, the initial weights, the shuffles and the dropout masks (default 1). */
  seed?: number;
  /** 0 silent, 1 progress bar (in a terminal; one line per epoch otherwise), 2 one line per epoch. */
  verbose?: 0 | 1 | 2;
}

/** What a built-in example returns after training. */
export interface ExampleResult {
  /** Test accuracy in [0, 1]. */
  accuracy: number;
  testSize: number;
  trainSize: number;
  /** counts[true][predicted]. */
  confusion: number[][];
  classNames: string[];
  secondsPerEpoch: number;
  history: History;
  model: Sequential;
}

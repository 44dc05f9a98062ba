/**
 * Moved: the MNIST CNN example now lives in src/cli/examples/mnistCnn.ts (so `lsml train --example mnist-cnn` can
 * run it) and runs as `npx tsx examples/mnist-cnn.ts`. This module re-exports it for existing imports.
 */
export { mnistCnn, mnistSplit, trainMnistCnn } from '../../src/cli/examples/mnistCnn.js';

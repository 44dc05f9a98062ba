/**
 * Test accuracy of the MNIST CNN example after every epoch, for several seeds (issue 4's quality targets: ≥ 96.5 %
 * after 3 epochs, ≥ 98.0 % after 10). Compare with bench/nn/torchMnistAccuracy.py on the same splits. Not part of
 * the test run (minutes per seed).
 *
 * Run: npx tsx bench/nn/mnistAccuracy.ts [--epochs 10] [--seeds 1,2,3]
 * Prints one JSON line per epoch: {"seed", "epoch", "testAccuracy"}.
 */
import { Callback } from '../../src/nn/callbacks/Callback.js';
import type { Sequential } from '../../src/nn/models/Sequential.js';
import { accuracyOf, mnistSplit, trainMnistCnn } from '../../src/cli/examples/mnistCnn.js';
import type { Tensor } from '../../src/tensor/Tensor.js';

const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] as string) : fallback;
};
const epochs = Number(arg('epochs', '10'));
const seeds = arg('seeds', '1,2,3').split(',').map(Number);

class TestEachEpoch extends Callback {
  constructor(
    private readonly test: { x: Tensor; y: Tensor },
    private readonly seed: number,
  ) {
    super();
  }
  override onEpochEnd(epoch: number): void {
    const model = this.requireModel() as unknown as Sequential;
    const { accuracy } = accuracyOf(model.predict(this.test.x, { batchSize: 256 }) as Tensor, this.test.y);
    console.log(JSON.stringify({ seed: this.seed, epoch: epoch + 1, testAccuracy: Number(accuracy.toFixed(4)) }));
  }
}

for (const seed of seeds) {
  const { test } = await mnistSplit(8000, 2000, seed);
  await trainMnistCnn({ epochs, seed, verbose: 0 }, [new TestEachEpoch(test, seed)]);
}
process.exit(0);

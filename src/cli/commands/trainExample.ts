import { ConfigError } from '../../errors/errors.js';
import type { Sequential } from '../../nn/models/Sequential.js';
import { formatConfusion } from '../examples/confusion.js';
import { EXAMPLES } from '../examples/examples.js';

/** Command-line options `lsml train --example` reads (strings as commander gives them). */
export interface ExampleCliOptions {
  example: string;
  epochs?: string | undefined;
  seed?: string | undefined;
  trainSize?: string | undefined;
  testSize?: string | undefined;
  json?: boolean | undefined;
}

function count(name: string, value: string | undefined, min: number): number | undefined {
  if (value === undefined) return undefined;
  const v = Number(value);
  if (!Number.isInteger(v) || v < min) {
    throw new ConfigError(`lsml train --example: --${name} must be an integer >= ${min}; received "${value}".`);
  }
  return v;
}

/**
 * `lsml train --example <name>`: trains a built-in example (a progress bar per epoch on a terminal), then prints
 * the test accuracy and the confusion matrix, or one JSON object with `--json`.
 * @throws ConfigError for an unknown example or a bad number.
 */
export async function trainExample(opts: ExampleCliOptions): Promise<void> {
  const example = EXAMPLES[opts.example];
  if (!example) {
    throw new ConfigError(
      `lsml train: unknown example "${opts.example}"; choose one of ${Object.keys(EXAMPLES).join(', ')}.`,
    );
  }
  const epochs = count('epochs', opts.epochs, 1) ?? example.defaultEpochs;
  const seed = count('seed', opts.seed, 0) ?? 1;
  const trainSize = count('train-size', opts.trainSize, 1);
  const testSize = count('test-size', opts.testSize, 1);
  const r = await example.train({
    epochs,
    seed,
    verbose: opts.json ? 0 : 1,
    ...(trainSize !== undefined ? { trainSize } : {}),
    ...(testSize !== undefined ? { testSize } : {}),
  });
  if (opts.json) {
    console.log(
      JSON.stringify({
        example: opts.example,
        epochs,
        seed,
        trainSize: r.trainSize,
        testSize: r.testSize,
        testAccuracy: r.accuracy,
        secondsPerEpoch: r.secondsPerEpoch,
        classes: r.classNames,
        confusionMatrix: r.confusion,
      }),
    );
    return;
  }
  const params = (r.model as Sequential).countParams();
  console.log(
    `\n${opts.example}: ${params} parameters, ${epochs} epochs on ${r.trainSize} ${example.unit}, ${r.secondsPerEpoch.toFixed(1)} s per epoch`,
  );
  console.log(`test accuracy ${(100 * r.accuracy).toFixed(2)} % on ${r.testSize} held-out ${example.unit}\n`);
  console.log(formatConfusion(r.confusion, r.classNames));
}

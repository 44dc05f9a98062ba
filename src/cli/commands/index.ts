import type { Command } from 'commander';
import { registerDemo } from './demo.js';
import { registerDatasets } from './datasets.js';
import { registerData } from './data.js';
import { registerEvaluate } from './evaluate.js';
import { registerTrain } from './train.js';
import { registerPredict } from './predict.js';

/** Adds one subcommand to the program. Each area of lsml contributes its own in this folder. */
export type RegisterCommand = (program: Command) => void;

/** Every subcommand, in the order `--help` lists them. Later areas append theirs here. */
export const commands: readonly RegisterCommand[] = [
  registerDemo,
  registerDatasets,
  registerData,
  registerEvaluate,
  registerTrain,
  registerPredict,
];

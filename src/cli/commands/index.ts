import type { Command } from 'commander';
import { registerDemo } from './demo.js';

/** Adds one subcommand to the program. Each area of lsml contributes its own in this folder. */
export type RegisterCommand = (program: Command) => void;

/** Every subcommand, in the order `--help` lists them. Later areas append theirs here. */
export const commands: readonly RegisterCommand[] = [registerDemo];

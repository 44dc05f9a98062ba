import { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { commands } from './commands/index.js';

/** The package version, read from package.json next to the build output. */
export function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

/** Builds the `lsml` command line: global options plus every registered subcommand. */
export function buildProgram(): Command {
  const program = new Command('lsml')
    .description('Large-scale machine learning in TypeScript.')
    .version(packageVersion(), '-V, --version', 'print the lsml version')
    .showHelpAfterError('(run with --help for usage)');
  for (const register of commands) register(program);
  return program;
}

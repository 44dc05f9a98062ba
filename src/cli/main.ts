#!/usr/bin/env node
import { LsmlError } from '../errors/errors.js';
import { buildProgram } from './program.js';

buildProgram()
  .parseAsync(process.argv)
  .catch((err: unknown) => {
    // Expected failures (bad input, bad options) print one line; anything else keeps its stack.
    if (err instanceof LsmlError) console.error(`lsml: ${err.name} [${err.code}]: ${err.message}`);
    else console.error(err);
    process.exitCode = 1;
  });

import { readFileSync } from 'node:fs';

/** Loads a golden JSON file written by a script in test/golden/ (see its header for the scikit-learn version). */
export function loadGolden<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(`../golden/${name}`, import.meta.url), 'utf8')) as T;
}

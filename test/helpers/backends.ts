import { getBackend, listBackends, setBackend } from '../../src/index.js';

/**
 * The backends every op suite runs on: all registered ones (the reference backend always; faster ones once they
 * register). Suites call `useBackend(name)` in `beforeAll` and restore the previous backend in `afterAll`.
 */
export function testBackends(): string[] {
  return listBackends();
}

/** Activates `name` and returns a function that restores the previous backend. */
export function useBackend(name: string): () => void {
  const previous = getBackend().name;
  setBackend(name);
  return () => setBackend(previous);
}

import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/** Every engine example runs to completion against the built package (they import 'lsml' as users do). */
describe('examples/engine', () => {
  for (const file of readdirSync('examples/engine').filter((f) => f.endsWith('.ts'))) {
    it(`${file} runs and exits 0`, () => {
      const out = execFileSync(process.execPath, ['--import', 'tsx', `examples/engine/${file}`], { encoding: 'utf8' });
      expect(out.length).toBeGreaterThan(0);
    });
  }
});

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/** The `lsml` binary, run from source through tsx exactly as users run the built one. */
function lsml(...args: string[]): string {
  return execFileSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { encoding: 'utf8' });
}

describe('lsml CLI', () => {
  it('--version prints the package version', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
    expect(lsml('--version').trim()).toBe(pkg.version);
  });

  it('--help lists the registered subcommands', () => {
    const help = lsml('--help');
    expect(help).toMatch(/Usage: lsml \[options\] \[command\]/);
    expect(help).toMatch(/demo \[options\]/);
  });

  it('demo fits the line by gradient descent and reports JSON', () => {
    const out = JSON.parse(lsml('demo', '--steps', '150', '--json')) as { w: number; b: number; finalLoss: number };
    expect(out.w).toBeCloseTo(3, 1);
    expect(out.b).toBeCloseTo(-2, 1);
    expect(out.finalLoss).toBeLessThan(0.02); // the noise variance is 0.01
  });

  it('an unknown command fails with a hint', () => {
    expect(() =>
      execFileSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'nope'], { stdio: 'pipe' }),
    ).toThrow(/unknown command 'nope'/);
  });
});

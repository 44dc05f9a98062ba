import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Random } from '../../../src/util/random.js';

/** The `lsml` binary, run from source through tsx as users run the built one. */
function lsml(...args: string[]): string {
  return execFileSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    encoding: 'utf8',
    stdio: 'pipe',
  });
}

const dir = mkdtempSync(join(tmpdir(), 'lsml-cli-linear-'));
const rng = new Random(5);
const csv = ['x0,x1,x2,label'];
const svm: string[] = [];
for (let i = 0; i < 300; i++) {
  const x = [rng.normal(), rng.normal(), rng.normal()];
  const label = (x[0] as number) - (x[1] as number) + 0.2 * rng.normal() > 0 ? 1 : 0;
  csv.push(`${x.map((v) => v.toFixed(4)).join(',')},${label}`);
  svm.push(`${label ? 1 : -1} 1:${(x[0] as number).toFixed(4)} 2:${(x[1] as number).toFixed(4)}`);
}
writeFileSync(join(dir, 'train.csv'), `${csv.join('\n')}\n`);
writeFileSync(join(dir, 'train.svm'), `${svm.join('\n')}\n`);

describe('examples/linear', () => {
  it('streamSgd.ts generates a small LIBSVM file and trains on it out of core', () => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', 'examples/linear/streamSgd.ts'], {
      encoding: 'utf8',
      env: { ...process.env, LSML_STREAM_ROWS: '20000' },
    });
    expect(out).toMatch(/done: 20,000 rows/);
    const acc = Number(/accuracy ([\d.]+)%/.exec(out.split('progressive validation:')[1] ?? '')?.[1]);
    expect(acc).toBeGreaterThan(60);
    expect(out).toMatch(/peak RSS \d+ MB/);
  });
});

describe('lsml train / predict', () => {
  it('trains an SGD classifier on a CSV file, saves it, and predicts with probabilities', () => {
    const model = join(dir, 'model.json');
    const summary = JSON.parse(
      lsml(
        'train',
        '--model',
        'sgd-classifier',
        '--data',
        join(dir, 'train.csv'),
        '--target',
        'label',
        '--loss',
        'log_loss',
        '--seed',
        '0',
        '--out',
        model,
        '--json',
      ),
    ) as { rows: number; features: number; classes: number[] };
    expect(summary).toMatchObject({ rows: 300, features: 3, classes: [0, 1] });
    const out = join(dir, 'pred.csv');
    const result = JSON.parse(
      lsml('predict', '--model', model, '--data', join(dir, 'train.csv'), '--proba', '--out', out, '--json'),
    ) as {
      rows: number;
      accuracy: number;
    };
    expect(result.rows).toBe(300);
    expect(result.accuracy).toBeGreaterThan(0.9);
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('true,pred,proba_0,proba_1');
    expect(lines).toHaveLength(301);
  });

  it('streams a LIBSVM file through partialFit and reports progressive validation', () => {
    const summary = JSON.parse(
      lsml(
        'train',
        '--model',
        'sgd-classifier',
        '--data',
        join(dir, 'train.svm'),
        '--stream',
        '--epochs',
        '2',
        '--chunk',
        '64',
        '--seed',
        '1',
        '--json',
      ),
    ) as { rows: number; progressiveAccuracy: number };
    expect(summary.rows).toBe(300);
    expect(summary.progressiveAccuracy).toBeGreaterThan(0.85);
  });

  it('fails with a typed one-line error for an unknown model or a missing target', () => {
    expect(() => lsml('train', '--model', 'forest', '--data', join(dir, 'train.csv'), '--target', 'label')).toThrow(
      /ConfigError \[ERR_CONFIG\]: lsml train: unknown model "forest"/,
    );
    expect(() => lsml('train', '--model', 'ridge', '--data', join(dir, 'train.csv'))).toThrow(/pass --target <column>/);
  });
});

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { evaluateRows, formatEvaluation, readCsv } from '../../src/cli/commands/evaluate.js';
import { buildProgram } from '../../src/cli/program.js';
import { ConfigError, DataError } from '../../src/index.js';
import { accuracyScore, classificationReport, r2Score, rocAucScore } from '../../src/metrics/index.js';

const dir = mkdtempSync(join(tmpdir(), 'lsml-evaluate-'));
function csv(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const yTrue = ['cat', 'dog', 'dog', 'cat', 'bird', 'dog'];
const yPred = ['cat', 'dog', 'cat', 'cat', 'dog', 'dog'];
const clsFile = csv('cls.csv', ['label,prediction', ...yTrue.map((t, i) => `${t},${yPred[i]}`)].join('\n'));
const binTrue = [0, 1, 1, 0, 1, 0];
const binScore = [0.1, 0.8, 0.4, 0.35, 0.9, 0.5];
const binFile = csv(
  'bin.csv',
  ['y,yhat,p', ...binTrue.map((t, i) => `${t},${(binScore[i] as number) > 0.5 ? 1 : 0},${binScore[i]}`)].join('\n'),
);
const regTrue = [1.5, 2.25, -0.5, 4, 3.1];
const regPred = [1.4, 2.5, 0, 3.5, 3.0];
const regFile = csv('reg.csv', ['target;pred', ...regTrue.map((t, i) => `${t};${regPred[i]}`)].join('\n'));

afterEach(() => vi.restoreAllMocks());
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(args: string[]): Promise<string> {
  const lines: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void lines.push(a.join(' ')));
  await buildProgram()
    .exitOverride()
    .parseAsync(['node', 'lsml', 'evaluate', ...args]);
  return lines.join('\n');
}

describe('lsml evaluate', () => {
  it('prints the classification report and the confusion matrix', async () => {
    const out = await run([clsFile, '--true', 'label', '--pred', 'prediction']);
    expect(out).toContain(classificationReport(yTrue, yPred, { zeroDivision: 0 }).trimEnd());
    expect(out).toContain('confusion matrix (rows: true, columns: predicted)');
    expect(out).toContain('\nbird     0    0    1\n cat     0    2    0');
    expect(out).toContain(`accuracy           ${accuracyScore(yTrue, yPred).toFixed(4)}`);
  });

  it('prints machine-readable JSON with --json, with ROC AUC from a score column', async () => {
    const out = JSON.parse(await run([binFile, '--true', 'y', '--pred', 'yhat', '--score', 'p', '--json'])) as {
      task: string;
      metrics: Record<string, number>;
      confusionMatrix: { labels: number[]; matrix: number[][] };
      report: Record<string, unknown>;
    };
    expect(out.task).toBe('classification');
    expect(out.metrics.roc_auc).toBe(rocAucScore(binTrue, binScore));
    expect(out.confusionMatrix).toEqual({
      labels: [0, 1],
      matrix: [
        [3, 0],
        [1, 2],
      ],
    });
    expect(Object.keys(out.report)).toEqual(['0', '1', 'accuracy', 'macro avg', 'weighted avg']);
  });

  it('detects regression from continuous true values and prints its metrics', async () => {
    const out = JSON.parse(
      await run([regFile, '--true', 'target', '--pred', 'pred', '--delimiter', ';', '--json']),
    ) as {
      task: string;
      metrics: Record<string, number>;
    };
    expect(out.task).toBe('regression');
    expect(out.metrics.r2).toBe(r2Score(regTrue, regPred));
    expect(out.metrics.max_error).toBeCloseTo(0.5, 15);
    const { rows, header } = readCsv(regFile, ';');
    expect(formatEvaluation(evaluateRows(rows, header, { trueColumn: 'target', predColumn: 'pred' }))).toContain(
      'root_mean_squared_error',
    );
  });

  it('names missing columns and bad values', () => {
    const { rows, header } = readCsv(clsFile);
    expect(() => evaluateRows(rows, header, { trueColumn: 'y', predColumn: 'prediction' })).toThrow(ConfigError);
    expect(() => evaluateRows(rows, header, { trueColumn: 'y', predColumn: 'prediction' })).toThrow(
      'lsml evaluate: no column "y" in the CSV; its columns are "label", "prediction".',
    );
    expect(() =>
      evaluateRows(rows, header, { trueColumn: 'label', predColumn: 'prediction', scoreColumns: ['label'] }),
    ).toThrow(DataError);
    expect(() => evaluateRows([], header, { trueColumn: 'label', predColumn: 'prediction' })).toThrow(
      'lsml evaluate: the CSV has no data rows.',
    );
  });
});

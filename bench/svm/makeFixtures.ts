/**
 * Regenerates the LIBSVM / LIBLINEAR fixtures of test/estimators/svm/fixtures with the reference tools
 * (`apt-get install libsvm-tools liblinear-tools`). The tests read the committed files and never need the tools.
 * Run: npx tsx bench/svm/makeFixtures.ts
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Random } from '../../src/util/random.js';

const dir = 'test/estimators/svm/fixtures';
mkdirSync(dir, { recursive: true });

/** Rows as LIBSVM text with values rounded to 4 decimals (so the text is the data exactly). */
function text(X: number[][], y: number[], zeroColumn?: (i: number) => number): string {
  return (
    X.map((row, i) => {
      const cells = row.map((v, j) => (v === 0 ? '' : ` ${j + 1}:${v}`)).join('');
      return `${y[i]}${zeroColumn === undefined ? '' : ` 0:${zeroColumn(i)}`}${cells}`;
    }).join('\n') + '\n'
  );
}

const rng = new Random(2024);
const round = (v: number): number => Math.round(v * 1e4) / 1e4;

// three classes in 4-D, labels first seen in the order 3, 1, 2 (LIBSVM keeps that order; lsml sorts)
const X: number[][] = [];
const y: number[] = [];
const centers = [
  [0, 0, 0, 0],
  [2, 1, 0, -1],
  [-1, 2, 1, 0],
];
const order = [2, 0, 1];
for (let i = 0; i < 90; i++) {
  const c = order[i % 3] as number;
  X.push((centers[c] as number[]).map((m) => round(m + rng.normal())));
  y.push(c + 1);
}
const run = (cmd: string, args: string[]): string => execFileSync(cmd, args, { encoding: 'utf8' });
const f = (name: string): string => join(dir, name);

writeFileSync(f('multi.txt'), text(X, y));
run('svm-train', [
  '-q',
  '-s',
  '0',
  '-t',
  '2',
  '-c',
  '2',
  '-g',
  '0.3',
  '-b',
  '1',
  f('multi.txt'),
  f('multi_csvc_rbf_b1.model'),
]);
run('svm-predict', ['-b', '1', f('multi.txt'), f('multi_csvc_rbf_b1.model'), f('multi_csvc_rbf_b1.out')]);
run('svm-train', [
  '-q',
  '-s',
  '1',
  '-t',
  '1',
  '-d',
  '2',
  '-g',
  '0.5',
  '-r',
  '1',
  '-n',
  '0.3',
  f('multi.txt'),
  f('multi_nusvc_poly.model'),
]);
run('svm-predict', [f('multi.txt'), f('multi_nusvc_poly.model'), f('multi_nusvc_poly.out')]);
run('svm-train', [
  '-q',
  '-s',
  '0',
  '-t',
  '3',
  '-c',
  '0.5',
  '-g',
  '0.05',
  '-r',
  '-0.5',
  f('multi.txt'),
  f('multi_csvc_sigmoid.model'),
]);
run('svm-predict', [f('multi.txt'), f('multi_csvc_sigmoid.model'), f('multi_csvc_sigmoid.out')]);

// binary ±1 (LIBSVM puts +1 first whatever the order), linear kernel
const yb = X.map((row) => ((row[0] as number) + 0.5 * (row[1] as number) > 0.7 ? 1 : -1));
yb[0] = -1;
writeFileSync(f('binary.txt'), text(X, yb));
run('svm-train', ['-q', '-s', '0', '-t', '0', '-c', '1', '-b', '1', f('binary.txt'), f('binary_linear_b1.model')]);
run('svm-predict', ['-b', '1', f('binary.txt'), f('binary_linear_b1.model'), f('binary_linear_b1.out')]);

// regression
const z = X.map((row) => round(Math.sin(row[0] as number) + 0.3 * (row[1] as number)));
writeFileSync(f('regression.txt'), text(X, z));
run('svm-train', [
  '-q',
  '-s',
  '3',
  '-t',
  '2',
  '-c',
  '4',
  '-p',
  '0.05',
  '-g',
  '0.25',
  f('regression.txt'),
  f('regression_epssvr.model'),
]);
run('svm-predict', [f('regression.txt'), f('regression_epssvr.model'), f('regression_epssvr.out')]);
run('svm-train', [
  '-q',
  '-s',
  '4',
  '-t',
  '2',
  '-c',
  '4',
  '-n',
  '0.4',
  '-g',
  '0.25',
  f('regression.txt'),
  f('regression_nusvr.model'),
]);
run('svm-predict', [f('regression.txt'), f('regression_nusvr.model'), f('regression_nusvr.out')]);

// precomputed linear kernel: row i is "label 0:i+1 1:K(i,1) … n:K(i,n)"
const K = X.map((a) => X.map((b) => round(a.reduce((s, v, k) => s + v * (b[k] as number), 0))));
writeFileSync(
  f('precomputed.txt'),
  text(K, y, (i) => i + 1),
);
run('svm-train', ['-q', '-s', '0', '-t', '4', '-c', '1', f('precomputed.txt'), f('precomputed.model')]);
run('svm-predict', [f('precomputed.txt'), f('precomputed.model'), f('precomputed.out')]);

// LIBLINEAR: L2-loss dual, L1-loss dual, Crammer–Singer, L1-regularised, with a bias feature
for (const s of ['1', '3', '4', '5']) {
  run('liblinear-train', [
    '-q',
    '-s',
    s,
    '-c',
    '1',
    '-e',
    '0.0001',
    '-B',
    '1',
    f('multi.txt'),
    f(`liblinear_s${s}.model`),
  ]);
  run('liblinear-predict', [f('multi.txt'), f(`liblinear_s${s}.model`), f(`liblinear_s${s}.out`)]);
}
run('liblinear-train', [
  '-q',
  '-s',
  '1',
  '-c',
  '1',
  '-e',
  '0.0001',
  '-B',
  '1',
  f('binary.txt'),
  f('liblinear_binary.model'),
]);
run('liblinear-predict', [f('binary.txt'), f('liblinear_binary.model'), f('liblinear_binary.out')]);
run('liblinear-train', [
  '-q',
  '-s',
  '12',
  '-c',
  '1',
  '-p',
  '0.05',
  '-e',
  '0.0001',
  '-B',
  '1',
  f('regression.txt'),
  f('liblinear_svr.model'),
]);
run('liblinear-predict', [f('regression.txt'), f('liblinear_svr.model'), f('liblinear_svr.out')]);
console.log(`fixtures written to ${dir}`);

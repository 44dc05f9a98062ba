/**
 * Writes a large synthetic binary classification file in LIBSVM format, streaming (memory stays flat whatever the
 * size), for the out-of-core example `streamSgd.ts`.
 *
 * Each row has 10–30 active features out of 2^18 (like hashed text: low indices are frequent, most are rare),
 * values in (0, 1]; the label is the sign of a hidden linear model over the frequent features plus noise.
 *
 * Run: npx tsx examples/linear/generateLibsvm.ts [rows = 1000000] [file = /tmp/lsml-stream.svm]
 * (the full size: `npx tsx examples/linear/generateLibsvm.ts 10000000`, about 2.6 GB)
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { Random } from '../../src/index.js';

/** Columns of the generated files; `streamSgd.ts` reads them with the same count. */
export const N_FEATURES = 2 ** 18;

/** Writes `rows` rows to `file`; returns the seconds it took. */
export function generateLibsvm(rows: number, file: string, seed = 42): number {
  const t0 = performance.now();
  const rng = new Random(seed);
  const weights = new Float64Array(N_FEATURES);
  // only the 5,000 most frequent features carry signal; the long tail of rare ones is noise, as with words
  for (let j = 0; j < 5000; j++) weights[j] = rng.normal();
  const fd = openSync(file, 'w');
  const active = new Set<number>();
  let lines: string[] = [];
  for (let i = 0; i < rows; i++) {
    active.clear();
    const nnz = 10 + rng.int(21);
    while (active.size < nnz) active.add(Math.floor(N_FEATURES * rng.uniform() ** 3)); // low indices are frequent
    const cols = [...active].sort((a, b) => a - b);
    let score = 0.5 * rng.normal();
    let line = '';
    for (const j of cols) {
      const v = Math.round(rng.uniform() * 1000) / 1000 || 0.001;
      score += v * (weights[j] as number);
      line += ` ${j + 1}:${v}`;
    }
    lines.push(`${score > 0 ? 1 : -1}${line}`);
    if (lines.length === 10_000) {
      writeSync(fd, `${lines.join('\n')}\n`);
      lines = [];
    }
  }
  if (lines.length > 0) writeSync(fd, `${lines.join('\n')}\n`);
  closeSync(fd);
  return (performance.now() - t0) / 1000;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = Number(process.argv[2] ?? process.env.LSML_STREAM_ROWS ?? 1_000_000);
  const file = process.argv[3] ?? '/tmp/lsml-stream.svm';
  const seconds = generateLibsvm(rows, file);
  console.log(`wrote ${rows.toLocaleString('en-US')} rows to ${file} in ${seconds.toFixed(1)} s`);
}

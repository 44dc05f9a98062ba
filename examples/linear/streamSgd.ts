/**
 * Out-of-core training: SGDClassifier learns from a LIBSVM file far larger than it needs to hold, chunk by chunk
 * with `partialFit` over the data layer's streaming reader. Each chunk is first scored by the current model
 * (progressive validation: test, then train), so the printed loss is an honest estimate of generalisation.
 * Resident memory stays bounded by one chunk plus the model; the peak is printed at the end.
 *
 * Run: npx tsx examples/linear/generateLibsvm.ts 1000000 /tmp/lsml-stream.svm
 *      npx tsx examples/linear/streamSgd.ts /tmp/lsml-stream.svm
 * (no file given: generates LSML_STREAM_ROWS rows, default 200000, into a temporary file first)
 */
import { statSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createProgressBar } from '../../src/cli/progressBar.js';
import { partialFitStream, readLibsvm, SGDClassifier } from '../../src/index.js';
import { N_FEATURES, generateLibsvm } from './generateLibsvm.js';

const given = process.argv[2];
const file = given ?? join(tmpdir(), `lsml-stream-${process.pid}.svm`);
if (given === undefined) {
  const rows = Number(process.env.LSML_STREAM_ROWS ?? 200_000);
  console.log(`generating ${rows.toLocaleString('en-US')} rows into ${file} …`);
  generateLibsvm(rows, file);
}
const bytes = statSync(file).size;
const mb = (n: number): string => `${(n / 2 ** 20).toFixed(0)} MB`;
console.log(`training on ${file} (${mb(bytes)}) in chunks of 10,000 rows`);

const clf = new SGDClassifier({ loss: 'log_loss', alpha: 1e-5, seed: 0 });
const bar = createProgressBar({ units: 'bytes' });
let bytesRead = 0;
let lastPrint = 0;
const t0 = performance.now();
const result = await partialFitStream(
  clf,
  readLibsvm(file, { nFeatures: N_FEATURES, batchSize: 10_000, onProgress: (e) => (bytesRead = e.done) }),
  {
    classes: [-1, 1],
    onProgress: (e) => {
      const metrics = e.metrics ?? {};
      bar.update({ label: 'training', done: bytesRead, total: bytes, metrics: { rows: e.done, ...metrics } });
      // a plain log line every 100,000 rows, for logs and pipes where no bar is drawn
      if (!process.stderr.isTTY && e.done - lastPrint >= 100_000) {
        lastPrint = e.done;
        const s = (performance.now() - t0) / 1000;
        console.log(
          `${e.done.toLocaleString('en-US').padStart(11)} rows  ${s.toFixed(1).padStart(6)} s  progressive log-loss ${metrics.loss?.toFixed(4) ?? '—'}  accuracy ${metrics.accuracy === undefined ? '—' : (100 * metrics.accuracy).toFixed(2) + '%'}  RSS ${mb(process.memoryUsage().rss)}`,
        );
      }
    },
  },
);
bar.stop();
const seconds = (performance.now() - t0) / 1000;
console.log(
  `done: ${result.rows.toLocaleString('en-US')} rows in ${seconds.toFixed(1)} s (${Math.round(result.rows / seconds).toLocaleString('en-US')} rows/s)`,
);
console.log(
  `progressive validation: log-loss ${result.progressiveLoss.toFixed(4)}, accuracy ${(100 * result.progressiveAccuracy).toFixed(2)}%`,
);
console.log(`peak RSS ${mb(process.resourceUsage().maxRSS * 1024)} (file ${mb(bytes)})`);
if (given === undefined) unlinkSync(file);

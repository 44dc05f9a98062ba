import { ConfigError } from '../../errors/errors.js';
import type { Batch } from '../Batch.js';
import type { Source } from '../ops/source.js';
import { writeArrow } from './writeArrow.js';
import { writeCsv } from './writeCsv.js';
import { writeJsonl } from './writeJsonl.js';
import { writeLibsvm } from './writeLibsvm.js';
import { writeParquet } from './writeParquet.js';

/** Formats `writeDataFile` writes; 'svm' is LIBSVM / svmlight. */
export type WriteFormat = 'csv' | 'tsv' | 'svm' | 'jsonl' | 'parquet' | 'arrow';

/** File extension for each format. */
export const FORMAT_EXTENSION: Readonly<Record<WriteFormat, string>> = {
  csv: 'csv',
  tsv: 'tsv',
  svm: 'svm',
  jsonl: 'jsonl',
  parquet: 'parquet',
  arrow: 'arrow',
};

/**
 * Writes batches to `path` in `format` with the matching writer (see each for the details) and returns the
 * rows written.
 * @throws ConfigError for an unknown format.
 */
export async function writeDataFile(
  format: string,
  path: string,
  batches: Source<Batch>,
  options: { featureNames?: readonly string[]; labelName?: string } = {},
): Promise<number> {
  switch (format) {
    case 'csv':
      return writeCsv(path, batches, options);
    case 'tsv':
      return writeCsv(path, batches, { ...options, delimiter: '\t' });
    case 'svm':
    case 'libsvm':
      return writeLibsvm(path, batches);
    case 'jsonl':
      return writeJsonl(path, batches, options);
    case 'parquet':
      return writeParquet(path, batches, options);
    case 'arrow':
      return writeArrow(path, batches, options);
    default:
      throw new ConfigError(
        `Unknown output format ${JSON.stringify(format)}; expected one of ${Object.keys(FORMAT_EXTENSION).join(', ')}.`,
        { format },
      );
  }
}

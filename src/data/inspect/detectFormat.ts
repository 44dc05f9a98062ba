import { extname } from 'node:path';
import { ConfigError } from '../../errors/errors.js';

/** File formats lsml reads. */
export type DataFormat = 'csv' | 'tsv' | 'libsvm' | 'jsonl' | 'parquet' | 'arrow';

const BY_EXTENSION: Record<string, DataFormat> = {
  '.csv': 'csv',
  '.tsv': 'tsv',
  '.tab': 'tsv',
  '.svm': 'libsvm',
  '.libsvm': 'libsvm',
  '.svmlight': 'libsvm',
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
  '.parquet': 'parquet',
  '.pq': 'parquet',
  '.arrow': 'arrow',
  '.arrows': 'arrow',
  '.feather': 'arrow',
  '.ipc': 'arrow',
};

/**
 * The format of `file` from its extension (a trailing `.gz` is ignored).
 * @throws ConfigError for an unknown extension, listing the known ones.
 */
export function detectFormat(file: string): DataFormat {
  const base = file.toLowerCase().endsWith('.gz') ? file.slice(0, -3) : file;
  const f = BY_EXTENSION[extname(base).toLowerCase()];
  if (f === undefined) {
    throw new ConfigError(
      `${file}: cannot tell the format from the extension; known: ${Object.keys(BY_EXTENSION).join(', ')} (optionally + .gz). Pass the format explicitly.`,
      { file },
    );
  }
  return f;
}

import { ConfigError, DataError } from '../../errors/errors.js';
import { Dataset } from '../Dataset.js';
import { type PathInput, expandPaths } from '../io/expandPaths.js';
import { planTextSlices } from '../io/planTextSlices.js';
import { checkShard } from '../io/ShardSpec.js';
import { DEFAULT_NA_VALUES } from './missingValues.js';
import { type CsvFormatOptions, csvSliceRecords, readCsvHeader } from './csvSliceRecords.js';
import { plainDecimal } from './plainDecimal.js';
import { lineLabel } from './textLocation.js';

/** A CSV row as an object: numbers, strings, or null for missing values. */
export type CsvRecord = Record<string, number | string | null>;

/** Options of `readCsvRecords`. */
export interface CsvRecordOptions extends CsvFormatOptions {
  /**
   * Type per column: 'number' (a non-numeric cell is a DataError), 'string' (kept as text) or 'auto' (number
   * when the cell parses as one, else string). Columns not listed are 'auto'.
   */
  types?: Readonly<Record<string, 'number' | 'string' | 'auto'>>;
  /** Only these columns, in this order (default: all). */
  columns?: readonly string[];
}

/**
 * Streams CSV/TSV files as one object per row, for data with text columns (use `readCsv` for numeric
 * batches). Missing cells (empty or in `naValues`) become null.
 * @throws DataError (while iterating) for a ragged row or a non-numeric cell in a 'number' column, naming
 *   the file, the line and the column; ConfigError for an unknown column name.
 */
export function readCsvRecords(paths: PathInput, options: CsvRecordOptions = {}): Dataset<CsvRecord> {
  checkShard(options.shard, 'readCsvRecords');
  return new Dataset(async function* () {
    const files = await expandPaths(paths);
    const header = options.header ?? true;
    const na = new Set(['', ...(options.naValues ?? DEFAULT_NA_VALUES)]);
    for (const slice of await planTextSlices(files, options.shard)) {
      const firstLine = await readCsvHeader(slice.file, slice, options);
      const names = header
        ? firstLine
        : options.columnNames
          ? [...options.columnNames]
          : firstLine.map((_, i) => `c${i}`);
      const wanted = (options.columns ?? names).map((c) => {
        const i = names.indexOf(c);
        if (i < 0)
          throw new ConfigError(
            `readCsvRecords: column ${JSON.stringify(c)} not found; the columns are ${JSON.stringify(names)}.`,
          );
        return i;
      });
      const types = wanted.map((i) => options.types?.[names[i] as string] ?? 'auto');
      const onRecord = (rec: string[], line: number): CsvRecord => {
        if (rec.length !== names.length) {
          throw new DataError(
            `${slice.file}: ${lineLabel(slice, line)}: expected ${names.length} fields as in ${header ? 'the header' : 'the column names'}, found ${rec.length}.`,
            { file: slice.file, line, expected: names.length, found: rec.length },
          );
        }
        const out: CsvRecord = {};
        for (let k = 0; k < wanted.length; k++) {
          const i = wanted[k] as number;
          const s = rec[i] as string;
          const name = names[i] as string;
          const type = types[k];
          // A plain decimal is a number unless listed as missing (naValues may hold numbers such as '-999').
          const fast = type === 'string' || na.has(s) ? NaN : plainDecimal(s);
          if (fast === fast) out[name] = fast;
          else if (na.has(s.trim())) out[name] = null;
          else if (type === 'string') out[name] = s;
          else {
            const v = Number(s);
            if (Number.isNaN(v) && type === 'number') {
              throw new DataError(
                `${slice.file}: ${lineLabel(slice, line)}, column ${i + 1} (${JSON.stringify(name)}): expected a number, found ${JSON.stringify(s)}.`,
                { file: slice.file, line, column: i + 1, columnName: name, value: s },
              );
            }
            out[name] = Number.isNaN(v) ? s : v;
          }
        }
        return out;
      };
      for await (const group of csvSliceRecords(slice, options, header && slice.start === 0, onRecord, {})) {
        yield* group;
      }
    }
  });
}

import { extname } from 'node:path';
import Papa from 'papaparse';
import { ConfigError, DataError } from '../../errors/errors.js';
import type { ProgressCallback } from '../../util/progress.js';
import { type LineChunkOptions, lineChunks } from '../io/lineChunks.js';
import type { ShardSpec } from '../io/ShardSpec.js';
import type { TextSlice } from '../io/planTextSlices.js';
import { lineLabel } from './textLocation.js';

/** Options of `readCsv` and `readCsvRecords`. */
export interface CsvFormatOptions {
  /** The first line holds column names (default true). */
  header?: boolean;
  /** Column names when `header` is false (default `c0, c1, …`). */
  columnNames?: readonly string[];
  /** Field separator (default '\t' for .tsv/.tab files, else ','). */
  delimiter?: string;
  /** Quote character (default '"'; '' turns quoting off); quoted fields may hold delimiters, quotes ("") and newlines. */
  quote?: string;
  /** Lines starting with this string are skipped (default: none). */
  comment?: string;
  /** Strings read as missing besides the empty field (default `DEFAULT_NA_VALUES`). */
  naValues?: readonly string[];
  /** Shard of the file set to read (byte ranges; see `planTextSlices`). Quoted fields must not span lines when sharding. */
  shard?: ShardSpec;
  /** Receives bytes read against the total size of the file set. */
  onProgress?: ProgressCallback;
}

/** The delimiter for `file` when none is given. */
export function defaultDelimiter(file: string): string {
  const base = file.endsWith('.gz') ? file.slice(0, -3) : file;
  const ext = extname(base).toLowerCase();
  return ext === '.tsv' || ext === '.tab' ? '\t' : ',';
}

/**
 * What papaparse's `Parser.parse` returns (typed `any` by @types/papaparse); in step mode each step gets the
 * same shape for one row, with `meta.cursor` just after it.
 */
interface PapaResult {
  data: string[][];
  errors: { code: string; message: string }[];
  meta: { cursor: number };
}

/** Clearer words for papaparse's error codes (its messages are kept for any other code). */
const QUOTE_ERRORS: Record<string, string> = {
  InvalidQuotes:
    'malformed quoting: a closing quote must be followed by the delimiter or a line break (write a quote inside a quoted field as "")',
  MissingQuotes: 'a quoted field is never closed',
};

/** The papaparse settings for `format` (newline decided per slice), checked once. */
interface PapaSettings {
  delimiter: string;
  quoteChar: string;
  escapeChar: string;
  comments: string | false;
  fastMode: boolean | undefined;
}

function papaSettings(file: string, format: CsvFormatOptions, where: string): PapaSettings {
  const delimiter = format.delimiter ?? defaultDelimiter(file);
  const quote = format.quote ?? '"';
  const comment = format.comment ?? '';
  // papaparse silently falls back to ',' for a delimiter it cannot use; say so instead.
  if (delimiter === '' || /[\r\n\uFEFF"]/.test(delimiter) || (quote !== '' && delimiter.includes(quote))) {
    throw new ConfigError(
      `${where}: "delimiter" must be a non-empty string without quotes or line breaks; received ${JSON.stringify(delimiter)}.`,
    );
  }
  if (quote.length > 1 || quote === '\r' || quote === '\n') {
    throw new ConfigError(`${where}: "quote" must be one character or ''; received ${JSON.stringify(quote)}.`);
  }
  if (comment !== '' && (comment === delimiter || /[\r\n"]/.test(comment))) {
    throw new ConfigError(
      `${where}: "comment" must differ from the delimiter and hold no quotes or line breaks; received ${JSON.stringify(comment)}.`,
    );
  }
  return {
    delimiter,
    quoteChar: quote,
    escapeChar: quote,
    comments: comment === '' ? false : comment,
    // Without a quote character every chunk takes papaparse's split-based fast mode.
    fastMode: quote === '' ? true : undefined,
  };
}

type Newline = '\n' | '\r\n' | '\r';

/**
 * The line break of a text: the one ending its first record line ('\r\n' or '\n'), skipping comment lines
 * and line breaks inside quotes (an odd number of quote characters before them); null when there is none yet.
 */
function detectNewline(text: string, quote: string, comment: string | false): Newline | null {
  let quotes = 0;
  let from = 0;
  for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', from)) {
    if (quotes % 2 === 1 || comment === false || !text.startsWith(comment, from)) {
      if (quote !== '') quotes += countChar(text, quote, from, nl);
      if (quotes % 2 === 0) return nl > 0 && text.charCodeAt(nl - 1) === 13 ? '\r\n' : '\n';
    }
    from = nl + 1;
  }
  return null;
}

/** The line break of a whole text in which `detectNewline` found none: '\r' (old Mac files) or '\n'. */
const lastResortNewline = (text: string): Newline => (text.includes('\r') ? '\r' : '\n');

/** Number of `ch` characters in text[from, to). */
function countChar(text: string, ch: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf(ch, from); i >= 0 && i < to; i = text.indexOf(ch, i + 1)) n++;
  return n;
}

const stripBom = (text: string): string => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);

/** Reads the first line of `file` (decompressing gzip) and splits it into fields. */
export async function readCsvHeader(file: string, slice: TextSlice, format: CsvFormatOptions): Promise<string[]> {
  const settings = papaSettings(file, format, 'CSV options');
  const first = lineChunks({ ...slice, start: 0, end: 1 }, { chunkSize: 64 << 10 });
  const chunk = await first.next();
  await first.return(undefined);
  if (chunk.done) return [];
  const text = stripBom(chunk.value.buf.toString('utf8'));
  const res = new Papa.Parser({
    ...settings,
    comments: false,
    newline: detectNewline(text, settings.quoteChar, false) ?? lastResortNewline(text),
  }).parse(text, 0, false) as PapaResult;
  const err = res.errors[0];
  if (err !== undefined) {
    throw new DataError(`${file}: line 1: ${QUOTE_ERRORS[err.code] ?? err.message} (the header must fit on line 1).`, {
      file,
      line: 1,
      cause: err.code,
    });
  }
  return res.data[0] ?? [];
}

/**
 * Shared driver of the CSV readers: parses the line chunks of `slice` with papaparse and calls `onRecord` with
 * each record and the line it starts on; yields what `onRecord` returned (non-null) once per chunk. Empty lines
 * are skipped; with `skipHeader` so is the record on line 1.
 *
 * Chunks are 64 KiB of text by default: papaparse builds an array of strings per row, and small chunks let those
 * die young (parsing and converting took 15–25 % less CPU than with 1 MiB chunks). Each chunk is parsed
 * in one call (papaparse picks its split-based fast mode when the text holds no quote character); row k then
 * starts on line k of the chunk, unless the chunk has more line breaks than rows (a quoted field holding a
 * line break, or comment lines), or papaparse reported an error: such a chunk is parsed again in step mode,
 * whose per-row positions give each record's first line. A record cut by the chunk end (a quoted field holding
 * line breaks) is carried to the next chunk, and parsed again only once the text has doubled, so a long open
 * record costs linear time; one still open after `maxLineBytes` (64 MiB) is a DataError, so an unbalanced quote
 * cannot fill memory.
 * @throws ConfigError for an unusable delimiter, quote or comment; DataError (naming file and line) for
 *   malformed quoting and for whatever `onRecord` throws.
 */
export async function* csvSliceRecords<R>(
  slice: TextSlice,
  format: CsvFormatOptions,
  skipHeader: boolean,
  onRecord: (record: string[], line: number) => R | null,
  chunkOptions: LineChunkOptions,
): AsyncGenerator<R[]> {
  const settings = papaSettings(slice.file, format, 'CSV options');
  const quote = settings.quoteChar;
  const comment = settings.comments;
  const maxRecord = chunkOptions.maxLineBytes ?? 64 << 20;
  let newline: Newline = '\n'; // decided by the first record line (`decided`)
  let decided = false;
  let lineChar = '\n'; // the character counted as a line
  let out: R[] = [];
  let lineAt = 1; // line (within the slice) on which `pending` starts
  let pending = ''; // text not parsed yet; it starts at a record boundary
  let waitFor = 0; // while a record is open, parse again only once `pending` has doubled (linear time)

  const fail = (line: number, message: string, code: string): DataError =>
    new DataError(`${slice.file}: ${lineLabel(slice, line)}: ${QUOTE_ERRORS[code] ?? message}.`, {
      file: slice.file,
      line,
      cause: code,
    });
  const take = (rec: string[], line: number): void => {
    if (rec.length === 1 && rec[0] === '') return; // an empty line
    if (skipHeader && line === 1) return;
    const r = onRecord(rec, line);
    if (r !== null) out.push(r);
  };
  /** Parses `text` (all of it when `last`, else its complete records); returns the characters consumed. */
  const parse = (text: string, last: boolean): number => {
    const res = new Papa.Parser({ ...settings, newline }).parse(text, 0, !last) as PapaResult;
    const rows = res.data;
    // Row k starts on line k unless a record spans lines or comment lines were dropped: then there are more
    // line breaks than rows (the last row of the last text has none). Without quotes or comments that cannot be.
    const oneLineEach =
      res.errors.length === 0 &&
      ((comment === false && (quote === '' || !text.includes(quote))) ||
        countChar(text, lineChar, 0, res.meta.cursor) + (last ? 1 : 0) === rows.length);
    if (oneLineEach) {
      for (let k = 0; k < rows.length; k++) take(rows[k] as string[], lineAt + k);
      lineAt += rows.length;
      return res.meta.cursor;
    }
    // Otherwise parse again in step mode, whose per-row positions give each record's first line.
    let end = 0; // where the previous row ended
    let counted = 0; // lines are counted up to here
    let line = lineAt;
    const lineAtPos = (pos: number): number => {
      line += countChar(text, lineChar, counted, pos);
      counted = pos;
      return line;
    };
    /** The line of the record that starts at `start`, after any comment lines there. */
    const lineOf = (start: number): number => {
      if (comment !== false) {
        while (text.startsWith(comment, start)) {
          const nl = text.indexOf(newline, start);
          if (nl < 0) break;
          start = nl + newline.length;
        }
      }
      return lineAtPos(start);
    };
    const step = (r: PapaResult): void => {
      const at = lineOf(end);
      end = r.meta.cursor;
      const err = r.errors[0];
      if (err !== undefined) throw fail(at, err.message, err.code);
      take(r.data[0] as string[], at);
    };
    const stepped = new Papa.Parser({ ...settings, newline, step }).parse(text, 0, !last) as PapaResult;
    const err = stepped.errors[0]; // in the unfinished last record, e.g. a stray quote
    if (err !== undefined) throw fail(lineOf(stepped.meta.cursor), err.message, err.code);
    lineAt = lineAtPos(stepped.meta.cursor); // the carried text may start with comment lines
    return stepped.meta.cursor;
  };

  const decide = (nl: Newline): void => {
    newline = nl;
    lineChar = nl === '\r' ? '\r' : '\n';
    decided = true;
  };
  let first = true;
  for await (const chunk of lineChunks(slice, { chunkSize: 64 << 10, ...chunkOptions })) {
    let text = chunk.buf.toString('utf8');
    if (first && slice.start === 0) text = stripBom(text);
    first = false;
    pending = pending === '' ? text : pending + text;
    if (pending.length < waitFor) continue;
    if (!decided) {
      const nl = detectNewline(pending, quote, comment);
      if (nl !== null) decide(nl);
    }
    // Parse what is complete; until the line break is known (only comment lines or an open quote so far) wait.
    const used = decided ? parse(pending, false) : 0;
    pending = used >= pending.length ? '' : pending.slice(used);
    if (pending.length > maxRecord) {
      throw fail(
        lineAt,
        `a record is still open after ${maxRecord} characters (is a closing quote missing?)`,
        'Quotes',
      );
    }
    waitFor = 2 * pending.length;
    if (out.length > 0) {
      yield out;
      out = [];
    }
  }
  if (pending !== '') {
    if (!decided) decide(detectNewline(pending, quote, comment) ?? lastResortNewline(pending));
    parse(pending, true);
  }
  if (out.length > 0) yield out;
}

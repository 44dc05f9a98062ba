/**
 * Layer 8, data: `Dataset` (lazy, re-iterable async streams of examples or batches), streaming readers and
 * writers for CSV/TSV, LIBSVM, JSONL, Parquet and Arrow IPC, built-in data sets and generators.
 */
export * from './Batch.js';
export { Dataset, type BatchOf, type ExampleOf, type ShuffleOptions, concatenate, interleave } from './Dataset.js';
export type { Source, SourceFactory } from './ops/source.js';
export type { BatchOptions } from './ops/batchExamples.js';
export type { WorkerMapSpec } from './ops/mapInWorkers.js';
export { fromArrays, type RowMajorData, type TargetArray } from './fromArrays.js';
export { fromGenerator } from './fromGenerator.js';
export { fromTensors } from './fromTensors.js';
export { batchesOf } from './batchesOf.js';
export type { ShardSpec } from './io/ShardSpec.js';
export type { PathInput } from './io/expandPaths.js';
export { planTextSlices, type TextSlice } from './io/planTextSlices.js';
export { type ColumnRef, type ColumnSelection } from './readers/selectColumns.js';
export { DEFAULT_NA_VALUES, type MissingPolicy } from './readers/missingValues.js';
export { readCsv, type CsvFormatOptions, type CsvOptions } from './readers/readCsv.js';
export { readCsvRecords, type CsvRecord, type CsvRecordOptions } from './readers/readCsvRecords.js';
export { readLibsvm, scanFeatureCount, type LibsvmOptions } from './readers/readLibsvm.js';
export { readJsonl, readJsonlRecords, type JsonlOptions, type JsonlRecordOptions } from './readers/readJsonl.js';
export { readParquet, planRowGroups, type RowGroupRef } from './readers/readParquet.js';
export type { ParquetOptions } from './readers/ParquetOptions.js';
export { readArrow, type ArrowOptions } from './readers/readArrow.js';
export { writeCsv, type WriteCsvOptions } from './writers/writeCsv.js';
export { writeLibsvm, type WriteLibsvmOptions } from './writers/writeLibsvm.js';
export { writeJsonl, type WriteJsonlOptions } from './writers/writeJsonl.js';
export { writeParquet, type WriteParquetOptions } from './writers/writeParquet.js';
export { writeArrow, type WriteArrowOptions } from './writers/writeArrow.js';
export { formatFloat32 } from './writers/formatFloat.js';
export type { GeneratedData } from './datasets/GeneratedData.js';
export { makeClassification, type ClassificationOptions } from './datasets/makeClassification.js';
export { makeRegression, type MakeRegressionOptions } from './datasets/makeRegression.js';
export { makeBlobs, type BlobsOptions } from './datasets/makeBlobs.js';
export { makeMoons, type MoonsOptions } from './datasets/makeMoons.js';
export { makeCircles, type CirclesOptions } from './datasets/makeCircles.js';
export { syntheticBatches, type SyntheticOptions } from './datasets/syntheticBatches.js';
export { loadMnist, MNIST_PIXELS, type MnistOptions } from './datasets/loadMnist.js';
export { loadSpamAssassin, spamAssassinDataset, type SpamMessage } from './datasets/loadSpamAssassin.js';
export {
  BUILTIN_DATASETS,
  builtinDataset,
  type BuiltinDataset,
  type BuiltinLoadOptions,
} from './datasets/builtinDatasets.js';
export { hashTokens, fnv1a, type HashTokensOptions } from './text/hashTokens.js';
export { inspectFile, type InspectOptions, type InspectReport } from './inspect/inspectFile.js';
export { type ColumnSummary } from './inspect/ColumnStats.js';
export { detectFormat, type DataFormat } from './inspect/detectFormat.js';
export { writeDataFile, FORMAT_EXTENSION, type WriteFormat } from './writers/writeDataFile.js';

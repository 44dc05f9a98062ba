/** How readers treat a missing feature value: keep NaN, fail, or fill with a number. */
export type MissingPolicy = 'nan' | 'error' | number;

/** The strings text readers treat as missing by default (besides the empty string). */
export const DEFAULT_NA_VALUES: readonly string[] = ['NA', 'N/A', 'NaN', 'nan', 'null', 'NULL', 'None', '?'];

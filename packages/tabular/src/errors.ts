/**
 * One error type for everything wrong with tabular input. `code` is stable
 * and machine-readable; `message` says what is wrong and how to fix it;
 * `details` carries the specifics (row, column, value, byte offset...), so
 * the HTTP layer and the job engine can report them without parsing text.
 */

/** Every reason tabular input can be refused. */
export const tabularErrorCodes = [
  /** The input has no bytes, or only whitespace / blank lines. */
  'empty_input',
  /** CSV: the header row is missing, blank, or has an empty column name. */
  'missing_header',
  /** CSV: two header cells have the same name. */
  'duplicate_column',
  /** A requested column is not in the input (`details.available` lists those that are). */
  'unknown_column',
  /** CSV: a row has more or fewer cells than the header. */
  'ragged_row',
  /** CSV: a quote inside an unquoted cell, text after a closing quote, or an unclosed quote. */
  'bad_quoting',
  /** Chunked CSV: a quoted cell holds a line break, which byte-range chunks cannot split safely. */
  'quoted_newline',
  /** The bytes are not valid UTF-8. */
  'invalid_utf8',
  /** The gzip stream is corrupt or truncated. */
  'invalid_gzip',
  /** JSON Lines: a line is not valid JSON. */
  'malformed_json',
  /** JSON Lines: a line is valid JSON but not an object (an array, a number, a string...). */
  'not_an_object',
  /** A cell that must be a finite number is not one (text, Infinity, a JSON string or boolean). */
  'not_a_number',
  /** A numeric cell is missing (empty, NaN, NA, null...) under nan_policy 'raise'. */
  'missing_value',
  /** A categorical cell (group label) is empty or not a string/number. */
  'bad_label',
  /** The input is over a stated limit (bytes, rows, groups). */
  'too_large',
  /** The options given to a function of this package are wrong (a bug of the caller). */
  'invalid_options',
] as const;

export type TabularErrorCode = (typeof tabularErrorCodes)[number];

/** Where in the input an error was found. Every field is optional: set what is known. */
export interface TabularErrorDetails {
  /**
   * 1-based data row number, the header excluded (the first row under the
   * header is row 1). In a chunk (readChunk) it counts from the chunk's
   * first row: add the rows before `byteOffset` (countRowsBefore) for the
   * row in the whole object.
   */
  row?: number;
  /** 1-based physical line of the input (the header is line 1 in CSV). Chunk-local like `row`. */
  line?: number;
  /** Byte offset, in the whole object, of the start of the offending row. */
  byteOffset?: number;
  /** The column name. */
  column?: string;
  /** The offending cell text (truncated to 60 characters). */
  value?: string;
  /** For unknown_column: every column the input has. */
  available?: string[];
  /** For ragged_row: cells expected (header width) and found. */
  expected?: number;
  found?: number;
  /** For too_large: the limit that was passed. */
  limit?: number;
}

export class TabularError extends Error {
  override readonly name = 'TabularError';
  readonly code: TabularErrorCode;
  readonly details: TabularErrorDetails;

  constructor(
    code: TabularErrorCode,
    message: string,
    details: TabularErrorDetails = {},
    options: { cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.code = code;
    this.details = details;
  }

  toJSON(): { code: TabularErrorCode; message: string; details: TabularErrorDetails } {
    return { code: this.code, message: this.message, details: this.details };
  }
}

export const isTabularError = (err: unknown): err is TabularError =>
  err instanceof TabularError || (err instanceof Error && err.name === 'TabularError');

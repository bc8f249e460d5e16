/**
 * Cell text to number, exactly as JSON.parse reads a number.
 */

/**
 * Cells read as a missing value (NaN, subject to nan_policy) in a numeric
 * column: the empty cell and pandas' common default na_values. Compared
 * after trimming spaces and tabs. In JSON Lines, `null` and an absent key
 * are missing values too.
 */
export const MISSING_MARKERS: readonly string[] = [
  '',
  'NaN',
  'nan',
  'NAN',
  '-NaN',
  '-nan',
  'NA',
  'N/A',
  'n/a',
  '#N/A',
  'null',
  'NULL',
  'None',
];

/**
 * The number a cell holds: the double nearest its decimal (the value
 * JSON.parse gives for the same digits), NaN for a missing marker, or
 * undefined when the cell is not a number (text, `Infinity`, `0x10`, `1,5`,
 * or a decimal too large for a double).
 * @example parseCell(' 2.50 ') // 2.5
 * @example parseCell('NA') // NaN
 * @example parseCell('abc') // undefined
 */
export function parseCell(text: string): number | undefined {
  void text;
  throw new Error('parseCell: not implemented yet');
}

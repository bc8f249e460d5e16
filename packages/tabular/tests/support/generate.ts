/**
 * fast-check generators of CSV inputs: numbers written every way the
 * grammar allows, missing markers, labels with commas, quotes, line breaks
 * and non-ASCII text, random quoting, LF or CRLF.
 */
import fc from 'fast-check';
import type { ColumnKind } from '../../src/index';

export const numberText = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
  fc.integer({ min: -1e6, max: 1e6 }).map((n) => (n / 100).toFixed(2)),
  fc
    .tuple(
      fc.stringMatching(/^-?\d{1,20}$/),
      fc.stringMatching(/^\d{0,20}$/),
      fc.integer({ min: -30, max: 30 }),
    )
    .map(([i, f, e]) => `${i}.${f}e${e}`),
  fc.constantFrom('.5', '5.', '+3', '-0', '1e400', '0x10', 'Infinity', '1,5', 'abc', ' 7 ', '\t8'),
);

export const missingText = fc.constantFrom('', 'NaN', 'NA', 'null', ' ', 'N/A');

export const labelText = fc.oneof(
  fc.stringMatching(/^[a-z]{1,6}$/),
  fc.string({
    unit: fc.constantFrom('a', 'b', ',', '"', '\n', '\r\n', ' ', 'é', '😀', 'x'),
    maxLength: 6,
  }),
);

export interface GeneratedCsv {
  text: string;
  kinds: Record<string, ColumnKind>;
  /** A quoted cell holds a line break somewhere. */
  quotedNewline: boolean;
}

function quote(cell: string, force: boolean): { text: string; quoted: boolean } {
  const needs = /[,\n\r]/.test(cell) || cell.startsWith('"');
  if (!needs && !force) return { text: cell, quoted: false };
  return { text: `"${cell.replaceAll('"', '""')}"`, quoted: true };
}

export const csvInput = (
  options: { allowNewlines?: boolean; minRows?: number; maxRows?: number; numeric?: boolean } = {},
) =>
  fc
    .integer({ min: 1, max: 5 })
    .chain((width) =>
      fc.record({
        width: fc.constant(width),
        kinds: fc.array(
          options.numeric
            ? fc.constantFrom<ColumnKind | 'skip'>('number', 'number', 'skip')
            : fc.constantFrom<ColumnKind | 'skip'>('number', 'string', 'skip'),
          {
            minLength: width,
            maxLength: width,
          },
        ),
        rows: fc.array(
          fc.array(
            options.numeric
              ? fc.oneof({ weight: 40, arbitrary: numberText }, missingText, labelText)
              : fc.oneof({ weight: 6, arbitrary: numberText }, missingText, labelText),
            {
              minLength: width,
              maxLength: width,
            },
          ),
          { minLength: options.minRows ?? 0, maxLength: options.maxRows ?? 25 },
        ),
        forceQuote: fc.array(fc.boolean(), { minLength: 200, maxLength: 200 }),
        crlf: fc.boolean(),
        trailingNewline: fc.boolean(),
      }),
    )
    .map(({ width, kinds, rows, forceQuote, crlf, trailingNewline }): GeneratedCsv => {
      const eol = crlf ? '\r\n' : '\n';
      const names = Array.from({ length: width }, (_, i) => (i === 1 ? 'b,"2"' : `c${i}`));
      let q = 0;
      let quotedNewline = false;
      const line = (cells: string[]) =>
        cells
          .map((c) => {
            const cell = options.allowNewlines === false ? c.replace(/[\r\n]/g, '') : c;
            const out = quote(cell, forceQuote[q++ % forceQuote.length]!);
            if (out.quoted && /[\r\n]/.test(cell)) quotedNewline = true;
            return out.text;
          })
          .join(',');
      const lines = [line(names), ...rows.map(line)];
      const text = lines.join(eol) + (trailingNewline ? eol : '');
      const wanted: Record<string, ColumnKind> = {};
      kinds.forEach((k, i) => {
        if (k !== 'skip') wanted[names[i]!] = k;
      });
      return { text, kinds: wanted, quotedNewline };
    });

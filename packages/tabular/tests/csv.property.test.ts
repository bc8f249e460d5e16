/**
 * The fast reader against the reference reader (tests/support/reference.ts)
 * on random CSV: same numbers (bit for bit), same labels, same row counts,
 * or the same error at the same row, under every nan_policy; and the same
 * again when the bytes arrive in random pieces (readTable) or are read as
 * random byte-range chunks (readChunk).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type NanPolicy,
  parseTable,
  planChunks,
  readChunk,
  readHeader,
  readTable,
} from '../src/index';
import {
  expectedCsv,
  type Outcome,
  outcomeOf,
  sameOutcome,
  tableOutcome,
} from './support/expected';
import { csvInput } from './support/generate';

const policy = fc.constantFrom<NanPolicy>('raise', 'omit', 'propagate');
const encoder = new TextEncoder();

async function* pieces(bytes: Uint8Array, cuts: number[]): AsyncGenerator<Uint8Array> {
  let at = 0;
  for (const c of [...cuts].sort((a, b) => a - b)) {
    const to = Math.min(bytes.length, c);
    if (to > at) {
      yield bytes.subarray(at, to);
      at = to;
    }
  }
  if (at < bytes.length) yield bytes.subarray(at);
}

async function outcomeAsync(run: () => Promise<Outcome>): Promise<Outcome> {
  try {
    return await run();
  } catch (err) {
    const e = err as { code?: string; details?: { row?: number } };
    if (e.code === undefined) throw err;
    return {
      ok: false,
      code: e.code,
      ...(e.details?.row === undefined ? {} : { row: e.details.row }),
    };
  }
}

describe('parseTable (CSV) against the reference reader', () => {
  it('agrees on random inputs under every nan_policy', () => {
    fc.assert(
      fc.property(csvInput(), policy, (input, nanPolicy) => {
        const options = { format: 'csv' as const, columns: input.kinds, nanPolicy };
        const want = expectedCsv(input.text, options);
        const got = outcomeOf(() => parseTable(input.text, options));
        expect(sameOutcome(got, want), JSON.stringify({ got, want })).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('agrees on numeric tables (the fast lane), where odd cells are rare', () => {
    fc.assert(
      fc.property(csvInput({ numeric: true, maxRows: 60 }), policy, (input, nanPolicy) => {
        const options = { format: 'csv' as const, columns: input.kinds, nanPolicy };
        const want = expectedCsv(input.text, options);
        const got = outcomeOf(() => parseTable(input.text, options));
        expect(sameOutcome(got, want), JSON.stringify({ got, want })).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('gives the same outcome when the bytes arrive in random pieces', async () => {
    await fc.assert(
      fc.asyncProperty(
        csvInput(),
        policy,
        fc.array(fc.nat({ max: 2000 }), { maxLength: 12 }),
        async (input, nanPolicy, cuts) => {
          const options = { format: 'csv' as const, columns: input.kinds, nanPolicy };
          const whole = outcomeOf(() => parseTable(input.text, options));
          const bytes = encoder.encode(input.text);
          const streamed = await outcomeAsync(async () =>
            tableOutcome(await readTable(pieces(bytes, cuts), options)),
          );
          expect(streamed).toEqual(whole);
        },
      ),
      { numRuns: 1500 },
    );
  });
});

describe('readChunk: every row read by exactly one chunk', () => {
  it('the chunks of any size, concatenated, are the whole read', async () => {
    await fc.assert(
      fc.asyncProperty(
        csvInput({ allowNewlines: false, minRows: 1 }),
        fc.integer({ min: 1, max: 120 }),
        fc.integer({ min: 1, max: 50 }),
        async (input, chunkSize, pieceSize) => {
          const options = {
            format: 'csv' as const,
            columns: input.kinds,
            nanPolicy: 'propagate' as const,
          };
          const bytes = encoder.encode(input.text);
          const whole = outcomeOf(() => parseTable(bytes, options));
          if (!whole.ok) return; // errors are covered by the chunk error tests
          const header = await readHeader(bytes, 'csv');
          const parts: Outcome[] = [];
          for (const range of planChunks(bytes.length, chunkSize)) {
            const from = range.start === 0 ? 0 : range.start - 1;
            const cuts = [];
            for (let c = from + pieceSize; c < bytes.length; c += pieceSize) cuts.push(c - from);
            const t = await readChunk(range, pieces(bytes.subarray(from), cuts), {
              ...options,
              header,
              objectSize: bytes.length,
            });
            parts.push(tableOutcome(t));
          }
          const merged: Outcome = { ok: true, numbers: {}, strings: {}, rowsRead: 0, omitted: 0 };
          for (const p of parts) {
            if (!p.ok || !merged.ok) throw new Error('unreachable');
            for (const [k, v] of Object.entries(p.numbers))
              merged.numbers[k] = [...(merged.numbers[k] ?? []), ...v];
            for (const [k, v] of Object.entries(p.strings))
              merged.strings[k] = [...(merged.strings[k] ?? []), ...v];
            merged.rowsRead += p.rowsRead;
            merged.omitted += p.omitted;
          }
          expect(sameOutcome(merged, whole), JSON.stringify({ merged, whole })).toBe(true);
        },
      ),
      { numRuns: 800 },
    );
  });
});

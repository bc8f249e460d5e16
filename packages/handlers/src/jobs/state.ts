/**
 * A worker's chunk state. A statistic whose state is exact sums of paired
 * numeric columns (PartialForm.blocks) is built block by block as the rows
 * are read: each block of BLOCK_ROWS rows becomes a state at once and is
 * merged into the chunk's, so no column of the whole chunk is ever held
 * (tens of MB a chunk that the reader would allocate, fill and the
 * collector free again) and each block is summed while it is still in the
 * cache. The merge of exact sums is exact: the state is the one a single
 * partial over the whole chunk gives, byte for byte (describe's M3 and M4
 * aside: Pebay's merge of the blocks', partials.ts). Under nan_policy
 * "propagate" a NaN state keeps only its count, which would depend on the
 * blocks, so such chunks are read whole.
 */
import { withDecimalPlaces } from '@lambda-stats/stats-core/partial';
import { JobInputError } from './errors';
import { type PartialForm, partialForms } from './partials';
import { type ByteSource, type ChunkColumns, readItem } from './read';

/** Rows per block: a block's columns and places (about 1.1 MB) stay in a core's cache. */
export const BLOCK_ROWS = 65536;

type Item = Parameters<typeof readItem>[0] & { options?: Record<string, unknown> };
type Values = Parameters<PartialForm['partial']>[0];

/** The chunk's rows read and its partial state (`form` is the item's statistic's). */
export async function readState(
  item: Item,
  source: ByteSource,
  form: PartialForm = partialForms[item.statistic]!,
  blockRows = BLOCK_ROWS,
): Promise<{ read: ChunkColumns; state: unknown }> {
  const options = item.options ?? {};
  const partial = (values: Values) => {
    try {
      return form.partial(values, options);
    } catch (error) {
      if (error instanceof Error && error.name === 'StatsInputError') {
        throw new JobInputError('unprocessable_input', error.message, { chunk: item.index ?? 0 });
      }
      throw error;
    }
  };
  const byBlocks =
    form.blocks === true &&
    item.nan_policy !== 'propagate' &&
    item.needs.every((need) => need.kind === 'number');
  if (!byBlocks) {
    const read = await readItem(item, source);
    return { read, state: partial(read.values) };
  }
  let state: unknown;
  const read = await readItem(item, source, {
    rows: blockRows,
    take(columns, places) {
      const values = columns.map((c, k) => (places ? withDecimalPlaces(c, places[k]!) : c));
      const block = partial(values);
      state = state === undefined ? block : form.merge(state, block);
    },
  });
  return {
    read,
    state: state ?? partial(item.needs.map(() => new Float64Array(0))),
  };
}

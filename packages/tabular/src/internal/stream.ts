/**
 * Streams of bytes: gzip detection on the first bytes and streaming
 * inflation (node:zlib), with zlib's errors turned into TabularErrors.
 */
import { invalidGzip, isGzip } from '../gzip';

/** Re-yields `first` then the rest of `it`. */
async function* prepend(
  first: Uint8Array[],
  it: AsyncIterator<Uint8Array>,
): AsyncGenerator<Uint8Array> {
  try {
    for (const f of first) yield f;
    for (;;) {
      const r = await it.next();
      if (r.done) return;
      yield toBytes(r.value);
    }
  } finally {
    await it.return?.();
  }
}

/**
 * node:zlib and node:stream are loaded on the first gzip input only (about
 * 2 ms of CPU to load), not when this module loads.
 */
async function* inflate(source: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  const gunzip = process.getBuiltinModule('node:zlib').createGunzip();
  const input = process
    .getBuiltinModule('node:stream')
    .Readable.from(source, { objectMode: false });
  input.on('error', (err) => gunzip.destroy(err));
  input.pipe(gunzip);
  try {
    for await (const piece of gunzip) yield piece as Uint8Array;
  } catch (cause) {
    if (cause instanceof Error && 'code' in cause && String(cause.code).startsWith('Z_')) {
      throw invalidGzip(cause);
    }
    throw cause;
  } finally {
    input.destroy();
    gunzip.destroy();
  }
}

/** The bytes of `source`, inflated when they start with gzip's magic number. */
export async function inflateIfGzip(
  source: AsyncIterable<Uint8Array>,
): Promise<AsyncIterable<Uint8Array>> {
  const { gzip, stream } = await sniffGzip(source);
  return gzip ? inflate(stream) : stream;
}

/** Looks at the first two bytes without losing them. */
export async function sniffGzip(
  source: AsyncIterable<Uint8Array>,
): Promise<{ gzip: boolean; stream: AsyncIterable<Uint8Array> }> {
  const it = source[Symbol.asyncIterator]();
  const first: Uint8Array[] = [];
  let have = 0;
  while (have < 2) {
    const r = await it.next();
    if (r.done) break;
    const piece = toBytes(r.value);
    first.push(piece);
    have += piece.length;
  }
  const head = new Uint8Array(Math.min(have, 2));
  let k = 0;
  for (const f of first) for (let i = 0; i < f.length && k < head.length; i++) head[k++] = f[i]!;
  return { gzip: isGzip(head), stream: prepend(first, it) };
}

/** Node streams may yield strings when an encoding is set; bytes are expected. */
function toBytes(piece: unknown): Uint8Array {
  if (piece instanceof Uint8Array) return piece;
  if (typeof piece === 'string') return Buffer.from(piece, 'utf8');
  throw new TypeError('tabular: a source must yield Uint8Array pieces');
}

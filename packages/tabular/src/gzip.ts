import { TabularError } from './errors';

/** True when the bytes begin with gzip's magic number (1f 8b). */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

export function invalidGzip(cause: unknown): TabularError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new TabularError(
    'invalid_gzip',
    `The input starts like gzip but does not inflate (${reason}): send the whole .gz file, or the plain text`,
    {},
    { cause },
  );
}

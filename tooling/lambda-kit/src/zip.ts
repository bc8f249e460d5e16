/**
 * Zips, both ways. Writing (yazl): reproducible zips whose bytes depend only
 * on their entries, for the layer and handler builds and the test fixtures.
 * Reading (yauzl): function code and layers unpacked as Lambda unpacks
 * them; every entry's path is checked before anything is written: an
 * absolute path, a `..` segment or a backslash that would land outside the
 * target folder (zip-slip) is refused.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import yauzl from 'yauzl';
import yazl from 'yazl';

export interface ZipEntry {
  /** Path inside the zip, forward slashes, no leading slash. */
  readonly path: string;
  readonly data: Buffer;
}

/**
 * One fixed timestamp for every entry. DOS zip times are local wall-clock
 * fields and yazl fills them from the Date's local getters, so the Date is
 * built from local fields: every TZ writes the same bytes. The Info-ZIP UTC
 * field is switched off (forceDosTimestamp) because it would differ by TZ.
 */
const FIXED_MTIME = new Date(2000, 0, 1, 0, 0, 0);
/** Regular file, rw-r--r--: Lambda only needs to read the code. */
const FILE_MODE = 0o100644;

/** A zip whose bytes depend only on the entries: sorted, fixed times and modes, no directories. */
export async function buildZip(entries: readonly ZipEntry[]): Promise<Buffer> {
  const sorted = [...entries].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const [i, e] of sorted.entries()) {
    if (e.path.startsWith('/') || e.path.includes('\\') || e.path.split('/').includes('..')) {
      throw new Error(`zip entry path must be relative with forward slashes: ${e.path}`);
    }
    if (i > 0 && sorted[i - 1]!.path === e.path) throw new Error(`duplicate zip entry ${e.path}`);
  }
  const zip = new yazl.ZipFile();
  for (const e of sorted) {
    zip.addBuffer(e.data, e.path, {
      mtime: FIXED_MTIME,
      mode: FILE_MODE,
      compressionLevel: 9,
      forceDosTimestamp: true,
    });
  }
  zip.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c));
    zip.outputStream.on('error', reject);
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
  });
}

export interface ZipEntryInfo {
  /** Path inside the zip, as stored (forward slashes; directories end in `/`). */
  readonly name: string;
  readonly uncompressedSize: number;
  /** Unix permission bits from the entry's external attributes (0 when none were stored). */
  readonly mode: number;
}

export class ZipSlipError extends Error {
  override name = 'ZipSlipError';
}

/** The absolute target of `entryName` below `root`, or a ZipSlipError. */
export function safeTarget(root: string, entryName: string): string {
  const resolvedRoot = path.resolve(root);
  const target = path.resolve(resolvedRoot, entryName);
  if (
    entryName.includes('\\') ||
    path.isAbsolute(entryName) ||
    (target !== resolvedRoot && !target.startsWith(resolvedRoot + path.sep))
  ) {
    throw new ZipSlipError(
      `zip entry ${JSON.stringify(entryName)} would be written outside ${root}`,
    );
  }
  return target;
}

function open(zip: Buffer | string): Promise<yauzl.ZipFile> {
  // validateEntrySizes is on by default; decodeStrings gives UTF-8 names.
  const options = { lazyEntries: true, decodeStrings: true };
  return new Promise((resolve, reject) => {
    const done = (err: Error | null, z?: yauzl.ZipFile) => (err || !z ? reject(err) : resolve(z));
    if (typeof zip === 'string') yauzl.open(zip, options, done);
    else yauzl.fromBuffer(zip, options, done);
  });
}

/**
 * Walks a zip's entries in order; `onEntry` may read the entry's bytes
 * with the `read` function it is given.
 */
async function walk(
  zip: Buffer | string,
  onEntry: (entry: ZipEntryInfo, read: () => Promise<Buffer>) => Promise<void>,
): Promise<void> {
  const archive = await open(zip);
  await new Promise<void>((resolve, reject) => {
    const fail = (error: unknown) => {
      archive.close();
      reject(error);
    };
    archive.on('error', fail);
    archive.on('end', () => resolve());
    archive.on('entry', (entry: yauzl.Entry) => {
      const info: ZipEntryInfo = {
        name: entry.fileName,
        uncompressedSize: entry.uncompressedSize,
        mode: (entry.externalFileAttributes >>> 16) & 0o777,
      };
      const read = () =>
        new Promise<Buffer>((res, rej) =>
          archive.openReadStream(entry, (err, stream) => {
            if (err) return rej(err);
            const chunks: Buffer[] = [];
            stream.on('data', (c: Buffer) => chunks.push(c));
            stream.on('end', () => res(Buffer.concat(chunks)));
            stream.on('error', rej);
          }),
        );
      onEntry(info, read).then(() => archive.readEntry(), fail);
    });
    archive.readEntry();
  });
}

/** The entries of a zip (a path or the bytes), in stored order, without reading their data. */
export async function listZip(zip: Buffer | string): Promise<ZipEntryInfo[]> {
  const entries: ZipEntryInfo[] = [];
  await walk(zip, async (entry) => {
    entries.push(entry);
  });
  return entries;
}

/** Sum of the uncompressed sizes of a zip's entries (what Lambda unpacks). */
export async function zipUnzippedSize(zip: Buffer | string): Promise<number> {
  return (await listZip(zip)).reduce((sum, e) => sum + e.uncompressedSize, 0);
}

/**
 * Unpacks a zip (a path or the bytes) into `dir`, as Lambda unpacks function
 * code and layers: folders created, Unix modes kept (rw-r--r-- when none
 * were stored), no entry written outside `dir`. Returns the number of files.
 */
export async function extractZip(zip: Buffer | string, dir: string): Promise<number> {
  let files = 0;
  await walk(zip, async (entry, read) => {
    const target = safeTarget(dir, entry.name);
    if (entry.name.endsWith('/')) {
      await mkdir(target, { recursive: true });
      return;
    }
    const data = await read();
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, data, { mode: entry.mode || 0o644 });
    files += 1;
  });
  return files;
}

/** Zip reading: what Lambda unpacks, and nothing outside the target folder. */
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractZip, listZip, safeTarget, ZipSlipError, zipUnzippedSize } from '../src/zip';
import { tempDir, zipOf } from './support';

const base = tempDir('lambda-kit-zip-');

/**
 * yazl refuses `..` and absolute names, so the hostile entry is made by
 * overwriting a same-length harmless name in a built zip (local header and
 * central directory both carry it; the CRC covers the data, not the name).
 */
async function zipWithName(name: string): Promise<Buffer> {
  const placeholder = 'x'.repeat(name.length);
  const zip = await zipOf({ [placeholder]: 'escaped' });
  return Buffer.from(zip.toString('latin1').replaceAll(placeholder, name), 'latin1');
}

describe('extractZip', () => {
  it('writes files and folders with their modes, from bytes or from a path', async () => {
    const zip = await zipOf(
      { 'nodejs/node_modules/a/index.js': 'module.exports = 1;\n', 'empty/': '' },
      0o100755,
    );
    const fromBytes = path.join(base, 'bytes');
    expect(await extractZip(zip, fromBytes)).toBe(1);
    expect(readFileSync(path.join(fromBytes, 'nodejs/node_modules/a/index.js'), 'utf8')).toBe(
      'module.exports = 1;\n',
    );
    expect(statSync(path.join(fromBytes, 'nodejs/node_modules/a/index.js')).mode & 0o777).toBe(
      0o755,
    );
    expect(statSync(path.join(fromBytes, 'empty')).isDirectory()).toBe(true);
    const file = path.join(base, 'a.zip');
    writeFileSync(file, zip);
    const fromPath = path.join(base, 'path');
    expect(await extractZip(file, fromPath)).toBe(1);
    expect(existsSync(path.join(fromPath, 'nodejs/node_modules/a/index.js'))).toBe(true);
  });

  it.each(['../evil.txt', '/tmp/evil.txt', 'a/../../evil.txt', 'a\\..\\..\\evil.txt'])(
    'refuses the zip-slip entry %s and writes nothing outside the folder',
    async (name) => {
      const target = path.join(base, `slip-${name.length}`);
      // yauzl refuses these names itself; safeTarget is the second guard (below)
      await expect(extractZip(await zipWithName(name), target)).rejects.toThrow(
        /invalid relative path|absolute path|invalid characters|outside/,
      );
      expect(existsSync(path.join(base, 'evil.txt'))).toBe(false);
      expect(existsSync('/tmp/evil.txt')).toBe(false);
      expect(() => safeTarget(target, name)).toThrow(ZipSlipError);
    },
  );

  it('rejects bytes that are not a zip with yauzl’s own message', async () => {
    await expect(extractZip(Buffer.from('not a zip'), path.join(base, 'bad'))).rejects.toThrow(
      /End of central directory record signature not found/,
    );
  });
});

describe('listZip and zipUnzippedSize', () => {
  it('list names in stored order and sum the uncompressed sizes', async () => {
    const zip = await zipOf({ 'b.txt': 'bb', 'a.txt': 'aaaa' });
    expect((await listZip(zip)).map((e) => e.name)).toEqual(['b.txt', 'a.txt']);
    expect(await zipUnzippedSize(zip)).toBe(6);
  });
});

describe('safeTarget', () => {
  it('keeps a path that only wanders inside the folder', () => {
    expect(safeTarget('/x/root', 'a/../b.js')).toBe('/x/root/b.js');
  });
});

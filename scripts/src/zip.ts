import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import yauzl from 'yauzl';

/**
 * Unpacks a zip held in memory into `dir`, as Lambda unpacks function code
 * and layers: directories created, Unix modes kept, no entry may escape `dir`.
 */
export async function extractZip(zip: Buffer, dir: string): Promise<number> {
  const archive = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(zip, { lazyEntries: true, decodeStrings: true }, (err, z) =>
      err ? reject(err) : resolve(z),
    ),
  );
  const root = path.resolve(dir);
  let files = 0;
  await new Promise<void>((resolve, reject) => {
    archive.on('error', reject);
    archive.on('end', () => resolve());
    archive.on('entry', (entry: yauzl.Entry) => {
      const target = path.resolve(root, entry.fileName);
      if (target !== root && !target.startsWith(root + path.sep)) {
        reject(new Error(`zip entry ${entry.fileName} would be written outside ${dir}`));
        return;
      }
      if (entry.fileName.endsWith('/')) {
        mkdir(target, { recursive: true }).then(() => archive.readEntry(), reject);
        return;
      }
      archive.openReadStream(entry, async (err, stream) => {
        if (err) return reject(err);
        try {
          const chunks: Buffer[] = [];
          for await (const chunk of stream) chunks.push(chunk as Buffer);
          await mkdir(path.dirname(target), { recursive: true });
          const mode = (entry.externalFileAttributes >>> 16) & 0o777;
          await writeFile(target, Buffer.concat(chunks), { mode: mode || 0o644 });
          files += 1;
          archive.readEntry();
        } catch (e) {
          reject(e);
        }
      });
    });
    archive.readEntry();
  });
  return files;
}

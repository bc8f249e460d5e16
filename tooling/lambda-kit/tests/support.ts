import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { ZipFile } from 'yazl';

/** A zip of the given entries, written by yazl (raw names: no path checks on our side). */
export function zipOf(entries: Record<string, string>, mode = 0o100644): Promise<Buffer> {
  const file = new ZipFile();
  for (const [name, text] of Object.entries(entries)) {
    if (name.endsWith('/')) file.addEmptyDirectory(name, { mtime: new Date(2000, 0, 1) });
    else file.addBuffer(Buffer.from(text), name, { mtime: new Date(2000, 0, 1), mode });
  }
  file.end();
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    file.outputStream.on('data', (c: Buffer) => chunks.push(c));
    file.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
    file.outputStream.on('error', reject);
  });
}

/** A temporary folder removed after the file's tests. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

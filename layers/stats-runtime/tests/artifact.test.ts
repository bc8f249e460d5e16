/**
 * The zip writer's reproducibility promises, checked on the bytes: order of
 * entries, timestamps and modes do not depend on the caller or the machine.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildZip, checkLimits, digest, LAMBDA_LIMITS } from '../src/artifact';

const entries = [
  { path: 'b/index.js', data: Buffer.from('module.exports = 2;\n') },
  { path: 'a.js', data: Buffer.from('module.exports = 1;\n') },
];

describe('buildZip', () => {
  it('writes the same bytes whatever the order the entries come in', async () => {
    const one = await buildZip(entries);
    const two = await buildZip([...entries].reverse());
    expect(one.equals(two)).toBe(true);
  });

  it('stores entries sorted, with the fixed 2000-01-01 DOS time and mode 0644', async () => {
    const zip = await buildZip(entries);
    // central directory headers: signature 0x02014b50
    const names: string[] = [];
    for (let i = zip.indexOf(Buffer.from([0x50, 0x4b, 1, 2])); i >= 0; ) {
      const time = zip.readUInt16LE(i + 12);
      const date = zip.readUInt16LE(i + 14);
      const external = zip.readUInt32LE(i + 38);
      const nameLen = zip.readUInt16LE(i + 28);
      const extraLen = zip.readUInt16LE(i + 30);
      names.push(zip.subarray(i + 46, i + 46 + nameLen).toString());
      expect(time).toBe(0);
      expect(date).toBe(((2000 - 1980) << 9) | (1 << 5) | 1);
      expect(external >>> 16).toBe(0o100644);
      expect(extraLen).toBe(0); // no UTC timestamp field, which would depend on TZ
      i = zip.indexOf(Buffer.from([0x50, 0x4b, 1, 2]), i + 46);
    }
    expect(names).toEqual(['a.js', 'b/index.js']);
  });

  it('writes the same bytes under any TZ', () => {
    // the DOS time is computed from local time: run the writer in other zones
    const script = fileURLToPath(new URL('./support/print-zip-sha.ts', import.meta.url));
    const tsx = fileURLToPath(new URL('../node_modules/.bin/tsx', import.meta.url));
    const shas = ['UTC', 'Pacific/Kiritimati', 'America/St_Johns'].map((TZ) => {
      const r = spawnSync(tsx, [script], { env: { ...process.env, TZ }, encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      return r.stdout.trim();
    });
    expect(new Set(shas).size).toBe(1);
    expect(shas[0]).toMatch(/^[0-9a-f]{64}$/);
  }, 300_000); // three fresh tsx processes: over a minute on a loaded 2-core machine

  it('rejects absolute, backslashed, parent or duplicate paths', async () => {
    for (const path of ['/etc/x', 'a\\b', '../x', 'a/../../x']) {
      await expect(buildZip([{ path, data: Buffer.from('') }])).rejects.toThrow(/relative/);
    }
    await expect(buildZip([...entries, entries[0]!])).rejects.toThrow(/duplicate/);
  });
});

describe('digest and limits', () => {
  it('gives hex and base64 of the same sha256', () => {
    // sha256("abc"), FIPS 180-2 appendix B.1
    const d = digest(Buffer.from('abc'));
    expect(d.sha256).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(Buffer.from(d.base64Sha256, 'base64').toString('hex')).toBe(d.sha256);
    expect(d.size).toBe(3);
  });

  it("rejects artifacts over Lambda's 50 MB zipped and 250 MB unzipped limits", () => {
    expect(() => checkLimits('f', LAMBDA_LIMITS.zippedBytes, 1)).not.toThrow();
    expect(() => checkLimits('f', LAMBDA_LIMITS.zippedBytes + 1, 1)).toThrow(/50|52428800/);
    expect(() => checkLimits('f', 1, LAMBDA_LIMITS.unzippedBytes + 1)).toThrow(/unzipped/);
  });
});

/**
 * writeToDescriptor, the logger's default sink: fs.writeSync on fd 1 / 2,
 * and the stream as soon as a synchronous write fails. Its success path runs
 * end to end in lambda-layout.test.ts (the built functions' stdout).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';

const writeSync = vi.hoisted(() => vi.fn());
vi.mock('node:fs', async (original) => ({
  ...(await original<typeof import('node:fs')>()),
  writeSync,
}));

const { writeToDescriptor } = await import('../src/logger');

afterEach(() => vi.restoreAllMocks());

describe('writeToDescriptor', () => {
  it('writes the whole line to the descriptor, looping over partial writes', () => {
    const chunks: string[] = [];
    writeSync.mockImplementation((fd: number, bytes: Buffer, offset: number) => {
      const n = Math.min(4, bytes.length - offset); // a pipe taking 4 bytes at a time
      chunks.push(`${fd}:${bytes.subarray(offset, offset + n).toString()}`);
      return n;
    });
    const stream = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    writeToDescriptor('stderr', '{"a":12345}\n');
    expect(chunks.map((c) => c.slice(2)).join('')).toBe('{"a":12345}\n');
    expect(chunks.every((c) => c.startsWith('2:'))).toBe(true);
    expect(stream).not.toHaveBeenCalled();
  });

  it('sends the rest of a line that hit EAGAIN, and every later line, through the stream', () => {
    writeSync.mockReset();
    writeSync
      .mockImplementationOnce(() => 5)
      .mockImplementation(() => {
        throw Object.assign(new Error('EAGAIN: resource temporarily unavailable'), {
          code: 'EAGAIN',
        });
      });
    const stream = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    writeToDescriptor('stdout', '{"first":true}\n');
    writeToDescriptor('stdout', '{"second":true}\n');
    expect(stream.mock.calls.map((c) => String(c[0]))).toEqual([
      'st":true}\n', // after the 5 bytes '{"fir' that went out
      '{"second":true}\n',
    ]);
    expect(writeSync).toHaveBeenCalledTimes(2); // none after the failure
  });
});

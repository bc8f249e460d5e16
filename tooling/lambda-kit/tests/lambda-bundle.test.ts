import { describe, expect, it } from 'vitest';
import { assertNoAbsolutePath, LAMBDA_BUNDLE_OPTIONS } from '../src/lambda-bundle';

describe('the Lambda bundle options', () => {
  it('target the managed Node.js 22 runtime as one minified CommonJS bundle', () => {
    expect(LAMBDA_BUNDLE_OPTIONS).toMatchObject({
      platform: 'node',
      format: 'cjs',
      target: 'node22',
    });
    expect(LAMBDA_BUNDLE_OPTIONS.bundle && LAMBDA_BUNDLE_OPTIONS.minify).toBe(true);
  });
});

describe('assertNoAbsolutePath', () => {
  it('passes output without the path and names the file when it is there', () => {
    const root = '/home/someone/lambda-stats';
    expect(() => assertNoAbsolutePath('a.js', Buffer.from('require("x")'), root)).not.toThrow();
    expect(() => assertNoAbsolutePath('a.js', Buffer.from(`//# ${root}/src/a.ts`), root)).toThrow(
      'a.js contains the absolute path /home/someone/lambda-stats',
    );
  });
});

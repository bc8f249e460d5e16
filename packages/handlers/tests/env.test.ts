import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_BODY_BYTES, readEnv } from '../src/env';

describe('readEnv', () => {
  it("defaults the body limit to Lambda's 6 MB synchronous payload", () => {
    expect(DEFAULT_MAX_BODY_BYTES).toBe(6_291_456);
    expect(readEnv({}).maxBodyBytes).toBe(DEFAULT_MAX_BODY_BYTES);
    expect(readEnv({ LAMBDA_STATS_MAX_BODY_BYTES: '' }).maxBodyBytes).toBe(DEFAULT_MAX_BODY_BYTES);
  });

  it('takes a positive whole number of bytes', () => {
    expect(readEnv({ LAMBDA_STATS_MAX_BODY_BYTES: '1048576' }).maxBodyBytes).toBe(1_048_576);
  });

  it.each(['0', '-1', '1.5', '1e6', 'lots'])('rejects %s naming the variable', (v) => {
    expect(() => readEnv({ LAMBDA_STATS_MAX_BODY_BYTES: v })).toThrow(
      /LAMBDA_STATS_MAX_BODY_BYTES must be a positive whole number/,
    );
  });
});

/**
 * The JSON logger that replaced Powertools (src/logger.ts): the same fields,
 * the level from the environment, errors with their stack, stderr for errors.
 */
import type { Context } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { JsonLogger, type LogSink } from '../src/logger';

const context = {
  awsRequestId: 'req-1',
  invokedFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:linregress',
  memoryLimitInMB: '1024',
  functionName: 'linregress',
} as Context;

/** A sink that keeps the lines, parsed, per stream (each must be one JSON line). */
function capture() {
  const written = { stdout: [] as string[], stderr: [] as string[] };
  const sink: LogSink = (stream, line) => {
    expect(line.endsWith('\n') && !line.slice(0, -1).includes('\n')).toBe(true);
    written[stream].push(line);
  };
  const lines = (xs: string[]) => xs.map((l) => JSON.parse(l));
  return { sink, stdout: () => lines(written.stdout), stderr: () => lines(written.stderr) };
}

afterEach(() => vi.restoreAllMocks());

describe('JsonLogger', () => {
  it('writes one JSON line with the Powertools fields, the context and the caller fields', () => {
    const io = capture();
    const env = {
      _X_AMZN_TRACE_ID: 'Root=1-5e1b4151-5ac6c58f5a4b4a6d0d3fb7e0;Parent=53995c3f;Sampled=1',
    };
    const log = new JsonLogger({ serviceName: 'lambda-stats', env, sink: io.sink });
    log.addContext(context);
    log.info('request handled', { endpoint: 'linregress', statusCode: 200, level: 'spoofed' });
    log.addContext({ ...context, awsRequestId: 'req-2' });
    log.info('request handled', { statusCode: 200 });
    const [first, second] = io.stdout();
    expect(first).toEqual({
      level: 'INFO',
      message: 'request handled',
      timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      service: 'lambda-stats',
      cold_start: true,
      function_arn: context.invokedFunctionArn,
      function_memory_size: '1024',
      function_name: 'linregress',
      function_request_id: 'req-1',
      xray_trace_id: '1-5e1b4151-5ac6c58f5a4b4a6d0d3fb7e0',
      endpoint: 'linregress',
      statusCode: 200,
    });
    expect(second).toMatchObject({ cold_start: false, function_request_id: 'req-2' });
    expect(io.stderr()).toEqual([]);
  });

  it('logs errors to stderr with name, message and stack', () => {
    const io = capture();
    const log = new JsonLogger({ serviceName: 's', env: {}, sink: io.sink });
    log.error('request failed', { error: new Error('boom', { cause: new TypeError('root') }) });
    const [line] = io.stderr();
    expect(line.level).toBe('ERROR');
    expect(line.error).toMatchObject({
      name: 'Error',
      message: 'boom',
      cause: { name: 'TypeError' },
    });
    expect(line.error.stack).toContain('boom');
    expect(io.stdout()).toEqual([]);
  });

  it.each([
    [{}, true, true],
    [{ POWERTOOLS_LOG_LEVEL: 'error' }, false, true],
    [{ POWERTOOLS_LOG_LEVEL: 'SILENT' }, false, false],
    [{ LOG_LEVEL: 'WARN' }, false, true],
    [{ POWERTOOLS_LOG_LEVEL: 'SILENT', AWS_LAMBDA_LOG_LEVEL: 'INFO' }, true, true],
    [{ POWERTOOLS_LOG_LEVEL: 'nonsense' }, true, true],
  ])('level from %j: info %s, error %s', (env, info, error) => {
    const io = capture();
    const log = new JsonLogger({ serviceName: 's', env, sink: io.sink });
    log.info('i');
    log.error('e');
    expect(io.stdout().length).toBe(info ? 1 : 0);
    expect(io.stderr().length).toBe(error ? 1 : 0);
  });
});

/**
 * What the function adds to the built page at cold start: the stack's
 * analyses (a JSON data block the page reads) and the upload origin in the
 * CSP's connect-src (where presigned PUTs of large files go).
 */
import { describe, expect, it } from 'vitest';
import { readPlaygroundEnv, stackConfig, uploadOrigin } from '../src/env';
import { servedPage } from '../src/handler';

const html =
  '<script type="application/json" id="stack-config">{"analyses":[]}</script><script>x</script>';
const csp = "default-src 'none'; connect-src 'self'; base-uri 'none'";

describe('the page as served', () => {
  it('lists the analyses from LAMBDA_STATS_ANALYSES, dropping malformed names', () => {
    expect(stackConfig({ LAMBDA_STATS_ANALYSES: 'smart-alarms, smart-targets' })).toEqual({
      analyses: ['smart-alarms', 'smart-targets'],
    });
    expect(stackConfig({ LAMBDA_STATS_ANALYSES: 'ok,</script>,' })).toEqual({ analyses: ['ok'] });
    expect(stackConfig({})).toEqual({ analyses: [] });
    const page = servedPage(
      html,
      csp,
      readPlaygroundEnv({ LAMBDA_STATS_ANALYSES: 'smart-alarms' }),
    );
    expect(page.html).toContain('{"analyses":["smart-alarms"]}</script><script>x</script>');
  });

  it('allows the upload origin: the local emulator, or the bucket regional S3 endpoint', () => {
    expect(uploadOrigin({ AWS_ENDPOINT_URL: 'http://127.0.0.1:4566/' })).toBe(
      'http://127.0.0.1:4566',
    );
    expect(
      uploadOrigin({
        LAMBDA_STATS_DATA_BUCKET: 'lambda-stats-dev-data-abc',
        AWS_REGION: 'eu-west-1',
      }),
    ).toBe('https://lambda-stats-dev-data-abc.s3.eu-west-1.amazonaws.com');
    expect(uploadOrigin({ LAMBDA_STATS_DATA_BUCKET: 'x y', AWS_REGION: 'eu-west-1' })).toBe(
      undefined,
    );
    expect(
      servedPage(html, csp, readPlaygroundEnv({ AWS_ENDPOINT_URL: 'http://127.0.0.1:4566' })).csp,
    ).toBe("default-src 'none'; connect-src 'self' http://127.0.0.1:4566; base-uri 'none'");
    expect(servedPage(html, csp, readPlaygroundEnv({})).csp).toBe(csp);
  });
});

/** The variable that points the `local` stack at an AWS emulator (moto). */
export const LOCAL_ENDPOINT_VAR = 'LAMBDA_STATS_AWS_ENDPOINT';

export class LocalEndpointError extends Error {
  override name = 'LocalEndpointError';
}

const LOOPBACK_HOSTS = new Set(['localhost', '[::1]']);

/**
 * Checks that `local` can only ever talk to an emulator on this machine:
 * an http(s) URL whose host is a loopback address. Returns the URL without
 * a trailing slash.
 */
export function parseLoopbackEndpoint(value: string | undefined): string {
  const hint = `set ${LOCAL_ENDPOINT_VAR} to the emulator's loopback URL, e.g. http://127.0.0.1:5000 (start one with \`moto_server -H 127.0.0.1 -p 5000\`)`;
  if (value === undefined || value.trim() === '') {
    throw new LocalEndpointError(`the local stack needs an AWS emulator endpoint: ${hint}`);
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new LocalEndpointError(`${LOCAL_ENDPOINT_VAR}="${value}" is not a URL: ${hint}`);
  }
  const loopback = LOOPBACK_HOSTS.has(url.hostname) || /^127(\.\d{1,3}){3}$/.test(url.hostname);
  if (!(url.protocol === 'http:' || url.protocol === 'https:') || !loopback) {
    throw new LocalEndpointError(
      `${LOCAL_ENDPOINT_VAR}="${value}" is not a loopback http(s) URL; the local stack refuses anything that could reach a real AWS account: ${hint}`,
    );
  }
  if (url.pathname !== '/' || url.search !== '' || url.username !== '') {
    throw new LocalEndpointError(
      `${LOCAL_ENDPOINT_VAR}="${value}" must be scheme://host:port only: ${hint}`,
    );
  }
  return url.origin;
}

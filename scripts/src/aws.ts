import { silenceAwsSdkNodeWarning } from './env';

// The SDK warns on Node 20 about a future major; it is noise for a local tool.
silenceAwsSdkNodeWarning();

/** Client settings for the local emulator: its endpoint, dummy keys, path-style S3. */
export interface EmulatorTarget {
  endpoint: string;
  region: string;
}

export function clientConfig(target: EmulatorTarget) {
  return {
    endpoint: target.endpoint,
    region: target.region,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    forcePathStyle: true,
    maxAttempts: 2,
  };
}

/**
 * Where signing credentials come from: given keys, a function returning
 * them (called before every request, so it can refresh), or `'default'`:
 * the AWS SDK for JavaScript v3's default credential chain (environment,
 * shared config and SSO, web identity, ECS and EC2 metadata), loaded on
 * first use from the optional peer dependency
 * `@aws-sdk/credential-provider-node`. Node only; browsers pass keys or a
 * function (e.g. from Cognito).
 */
import { ClientUsageError } from './errors';

export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string | undefined;
  /** When temporary credentials stop working; refreshed 5 minutes before. */
  expiration?: Date | undefined;
}

export type CredentialProvider = () => Promise<AwsCredentials>;

export type CredentialsOption = AwsCredentials | CredentialProvider | 'default';

const SDK_PACKAGE = '@aws-sdk/credential-provider-node';

/** Refresh temporary credentials this long before they expire. */
const REFRESH_MARGIN_MS = 5 * 60 * 1000;

type SdkModule = { defaultProvider: () => CredentialProvider };

/** Imports a module by a name bundlers do not follow (the SDK stays out of browser bundles). */
const importOptional = (name: string): Promise<unknown> => import(/* @vite-ignore */ name);

/** The SDK's default chain, memoised until 5 minutes before the credentials expire. */
export function sdkDefaultChain(load: (name: string) => Promise<unknown> = importOptional) {
  let provider: CredentialProvider | undefined;
  let cached: AwsCredentials | undefined;
  return async (): Promise<AwsCredentials> => {
    const fresh =
      cached !== undefined &&
      (cached.expiration === undefined ||
        cached.expiration.getTime() - Date.now() > REFRESH_MARGIN_MS);
    if (fresh) return cached!;
    if (provider === undefined) {
      let mod: SdkModule;
      try {
        mod = (await load(SDK_PACKAGE)) as SdkModule;
      } catch (cause) {
        throw new ClientUsageError(
          `credentials: 'default' needs the AWS SDK's credential chain: install ${SDK_PACKAGE} (npm i ${SDK_PACKAGE}), or pass { accessKeyId, secretAccessKey } or a function returning them`,
          { cause },
        );
      }
      provider = mod.defaultProvider();
    }
    cached = await provider();
    return cached;
  };
}

/** Turns the option into one async getter (undefined: requests are not signed). */
export function credentialGetter(
  option: CredentialsOption | undefined,
): CredentialProvider | undefined {
  if (option === undefined) return undefined;
  if (option === 'default') return sdkDefaultChain();
  if (typeof option === 'function') return option;
  if (!option.accessKeyId || !option.secretAccessKey) {
    throw new ClientUsageError('credentials need both accessKeyId and secretAccessKey');
  }
  return async () => option;
}

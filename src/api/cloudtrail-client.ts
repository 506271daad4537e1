// The only place the console builds an SDK client. SDK retries are off: the query client owns
// the one retry policy. Never log a client or its configuration: it holds the secret key.
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { backendIdOf, type Connection } from './connection';

/** The console's User-Agent token: the emulator records its calls as console sessions. */
export const CONSOLE_USER_AGENT = 'cloudtrail-emulator-console/0.1.0';

// The emulator maps this key to its admin user; any key works, and none of them is secret.
export const EMULATOR_CREDENTIALS = { accessKeyId: 'AKIAEMU0ADMIN0000001', secretAccessKey: 'emulator-secret' };

let cached: { key: string; connection: Connection; client: CloudTrailClient } | undefined;

function buildClient(connection: Connection): CloudTrailClient {
  switch (connection.kind) {
    case 'embedded':
      // The normal AWS endpoint: the service worker answers it.
      return new CloudTrailClient({
        region: connection.region,
        credentials: EMULATOR_CREDENTIALS,
        maxAttempts: 1,
        customUserAgent: CONSOLE_USER_AGENT,
      });
    case 'local':
      return new CloudTrailClient({
        region: connection.region,
        endpoint: connection.endpoint,
        credentials: EMULATOR_CREDENTIALS,
        maxAttempts: 1,
        customUserAgent: CONSOLE_USER_AGENT,
      });
    case 'aws':
      return new CloudTrailClient({
        region: connection.region,
        maxAttempts: 1,
        credentials: () =>
          connection.credentials
            ? Promise.resolve(connection.credentials)
            : Promise.reject(new MissingCredentialsError()),
      });
  }
}

/** Raised when AWS is the backend but no credentials were entered in this tab. */
export class MissingCredentialsError extends Error {
  override readonly name = 'MissingCredentialsError';
  constructor() {
    super('Enter your AWS credentials in Settings to use AWS as the backend.');
  }
}

/** The client for a connection; reused while the connection is unchanged. */
export function clientFor(connection: Connection): CloudTrailClient {
  const key = backendIdOf(connection);
  if (cached?.key !== key || cached.connection !== connection) {
    cached = { key, connection, client: buildClient(connection) };
  }
  return cached.client;
}

/** A client for a connection being tried in Settings, not cached. */
export function trialClientFor(connection: Connection): CloudTrailClient {
  return buildClient(connection);
}

// Calls to the emulator's extensions (`CloudTrailEmulator_20250101.<Operation>`): information and
// actions CloudTrail has no operation for, such as a store's size or delivering trail files now.
// They are signed like any CloudTrail call; on the AWS backend there is nothing to call.
import type { Connection } from './connection';
import { signedFetch } from './signed-fetch';

/**
 * An error answered by an emulator extension. It has the SDK's error shape ($fault, $metadata), so
 * describeError shows its name and message as it does CloudTrail's.
 */
export class EmulatorExtensionError extends Error {
  readonly $fault: 'client' | 'server';
  readonly $metadata: { httpStatusCode: number };

  constructor(name: string, message: string, status: number) {
    super(message);
    this.name = name;
    this.$fault = status >= 500 ? 'server' : 'client';
    this.$metadata = { httpStatusCode: status };
  }
}

/** Whether the backend is an emulator, which serves the extensions. */
export function servesEmulatorExtensions(connection: Connection): boolean {
  return connection.kind !== 'aws';
}

/**
 * Where an emulator serves its extensions: the embedded one answers the AWS endpoint itself. The
 * call is signed like any other, so the Region comes from the SigV4 scope.
 */
function extensionUrl(connection: Connection): URL | undefined {
  switch (connection.kind) {
    case 'embedded':
      return new URL(`https://cloudtrail.${connection.region}.amazonaws.com/`);
    case 'local':
      return new URL(`${connection.endpoint.replace(/\/+$/, '')}/`);
    case 'aws':
      return undefined;
  }
}

/**
 * Calls the extension `operation` with `input`; resolves with its JSON answer, or undefined on the
 * AWS backend. A refusal rejects with an EmulatorExtensionError carrying the emulator's error.
 */
export async function callEmulatorExtension(
  connection: Connection,
  operation: string,
  input: Record<string, unknown>,
): Promise<Record<string, unknown> | undefined> {
  const url = extensionUrl(connection);
  if (url === undefined) return undefined;
  const response = await signedFetch(connection, {
    url,
    service: 'cloudtrail',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': `CloudTrailEmulator_20250101.${operation}`,
    },
    body: JSON.stringify(input),
  });
  const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (!response.ok) {
    const name = response.headers.get('x-amzn-errortype') ?? (typeof body.__type === 'string' ? body.__type : '');
    const message = typeof body.message === 'string' ? body.message : response.statusText;
    throw new EmulatorExtensionError(name.split(':')[0] || 'UnknownError', message, response.status);
  }
  return body;
}

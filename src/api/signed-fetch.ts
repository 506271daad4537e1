// Requests the console sends with fetch rather than an SDK client (PutAuditEvents, the emulator
// extensions), signed with the SDK's own SigV4 signer: the same request an SDK would send.
import { Sha256Js } from '@smithy/core/checksum';
import { SignatureV4 } from '@smithy/signature-v4';
import { CONSOLE_USER_AGENT, EMULATOR_CREDENTIALS, MissingCredentialsError } from './cloudtrail-client';
import type { AwsCredentials, Connection } from './connection';

/** The credentials a connection signs with: the user's for AWS, the emulator's fixed dummy key otherwise. */
export function signingCredentialsOf(connection: Connection): AwsCredentials {
  const credentials = connection.kind === 'aws' ? connection.credentials : EMULATOR_CREDENTIALS;
  if (!credentials) throw new MissingCredentialsError();
  return credentials;
}

export interface SignedRequest {
  /** The full URL; its query string is signed too. */
  url: URL;
  /** The SigV4 signing name: `cloudtrail`, `cloudtrail-data`. */
  service: string;
  headers: Record<string, string>;
  body: string;
  signal?: AbortSignal;
}

/** POSTs a body signed with the connection's credentials and Region (the SigV4 scope names both). */
export async function signedFetch(connection: Connection, request: SignedRequest): Promise<Response> {
  const { url, service, body, signal } = request;
  const query: Record<string, string> = {};
  for (const [name, value] of url.searchParams) query[name] = value;
  const signer = new SignatureV4({
    credentials: signingCredentialsOf(connection),
    region: connection.region,
    service,
    sha256: Sha256Js,
  });
  const signed = await signer.sign({
    method: 'POST',
    protocol: url.protocol,
    hostname: url.hostname,
    ...(url.port ? { port: Number(url.port) } : {}),
    path: url.pathname,
    query,
    headers: {
      ...request.headers,
      host: url.host,
      // The emulator records the console's calls as console sessions.
      ...(connection.kind === 'aws' ? {} : { 'x-amz-user-agent': CONSOLE_USER_AGENT }),
    },
    body,
  });
  // The browser sets Host itself and refuses to be told it.
  const headers = Object.fromEntries(Object.entries(signed.headers).filter(([name]) => name.toLowerCase() !== 'host'));
  return fetch(url, { method: 'POST', headers, body, signal });
}

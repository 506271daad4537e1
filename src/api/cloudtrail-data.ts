// PutAuditEvents (cloudtrail-data, restJson1). The registry this project builds from has no
// @aws-sdk/client-cloudtrail-data, so the call is signed here with the SDK's own SigV4 signer
// and sent with fetch: the same request the SDK would send.
import { Sha256Js } from '@smithy/core/checksum';
import { SignatureV4 } from '@smithy/signature-v4';
import { CONSOLE_USER_AGENT, EMULATOR_CREDENTIALS, MissingCredentialsError } from './cloudtrail-client';
import type { Connection } from './connection';

export interface AuditEvent {
  id: string;
  eventData: string;
  eventDataChecksum?: string;
}

export interface PutAuditEventsInput {
  channelArn: string;
  externalId?: string;
  auditEvents: AuditEvent[];
}

export interface PutAuditEventsOutput {
  successful: { eventID: string; id: string }[];
  failed: { errorCode: string; errorMessage: string; id: string }[];
}

/** An error cloudtrail-data answered; shaped like SDK service errors so describeError shows it as CloudTrail said it. */
export class CloudTrailDataServiceException extends Error {
  readonly $fault: 'client' | 'server';
  readonly $metadata: { httpStatusCode: number; requestId?: string };

  constructor(name: string, message: string, status: number, requestId?: string) {
    super(message);
    this.name = name;
    this.$fault = status >= 500 ? 'server' : 'client';
    this.$metadata = { httpStatusCode: status, ...(requestId ? { requestId } : {}) };
  }
}

function endpointOf(connection: Connection): URL {
  return connection.kind === 'local'
    ? new URL(`${connection.endpoint.replace(/\/+$/, '')}/PutAuditEvents`)
    : new URL(`https://cloudtrail-data.${connection.region}.amazonaws.com/PutAuditEvents`);
}

/** Sends audit events to a channel; resolves with each event's outcome, rejects with cloudtrail-data's error. */
export async function putAuditEvents(
  connection: Connection,
  input: PutAuditEventsInput,
  signal?: AbortSignal,
): Promise<PutAuditEventsOutput> {
  const credentials = connection.kind === 'aws' ? connection.credentials : EMULATOR_CREDENTIALS;
  if (!credentials) throw new MissingCredentialsError();
  const url = endpointOf(connection);
  const query: Record<string, string> = { channelArn: input.channelArn };
  if (input.externalId) query.externalId = input.externalId;
  const body = JSON.stringify({ auditEvents: input.auditEvents });
  const signer = new SignatureV4({
    credentials,
    region: connection.region,
    service: 'cloudtrail-data',
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
      host: url.host,
      'content-type': 'application/json',
      ...(connection.kind === 'aws' ? {} : { 'x-amz-user-agent': CONSOLE_USER_AGENT }),
    },
    body,
  });
  url.search = new URLSearchParams(query).toString();
  // The browser sets Host itself and refuses to be told it.
  const headers = Object.fromEntries(Object.entries(signed.headers).filter(([name]) => name.toLowerCase() !== 'host'));
  const response = await fetch(url, { method: 'POST', headers, body, signal });
  const requestId = response.headers.get('x-amzn-requestid') ?? undefined;
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text === '' ? {} : JSON.parse(text);
  } catch {
    parsed = {};
  }
  if (!response.ok) {
    const fields = parsed as { __type?: unknown; message?: unknown; Message?: unknown };
    const type =
      response.headers.get('x-amzn-errortype') ?? (typeof fields.__type === 'string' ? fields.__type : 'UnknownError');
    const message =
      typeof fields.message === 'string' ? fields.message : typeof fields.Message === 'string' ? fields.Message : text;
    throw new CloudTrailDataServiceException(type.split(':')[0] ?? type, message, response.status, requestId);
  }
  const output = parsed as Partial<PutAuditEventsOutput>;
  return { successful: output.successful ?? [], failed: output.failed ?? [] };
}

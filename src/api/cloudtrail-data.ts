// PutAuditEvents (cloudtrail-data, restJson1). The registry this project builds from has no
// @aws-sdk/client-cloudtrail-data, so the call is signed with the SDK's own SigV4 signer
// (signed-fetch.ts) and sent with fetch: the same request the SDK would send.
import type { Connection } from './connection';
import { signedFetch } from './signed-fetch';

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
  const url = endpointOf(connection);
  url.searchParams.set('channelArn', input.channelArn);
  if (input.externalId) url.searchParams.set('externalId', input.externalId);
  const response = await signedFetch(connection, {
    url,
    service: 'cloudtrail-data',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ auditEvents: input.auditEvents }),
    signal,
  });
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

// The one transport adapter: AWS JSON 1.1 for the control plane and restJson1 for PutAuditEvents
// (mocks/emulator/SEMANTICS.md §3). It turns HTTP into emulator calls and emulator answers into HTTP; all
// CloudTrail behaviour lives in mocks/emulator/.
import { http, HttpResponse, type HttpHandler } from 'msw';
import type { Emulator } from './emulator/create-emulator';
import type { RequestInfo } from './emulator/context';
import { SerializationException, ServiceError, UnknownOperationException } from './emulator/errors';
import { isRegion } from './emulator/identities';
import { jsonDeeperThan, MAX_JSON_DEPTH } from './emulator/records';
import { invalidArgument, notImplemented, S3Error } from './emulator/resources/s3/s3-errors';
import type { S3Answer } from './emulator/resources/s3/s3-operations';
import { s3OperationOf, type S3Request } from './emulator/resources/s3/s3-request';
import { element, XML_DECLARATION } from './emulator/resources/s3/s3-xml';

/** Control-plane endpoints of every region; the SDKs' default endpoints. */
export const CLOUDTRAIL_ENDPOINT = /^https:\/\/cloudtrail\.[a-z0-9-]+\.amazonaws\.com\/?$/;
/** The data-plane operation of every region. */
export const PUT_AUDIT_EVENTS_ENDPOINT = /^https:\/\/cloudtrail-data\.[a-z0-9-]+\.amazonaws\.com\/PutAuditEvents$/;
/** Anything else on either host. */
const ANY_CLOUDTRAIL_URL = /^https:\/\/cloudtrail(?:-data)?\.[a-z0-9-]+\.amazonaws\.com\//;

/** Set by the Node server from the socket; clients cannot supply it (the server overwrites it). */
export const SOURCE_IP_HEADER = 'x-emulator-source-ip';

// The JS SDK sends the short target; the AWS CLI and botocore send the long one. The prefix is
// not checked: the operation is the text after the last dot.
const TARGET = /^(?:[\w.]*\.)?CloudTrail_20131101\.(\w+)$/;
/** Emulator extensions (information CloudTrail has no operation for), asked for by the console. */
const EXTENSION_TARGET = /^CloudTrailEmulator_20250101\.(\w+)$/;

const SIGV4_SCOPE = /Credential=([^/,\s]+)\/\d{8}\/([a-z0-9-]+)\/([a-z0-9-]+)\/aws4_request/;
const HOST_REGION = /^cloudtrail(?:-data)?\.([a-z0-9-]+)\.amazonaws\.com$/;

/** Access key and region from the SigV4 credential scope, else the region from the host. */
export function requestInfoFrom(request: Request, requestId: string): RequestInfo {
  const scope = SIGV4_SCOPE.exec(request.headers.get('authorization') ?? '');
  const hostRegion = HOST_REGION.exec(new URL(request.url).hostname)?.[1];
  // In a browser, fetch cannot set User-Agent, so the SDK carries its identification in x-amz-user-agent.
  const userAgent = request.headers.get('user-agent') ?? request.headers.get('x-amz-user-agent') ?? undefined;
  return {
    requestId,
    accessKeyId: scope?.[1],
    region: scope?.[2] ?? hostRegion,
    sourceIp: request.headers.get(SOURCE_IP_HEADER) ?? undefined,
    userAgent,
  };
}

const JSON_11 = 'application/x-amz-json-1.1';

/** JSON with timestamps as epoch seconds, as awsJson1_1 and restJson1 send them. */
function toWireJson(value: unknown): string {
  return JSON.stringify(value, function (this: Record<string, unknown>, key, member: unknown) {
    const raw = this[key];
    return raw instanceof Date ? raw.getTime() / 1000 : member;
  });
}

function json11(body: unknown, requestId: string): Response {
  return new HttpResponse(toWireJson(body), {
    status: 200,
    headers: { 'content-type': JSON_11, 'x-amzn-RequestId': requestId },
  });
}

/** An error as awsJson1_1 encodes it: `__type`, `message` and `Message`, and X-Amzn-ErrorType. */
function json11Error(error: ServiceError, requestId: string, status = error.status): Response {
  return new HttpResponse(JSON.stringify({ __type: error.name, message: error.message, Message: error.message }), {
    status,
    headers: { 'content-type': JSON_11, 'x-amzn-RequestId': requestId, 'X-Amzn-ErrorType': error.name },
  });
}

/** An error as restJson1 encodes it for cloudtrail-data. */
function restJsonError(error: ServiceError, requestId: string): Response {
  return new HttpResponse(JSON.stringify({ __type: error.name, message: error.message }), {
    status: error.status,
    headers: { 'content-type': 'application/json', 'x-amzn-RequestId': requestId, 'X-Amzn-ErrorType': error.name },
  });
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * A request body as text and its size in bytes as sent. Bodies that are not UTF-8 are refused
 * before anything runs.
 */
async function readBody(request: Request): Promise<{ text: string; bytes: number }> {
  const bytes = new Uint8Array(await request.arrayBuffer());
  try {
    return { text: utf8.decode(bytes), bytes: bytes.byteLength };
  } catch {
    throw new SerializationException('The request body is not valid UTF-8.');
  }
}

/** A JSON body, parsed; empty means `{}`. Not JSON, or nested too deep: SerializationException, unrecorded (§6). */
function parseJson(text: string): unknown {
  if (text.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text) as unknown;
  } catch {
    throw new SerializationException('The request body is not valid JSON.');
  }
  if (jsonDeeperThan(parsed))
    throw new SerializationException(`The request body nests deeper than ${String(MAX_JSON_DEPTH)} levels.`);
  return parsed;
}

/**
 * Every S3 endpoint the SDKs and the AWS CLI use (SEMANTICS.md §17.12): path-style
 * `s3.amazonaws.com`, `s3.<region>.amazonaws.com`, `s3-<region>.amazonaws.com`, and the same
 * hosts virtual-hosted, `<bucket>.s3.<region>.amazonaws.com`. The Node server maps its own
 * S3 requests to path-style URLs of this form.
 */
export const S3_URL = /^https:\/\/(?:[a-z0-9.-]+\.)?s3(?:[.-][a-z0-9-]+)?\.amazonaws\.com\//;
const S3_HOST = /^(?:([a-z0-9.-]+)\.)?s3(?:[.-]([a-z0-9-]+))?\.amazonaws\.com$/;
/** The SigV4 scope of a signed request or a presigned URL's X-Amz-Credential. */
const S3_CREDENTIAL = /^([^/]+)\/\d{8}\/([a-z0-9-]+)\/s3\/aws4_request$/;

/**
 * An S3 request's bucket, key and query, and who sends it. The region is the SigV4 scope's (or
 * the host's) when the emulator serves it, else the default: S3 ignores a region mismatch.
 */
function s3RequestFrom(request: Request, requestId: string): { s3: S3Request; info: RequestInfo } {
  const url = new URL(request.url);
  const host = S3_HOST.exec(url.hostname);
  const virtualBucket = host?.[1];
  const path = url.pathname.slice(1);
  const slash = path.indexOf('/');
  const rawBucket = virtualBucket ?? (slash < 0 ? path : path.slice(0, slash));
  const rawKey = virtualBucket !== undefined ? path : slash < 0 ? '' : path.slice(slash + 1);
  let bucket: string;
  let key: string;
  try {
    bucket = decodeURIComponent(rawBucket);
    key = decodeURIComponent(rawKey);
  } catch {
    throw invalidArgument('The request path is not valid percent-encoded UTF-8.', 'path', url.pathname);
  }
  const query = [...url.searchParams];
  const credential =
    /Credential=([^,\s]+)/.exec(request.headers.get('authorization') ?? '')?.[1] ??
    query.find(([name]) => name.toLowerCase() === 'x-amz-credential')?.[1] ??
    '';
  const scope = S3_CREDENTIAL.exec(credential);
  const region = scope?.[2] ?? host?.[2];
  const userAgent = request.headers.get('user-agent') ?? request.headers.get('x-amz-user-agent') ?? undefined;
  return {
    s3: {
      method: request.method,
      ...(bucket === '' ? {} : { bucket }),
      ...(key === '' ? {} : { key }),
      query,
      ...(request.headers.has('range') ? { range: request.headers.get('range') ?? '' } : {}),
    },
    info: {
      requestId,
      accessKeyId: scope?.[1],
      region: region !== undefined && isRegion(region) ? region : undefined,
      sourceIp: request.headers.get(SOURCE_IP_HEADER) ?? undefined,
      userAgent,
    },
  };
}

/** S3's request ID form: 16 upper-case hex characters. */
const s3RequestId = (requestId: string) => requestId.replaceAll('-', '').slice(0, 16).toUpperCase();

/** An S3 answer as HTTP; a HEAD answer carries its headers only. */
function s3Response(answer: S3Answer, method: string, requestId: string): Response {
  const body = method === 'HEAD' || answer.status === 204 ? null : (answer.body ?? null);
  return new HttpResponse(body, {
    status: answer.status,
    headers: { ...answer.headers, 'x-amz-request-id': s3RequestId(requestId) },
  });
}

/** An error as S3's XML (`<Error><Code/><Message/>...<Resource/><RequestId/></Error>`). */
function s3ErrorResponse(error: ServiceError, request: Request, requestId: string): Response {
  const fields = error instanceof S3Error ? error.fields : [];
  const xml =
    `${XML_DECLARATION}<Error>${element('Code', error.name)}${element('Message', error.message)}` +
    fields.map(([name, value]) => element(name, value)).join('') +
    `${element('Resource', new URL(request.url).pathname)}${element('RequestId', s3RequestId(requestId))}</Error>`;
  return s3Response(
    { status: error.status, headers: { 'content-type': 'application/xml' }, body: xml },
    request.method,
    requestId,
  );
}

/** The msw handlers serving an emulator; used by the browser worker, the test server and the Node server. */
export function createHandlers(emulator: Emulator): HttpHandler[] {
  return [
    http.post(CLOUDTRAIL_ENDPOINT, async ({ request }) => {
      const requestId = emulator.newRequestId();
      const info = requestInfoFrom(request, requestId);
      const target = request.headers.get('x-amz-target') ?? '';
      const extension = EXTENSION_TARGET.exec(target)?.[1];
      const operation = TARGET.exec(target)?.[1];
      try {
        const body = parseJson((await readBody(request)).text);
        if (extension !== undefined) return json11(await emulator.serve('emulator', extension, body, info), requestId);
        return json11(await emulator.serve('cloudtrail', operation, body, info), requestId);
      } catch (error) {
        if (error instanceof ServiceError) return json11Error(error, requestId);
        throw error;
      }
    }),
    http.post(PUT_AUDIT_EVENTS_ENDPOINT, async ({ request }) => {
      const requestId = emulator.newRequestId();
      const info = requestInfoFrom(request, requestId);
      const search = new URL(request.url).searchParams;
      const query = {
        ...(search.has('channelArn') ? { channelArn: search.get('channelArn') ?? '' } : {}),
        ...(search.has('externalId') ? { externalId: search.get('externalId') ?? '' } : {}),
      };
      try {
        const { text, bytes } = await readBody(request);
        const output = await emulator.serve(
          'cloudtrail-data',
          'PutAuditEvents',
          { query, body: parseJson(text), bodyBytes: bytes },
          info,
        );
        return new HttpResponse(JSON.stringify(output), {
          status: 200,
          headers: { 'content-type': 'application/json', 'x-amzn-RequestId': requestId },
        });
      } catch (error) {
        if (error instanceof ServiceError) return restJsonError(error, requestId);
        throw error;
      }
    }),
    http.all(S3_URL, async ({ request }) => {
      const requestId = emulator.newRequestId();
      try {
        const { s3, info } = s3RequestFrom(request, requestId);
        const operation = s3OperationOf(s3);
        if (operation === undefined) throw notImplemented();
        const answer = (await emulator.serve('s3', operation, s3, info)) as S3Answer;
        return s3Response(answer, request.method, requestId);
      } catch (error) {
        if (error instanceof ServiceError) return s3ErrorResponse(error, request, requestId);
        throw error;
      }
    }),
    http.all(ANY_CLOUDTRAIL_URL, () => {
      const requestId = emulator.newRequestId();
      return json11Error(
        new UnknownOperationException('No operation is served at this method and path.'),
        requestId,
        404,
      );
    }),
  ];
}

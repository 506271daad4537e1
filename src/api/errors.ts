// The one error seam: everything the console shows about a failure comes through describeError.
import { CloudTrailServiceException } from '@aws-sdk/client-cloudtrail';
import { MissingCredentialsError } from './cloudtrail-client';

export interface ErrorView {
  title: string;
  message: string;
  retryable: boolean;
  /** The fix is in Settings (credentials, endpoint): the view links there. */
  settings?: boolean;
}

/** "EventDataStoreAlreadyExistsException" as words: "Event data store already exists". */
export function errorNameInWords(name: string): string {
  const words = name
    .replace(/Exception$/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(' ')
    .map((word, index) => (index > 0 && /^[A-Z][a-z]+$/.test(word) ? word.toLowerCase() : word));
  return words.join(' ');
}

/** The CloudTrail endpoint a backend ID sends to, or undefined for the embedded emulator. */
export function endpointOfBackend(backend: string | undefined): string | undefined {
  if (backend?.startsWith('aws:')) return `https://cloudtrail.${backend.split(':')[1] ?? ''}.amazonaws.com`;
  // local:<endpoint>:<region>; the endpoint has colons of its own.
  if (backend?.startsWith('local:')) return backend.slice('local:'.length).replace(/:[a-z0-9-]+$/, '');
  return undefined;
}

// Node (and some runtimes) say why a fetch failed in the error's cause; browsers never do.
const CAUSES: Record<string, string> = {
  ENOTFOUND: 'its host name does not resolve',
  EAI_AGAIN: 'its host name could not be resolved (DNS did not answer)',
  ECONNREFUSED: 'nothing accepted the connection at that address and port',
  ECONNRESET: 'the connection was reset',
  ETIMEDOUT: 'the connection timed out',
  CERT_HAS_EXPIRED: "the server's certificate has expired",
  DEPTH_ZERO_SELF_SIGNED_CERT: "the server's certificate is self-signed",
};

function networkCause(error: TypeError): string | undefined {
  const cause: unknown = error.cause;
  const code =
    typeof cause === 'object' && cause !== null && 'code' in cause && typeof cause.code === 'string'
      ? cause.code
      : undefined;
  return code ? (CAUSES[code] ?? `the connection failed (${code})`) : undefined;
}

function unreachableMessage(error: TypeError, backend: string | undefined): string {
  const endpoint = endpointOfBackend(backend);
  const cause = networkCause(error);
  if (!endpoint) return `The request did not complete: ${cause ?? error.message}.`;
  if (cause) return `The request to ${endpoint} failed: ${cause}.`;
  // Browsers report every network failure as the same TypeError ("Failed to fetch"), so list what it can be.
  return backend?.startsWith('aws:')
    ? `The request to ${endpoint} did not complete (${error.message}). Either the host name does not resolve or cannot be reached from this network, or the browser blocked the request (CORS, an extension, a proxy). The browser's developer console names the exact network error.`
    : `The emulator at ${endpoint} did not answer (${error.message}). Is it running (npm run emulator) on that host and port, and does the host name resolve from this browser?`;
}

function serviceErrorName(error: unknown): { name: string; message: string; server: boolean } | undefined {
  if (error instanceof CloudTrailServiceException)
    return { name: error.name, message: error.message, server: error.$fault === 'server' };
  // Errors of other SDK clients (and ones crossing module copies) have the same shape.
  if (error instanceof Error && '$metadata' in error && '$fault' in error)
    return { name: error.name, message: error.message, server: error.$fault === 'server' };
  return undefined;
}

/** What to show for an error: CloudTrail's own name and message when the service answered. */
export function describeError(error: unknown, context: { backend?: string } = {}): ErrorView {
  const service = serviceErrorName(error);
  if (service)
    return {
      title: service.name,
      message: service.message.trim() === '' ? `${errorNameInWords(service.name)}.` : service.message,
      retryable: service.name === 'ThrottlingException' || service.server,
    };
  if (error instanceof MissingCredentialsError)
    return { title: 'Credentials needed', message: error.message, retryable: false, settings: true };
  if (error instanceof TypeError)
    return {
      title: 'Backend unreachable',
      message: unreachableMessage(error, context.backend),
      retryable: true,
      settings: context.backend?.startsWith('aws:') === true || context.backend?.startsWith('local:') === true,
    };
  return {
    title: 'Unexpected error',
    message: error instanceof Error ? error.message : String(error),
    retryable: false,
  };
}

/**
 * An error as one line of words: the service's own message (its exception name adds nothing for a
 * reader), or the console's title and message ("Backend unreachable: …").
 */
export function errorSentence(view: ErrorView): string {
  return /\s/.test(view.title) ? `${view.title}: ${view.message}` : view.message;
}

/** True for CloudTrail's throttling error, which the console absorbs by retrying with backoff. */
export function isThrottling(error: unknown): boolean {
  return serviceErrorName(error)?.name === 'ThrottlingException';
}

// The one error seam: everything the console shows about a failure comes through describeError.
import { CloudTrailServiceException } from '@aws-sdk/client-cloudtrail';
import { MissingCredentialsError } from './cloudtrail-client';

export interface ErrorView {
  title: string;
  message: string;
  retryable: boolean;
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
      message: service.message,
      retryable: service.name === 'ThrottlingException' || service.server,
    };
  if (error instanceof MissingCredentialsError)
    return { title: 'Credentials needed', message: error.message, retryable: false };
  if (error instanceof TypeError)
    return {
      title: 'Backend unreachable',
      message: context.backend?.startsWith('aws:')
        ? 'The request to AWS did not complete. Check your network connection; the browser may also have blocked it (CORS).'
        : context.backend?.startsWith('local:')
          ? `The emulator did not answer. Is it running (npm run emulator) and reachable from this browser? (${error.message})`
          : `The request did not complete: ${error.message}`,
      retryable: true,
    };
  return {
    title: 'Unexpected error',
    message: error instanceof Error ? error.message : String(error),
    retryable: false,
  };
}

/** True for CloudTrail's throttling error, which the console absorbs by retrying with backoff. */
export function isThrottling(error: unknown): boolean {
  return serviceErrorName(error)?.name === 'ThrottlingException';
}

import { QueryCache, QueryClient } from '@tanstack/react-query';
import { describeError, isThrottling } from './errors';

declare module '@tanstack/react-query' {
  interface Register {
    // Errors must be narrowed (through describeError) before use.
    defaultError: unknown;
  }
}

const MAX_ATTEMPTS = 5;

/**
 * The console's query client: the only retry policy (SDK retries are off). Throttling and server
 * faults are retried with exponential backoff and jitter; client errors are shown at once.
 */
export function createQueryClient(options: { onBackgroundError?: (error: unknown) => void } = {}): QueryClient {
  return new QueryClient({
    queryCache: new QueryCache({
      onError: (error, query) => {
        // A failed first load is shown in place; only a failed refresh of data on screen is flashed.
        if (query.state.data !== undefined) options.onBackgroundError?.(error);
      },
    }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        retry: (failureCount, error) => failureCount < MAX_ATTEMPTS - 1 && describeError(error).retryable,
        retryDelay: (attempt, error) => {
          const base = isThrottling(error) ? 600 : 300;
          return Math.min(8_000, base * 2 ** attempt) * (0.75 + Math.random() * 0.5);
        },
      },
      mutations: { retry: false },
    },
  });
}

import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { BackendId, Connection } from './connection';
import { eventQueries } from './events';
import { useConnection } from './use-connection';

/**
 * A call that changes CloudTrail state, as a mutation. On success it refreshes the queries under
 * `scope` and Event history, where CloudTrail records the call.
 */
export function useCloudTrailMutation<TInput, TOutput>(
  call: (connection: Connection, input: TInput) => Promise<TOutput>,
  scope: (backend: BackendId) => readonly unknown[],
) {
  const { connection, backend } = useConnection();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: TInput) => call(connection, input),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: scope(backend) }),
        queryClient.invalidateQueries({ queryKey: eventQueries.all(backend) }),
      ]),
  });
}

import Alert from '@cloudscape-design/components/alert';
import { StatusIndicator } from '@/components/status-indicator';
import type { PrincipalSessions } from '@/api/principals';
import { describeError } from '@/api/errors';
import { useConnection } from '@/api/use-connection';

/**
 * What the Principal filter read: CloudTrail cannot look up a person, so the console finds the
 * sessions they opened (AssumeRole and friends) and filters by those sessions' access keys.
 */
export function PrincipalStatus({
  principal,
  sessions,
  error,
  loading,
}: {
  principal: string;
  sessions: PrincipalSessions | undefined;
  error: unknown;
  loading: boolean;
}) {
  const { backend } = useConnection();
  if (loading) return <StatusIndicator type="loading">{`Finding the sessions of ${principal}`}</StatusIndicator>;
  if (error || !sessions)
    return (
      <Alert type="error" header={`The sessions of ${principal} could not be read`}>
        {describeError(error, { backend }).message}
      </Alert>
    );
  const calls = sessions.searches.reduce((sum, search) => sum + search.calls, 0);
  const scanned = sessions.searches.reduce((sum, search) => sum + search.scanned, 0);
  const roles = [...new Set(sessions.sessions.flatMap((session) => (session.roleArn ? [session.roleArn] : [])))];
  const searched = [...new Set(sessions.searches.map((search) => `${search.eventName} in ${search.region}`))].join(
    ', ',
  );
  return (
    <Alert
      type={sessions.complete ? 'info' : 'warning'}
      header={`Principal ${principal}: ${String(sessions.sessions.length)} session${sessions.sessions.length === 1 ? '' : 's'}, ${String(sessions.accessKeyIds.length)} access key${sessions.accessKeyIds.length === 1 ? '' : 's'}`}
    >
      {`The console read ${String(scanned)} events in ${String(calls)} LookupEvents call${calls === 1 ? '' : 's'} (${searched || 'no searches'}) ` +
        `to find the sessions ${principal} opened` +
        (roles.length > 0 ? ` (roles: ${roles.join(', ')})` : '') +
        `, and shows the calls made with their access keys. ` +
        (sessions.complete
          ? 'Every issuing event in the time range was read.'
          : 'Not every issuing event was read: sessions opened earlier may be missing.')}
    </Alert>
  );
}

import type { Event } from '@aws-sdk/client-cloudtrail';
import Alert from '@cloudscape-design/components/alert';
import Box from '@cloudscape-design/components/box';
import Container from '@cloudscape-design/components/container';
import Header from '@cloudscape-design/components/header';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { StatusIndicator } from '@/components/status-indicator';
import { useQuery } from '@tanstack/react-query';
import { principalQueries } from '@/api/principals';
import { useConnection } from '@/api/use-connection';
import { EventLink } from '@/components/event-link';
import { QueryError } from '@/components/query-error';
import { formatEventTime } from '@/lib/format-time';
import { permissionSetOf, type ChainStep, type IssuerSearch, type PrincipalChain } from '@/lib/principal-chain';
import { HistoryLink } from './history-link';

function issuedText(event: Event): string {
  return `${event.EventName ?? 'Issued'} at ${formatEventTime(event.EventTime)}`;
}

function StepItem({ step }: { step: ChainStep }) {
  switch (step.kind) {
    case 'origin':
      return (
        <li>
          <Box variant="strong">{'Started by '}</Box>
          {step.label.includes(':') ? step.label : <HistoryLink filter={{ key: 'Username', value: step.label }} />}
          <Box variant="small" display="block">
            {step.basis}
          </Box>
        </li>
      );
    case 'session': {
      const sso = permissionSetOf(step.roleName);
      return (
        <li>
          <Box variant="strong">{sso === undefined ? `Role ${step.roleName}` : `SSO permission set ${sso}`}</Box>
          {`, session ${step.sessionName}`}
          {step.accessKeyId === undefined ? null : (
            <>
              {', access key '}
              <HistoryLink filter={{ key: 'AccessKeyId', value: step.accessKeyId }} />
            </>
          )}
          <Box variant="small" display="block">
            {step.issuedBy !== undefined ? (
              <>
                {'Issued by '}
                <EventLink event={step.issuedBy} text={issuedText(step.issuedBy)} />
              </>
            ) : sso !== undefined ? (
              'Issued by IAM Identity Center, which logs no STS event in this account'
            ) : (
              'No event issuing this key was found'
            )}
            {step.sourceIdentity === undefined ? null : `; source identity ${step.sourceIdentity}`}
          </Box>
        </li>
      );
    }
    case 'call':
      return (
        <li>
          <Box variant="strong">{`This call: ${step.event.EventName ?? 'event'}`}</Box>
          {` at ${formatEventTime(step.event.EventTime)}`}
        </li>
      );
  }
}

function searchText(search: IssuerSearch): string {
  return (
    `${search.eventName} in ${search.region}, ${formatEventTime(search.start)} to ${formatEventTime(search.end)}: ` +
    `${String(search.scanned)} events in ${String(search.calls)} LookupEvents call${search.calls === 1 ? '' : 's'}, ` +
    (search.found ? 'issuing event found' : search.complete ? 'every event read, none issued the key' : 'not all read')
  );
}

function ChainView({ chain }: { chain: PrincipalChain }) {
  const person = chain.steps[0];
  return (
    <SpaceBetween size="m">
      {person?.kind === 'origin' ? (
        <Box variant="p">
          {chain.resolved
            ? `Behind this call: ${person.label}`
            : 'The person behind this call could not be established.'}
        </Box>
      ) : null}
      <ol aria-label="Principal path">
        {chain.steps.map((step, index) => (
          <StepItem key={index} step={step} />
        ))}
      </ol>
      {chain.notes.length > 0 ? (
        <Alert type="warning" header="Not found">
          {chain.notes.join(' ')}
        </Alert>
      ) : null}
      <div role="region" aria-label="What was read">
        <Box variant="h3">What was read</Box>
        {chain.searches.length === 0 ? (
          <Box variant="p">Nothing: the record names who acted by itself.</Box>
        ) : (
          <ul>
            {chain.searches.map((search, index) => (
              <li key={index}>{searchText(search)}</li>
            ))}
          </ul>
        )}
      </div>
    </SpaceBetween>
  );
}

/** Who really did it: the path from the person or workload to this call, each hop linked to the event that issued it. */
export function PrincipalPath({ event }: { event: Event }) {
  const { connection } = useConnection();
  const query = useQuery(principalQueries.chain(connection, event));
  return (
    <section aria-label="Who did it">
      <Container
        header={
          <Header
            variant="h2"
            description="The person or workload behind this call, followed back through the STS events that issued each session's access key."
          >
            Who did it
          </Header>
        }
      >
        {query.isPending ? (
          <StatusIndicator type="loading">Following the access keys back</StatusIndicator>
        ) : query.isError ? (
          <QueryError error={query.error} onRetry={() => void query.refetch()} />
        ) : (
          <ChainView chain={query.data} />
        )}
      </Container>
    </section>
  );
}

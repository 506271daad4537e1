import { LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import { expect, test } from 'vitest';
import { emulatorClient, TEST_ANCHOR } from '../../mocks/node';
import type { Connection } from './connection';
import { findPrincipalSessions, lookupPrincipalChain } from './principals';

const connection: Connection = { kind: 'embedded', region: 'us-east-1' };
const DAY = 86_400_000;

async function chainedDeletion() {
  const output = await emulatorClient().send(
    new LookupEventsCommand({
      LookupAttributes: [{ AttributeKey: 'Username', AttributeValue: 'tf-cleanup' }],
      EndTime: new Date(TEST_ANCHOR),
    }),
  );
  const deletion = output.Events?.find((event) => event.EventName === 'DeleteBucket');
  if (deletion === undefined) throw new Error('The seed has no DeleteBucket by tf-cleanup');
  return deletion;
}

test("finds a person's sessions, the chained one included, and the keys to filter her calls by", async () => {
  const deletion = await chainedDeletion();
  const found = await findPrincipalSessions(connection, 'maria.garcia@example.com', {
    start: new Date(TEST_ANCHOR - 7 * DAY),
    end: new Date(TEST_ANCHOR),
  });
  expect(found.sessions.map((session) => session.sessionName)).toContain('tf-cleanup');
  expect(found.accessKeyIds).toContain(deletion.AccessKeyId);
  // Her own SSO session key, seen calling STS.
  expect(found.accessKeyIds).toContain('ASIAEMU0SSOSESSION03');
  expect(found.searches.length).toBeGreaterThan(0);
  expect(found.complete).toBe(true);
});

test('follows the deletion back to the SSO user through the AssumeRole that issued its key', async () => {
  const chain = await lookupPrincipalChain(connection, await chainedDeletion());
  expect(chain.resolved).toBe(true);
  expect(chain.steps[0]).toMatchObject({ kind: 'origin', label: 'maria.garcia@example.com' });
  expect(chain.searches.filter((search) => search.found)).toHaveLength(1);
});

// The live simulator (SEMANTICS.md §14), observed through LookupEvents.
import { GetChannelCommand, ListChannelsCommand, LookupEventsCommand, type Event } from '@aws-sdk/client-cloudtrail';
import { expect, test } from 'vitest';
import { emulator, emulatorClient, TEST_START, testClock } from '../node';

const CONSOLE = 'cloudtrail-emulator-console/0.1.0';

/** Events newer than `since` that are not calls to CloudTrail itself. */
async function liveEvents(since: number, region = 'us-east-1'): Promise<Event[]> {
  const events: Event[] = [];
  for (const client of [emulatorClient({ region })]) {
    const { Events } = await client.send(new LookupEventsCommand({ StartTime: new Date(since + 1000) }));
    events.push(...(Events ?? []).filter((event) => event.EventSource !== 'cloudtrail.amazonaws.com'));
  }
  return events;
}

test('adds about three events a minute while the console is open', async () => {
  await emulator.configure({ simulator: true });
  const consoleClient = emulatorClient({ userAgent: CONSOLE });
  await consoleClient.send(new LookupEventsCommand({ MaxResults: 1 }));
  for (let minute = 0; minute < 10; minute++) {
    testClock.advance(60_000);
    await consoleClient.send(new LookupEventsCommand({ MaxResults: 1 }));
  }
  // Ten minutes of activity, spread over the regions like the seeded past.
  const all = (
    await Promise.all(
      ['us-east-1', 'us-west-2', 'eu-west-1', 'eu-central-1', 'ap-southeast-2'].map((region) =>
        liveEvents(TEST_START, region),
      ),
    )
  ).flat();
  expect(all.length).toBeGreaterThanOrEqual(15);
  expect(all.length).toBeLessThanOrEqual(30);
  for (const event of all) expect(event.EventTime?.getTime()).toBeGreaterThan(TEST_START);
});

test('adds nothing while the console is closed', async () => {
  await emulator.configure({ simulator: true });
  const consoleClient = emulatorClient({ userAgent: CONSOLE });
  await consoleClient.send(new LookupEventsCommand({ MaxResults: 1 }));
  testClock.advance(10 * 60_000);
  // A script's call is not the console: the console has been gone for more than 120 s.
  await emulatorClient().send(new LookupEventsCommand({ MaxResults: 1 }));
  const events = await liveEvents(TEST_START + 3 * 60_000);
  expect(events).toEqual([]);
});

test('is off when switched off', async () => {
  const consoleClient = emulatorClient({ userAgent: CONSOLE });
  await consoleClient.send(new LookupEventsCommand({ MaxResults: 1 }));
  testClock.advance(60_000);
  await consoleClient.send(new LookupEventsCommand({ MaxResults: 1 }));
  expect(await liveEvents(TEST_START)).toEqual([]);
});

test('sends the payments app’s events through PutAuditEvents about every 10 minutes', async () => {
  await emulator.configure({ simulator: true });
  const client = emulatorClient();
  const consoleClient = emulatorClient({ userAgent: CONSOLE });
  const channel = async () =>
    (await client.send(new ListChannelsCommand({}))).Channels?.find((item) => item.Name === 'payments-app-audit');
  const arn = (await channel())?.ChannelArn;
  const before = (await client.send(new GetChannelCommand({ Channel: arn }))).IngestionStatus;
  for (let minute = 0; minute < 25; minute++) {
    testClock.advance(60_000);
    await consoleClient.send(new LookupEventsCommand({ MaxResults: 1 }));
  }
  const after = (await client.send(new GetChannelCommand({ Channel: arn }))).IngestionStatus;
  expect(after?.LatestIngestionSuccessTime?.getTime()).toBeGreaterThan(TEST_START);
  expect(after?.LatestIngestionSuccessEventID).not.toBe(before?.LatestIngestionSuccessEventID);
});

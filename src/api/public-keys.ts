// ListPublicKeys: the keys CloudTrail signs digest files with (SEMANTICS.md §17.11), for validating
// a trail's log files in the browser.
import { ListPublicKeysCommand, type PublicKey } from '@aws-sdk/client-cloudtrail';
import { clientFor, trialClientFor } from './cloudtrail-client';
import type { Connection } from './connection';

/**
 * ListPublicKeys in a Region: the keys valid at some time in [start, end]. Keys are per Region, so
 * digests of another source Region are checked with that Region's keys (a client made for the call).
 */
export async function listPublicKeys(
  connection: Connection,
  region: string,
  range: { StartTime: Date; EndTime: Date },
  signal?: AbortSignal,
): Promise<PublicKey[]> {
  const client = region === connection.region ? clientFor(connection) : trialClientFor({ ...connection, region });
  const output = await client.send(new ListPublicKeysCommand(range), { abortSignal: signal });
  return output.PublicKeyList ?? [];
}

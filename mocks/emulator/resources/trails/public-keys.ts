// ListPublicKeys (SEMANTICS.md §17.11): the digest signing keys of the request region whose
// validity overlaps the asked range. Asked about now with no key yet, it creates the region's
// first key, as a key is created on first need.
import type { ListPublicKeysCommandInput, ListPublicKeysCommandOutput } from '@aws-sdk/client-cloudtrail';
import type { RequestContext } from '../../context';
import { InvalidTimeRangeException, InvalidTokenException } from '../../errors';
import type { OperationDefinition } from '../../resource';
import { keysOverlapping, signingKeyAt } from './signing-keys';

type ListPublicKeysOutput = Omit<ListPublicKeysCommandOutput, '$metadata' | 'PublicKeyList'> & {
  PublicKeyList: { Value: string; ValidityStartTime: Date; ValidityEndTime: Date; Fingerprint: string }[];
};

/** ListPublicKeys: `Value` is the base64 (JSON blob) of the DER PKCS#1 RSAPublicKey. */
export async function listPublicKeys(
  input: ListPublicKeysCommandInput,
  context: RequestContext,
): Promise<ListPublicKeysOutput> {
  // The member is "reserved for future use": no token was ever handed out (§17.11 Decision).
  if (input.NextToken !== undefined) throw new InvalidTokenException('Invalid token.');
  const start = input.StartTime?.getTime() ?? context.now;
  const end = input.EndTime?.getTime() ?? context.now;
  if (start > end) throw new InvalidTimeRangeException('StartTime must be before or equal to EndTime.');
  const { state, region, now } = context;
  if (start <= now && now <= end) await signingKeyAt(state, region, now);
  return {
    PublicKeyList: keysOverlapping(state, region, start, end).map((key) => ({
      Value: key.publicKey,
      ValidityStartTime: new Date(key.validFrom),
      ValidityEndTime: new Date(key.validTo),
      Fingerprint: key.fingerprint,
    })),
  };
}

/** The operations of the trails resource's declaration that this file serves. */
export const publicKeyOperations: Readonly<Record<string, OperationDefinition>> = {
  ListPublicKeys: { run: listPublicKeys },
};

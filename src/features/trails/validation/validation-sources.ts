// The validator's view of the backend: the trail's bucket through the console's S3 client and the
// source Region's public keys through its CloudTrail client.
import type { Connection } from '@/api/connection';
import { listPublicKeys } from '@/api/public-keys';
import { getObjectBytes, isNoSuchKey, listObjectsV2 } from '@/api/s3';
import type { ValidationSources } from './validate-logs';

export function validationSourcesFor(
  connection: Connection,
  sourceRegion: string,
  signal?: AbortSignal,
): ValidationSources {
  return {
    listKeys: async function* (bucket, prefix, startAfter) {
      // Page by page, so the validator can stop reading once keys pass the end of the range.
      let token: string | undefined;
      do {
        const page = await listObjectsV2(
          connection,
          { Bucket: bucket, Prefix: prefix, StartAfter: startAfter, ContinuationToken: token },
          signal,
        );
        for (const object of page.objects) yield object.Key;
        token = page.NextContinuationToken;
      } while (token);
    },
    getObject: async (bucket, key) => {
      try {
        const object = await getObjectBytes(connection, bucket, key, signal);
        return { bytes: object.bytes, metadata: object.Metadata };
      } catch (error) {
        if (isNoSuchKey(error)) return undefined;
        throw error;
      }
    },
    listPublicKeys: (start, end) =>
      listPublicKeys(connection, sourceRegion, { StartTime: start, EndTime: end }, signal),
  };
}

// Trail digest files (SEMANTICS.md §17.11): the key, the compact JSON body in CloudTrail's key
// order, and the string that is signed. A digest names the log files delivered in its window and
// the previous digest of its chain (its bucket, key, hash and signature), so that
// `aws cloudtrail validate-logs` can walk the chain back and detect a changed, removed or added file.
import { datedFolder, isoSeconds, type DeliveredLogFile } from './log-files';

export const SIGNATURE_ALGORITHM = 'SHA256withRSA';
export const HASH_ALGORITHM = 'SHA-256';

/** The digest before this one in its chain. */
export interface PreviousDigest {
  readonly s3Bucket: string;
  readonly s3Object: string;
  /** Hex SHA-256 of its uncompressed bytes. */
  readonly hashValue: string;
  /** Its signature, lower-case hex. */
  readonly signature: string;
}

/** What a digest says. */
export interface DigestContent {
  readonly account: string;
  /** Epoch ms. */
  readonly start: number;
  readonly end: number;
  readonly s3Bucket: string;
  readonly s3Object: string;
  readonly fingerprint: string;
  /** Undefined for the first digest of a chain (a starting digest). */
  readonly previous: PreviousDigest | undefined;
  readonly logFiles: readonly DeliveredLogFile[];
}

/**
 * `[<prefix>/]AWSLogs/<account>/CloudTrail-Digest/<source region>/YYYY/MM/DD/<account>_CloudTrail-Digest_<source region>_<trail name>_<home region>_<YYYYMMDD>T<HHMMSS>Z.json.gz`,
 * dated by the digest's end (§17.11).
 */
export function digestKey(
  trail: { s3KeyPrefix?: string | undefined; account: string; name: string; homeRegion: string },
  sourceRegion: string,
  end: number,
): string {
  const stamp = isoSeconds(end).replaceAll('-', '').replaceAll(':', '');
  return `${datedFolder(trail.s3KeyPrefix, trail.account, 'CloudTrail-Digest', sourceRegion, end)}${trail.account}_CloudTrail-Digest_${sourceRegion}_${trail.name}_${trail.homeRegion}_${stamp}.json.gz`;
}

/** The digest's uncompressed body: compact JSON, members in CloudTrail's order (§17.11). */
export function digestBody(content: DigestContent): string {
  const times = content.logFiles.flatMap((file) => [file.oldestEventTime, file.newestEventTime]).sort();
  const { previous } = content;
  return JSON.stringify({
    awsAccountId: content.account,
    digestStartTime: isoSeconds(content.start),
    digestEndTime: isoSeconds(content.end),
    digestS3Bucket: content.s3Bucket,
    digestS3Object: content.s3Object,
    digestPublicKeyFingerprint: content.fingerprint,
    digestSignatureAlgorithm: SIGNATURE_ALGORITHM,
    newestEventTime: times.at(-1) ?? null,
    oldestEventTime: times[0] ?? null,
    previousDigestS3Bucket: previous?.s3Bucket ?? null,
    previousDigestS3Object: previous?.s3Object ?? null,
    previousDigestHashValue: previous?.hashValue ?? null,
    previousDigestHashAlgorithm: previous ? HASH_ALGORITHM : null,
    previousDigestSignature: previous?.signature ?? null,
    logFiles: content.logFiles.map((file) => ({
      s3Bucket: file.s3Bucket,
      s3Object: file.s3Object,
      hashValue: file.hashValue,
      hashAlgorithm: HASH_ALGORITHM,
      newestEventTime: file.newestEventTime,
      oldestEventTime: file.oldestEventTime,
    })),
  });
}

/**
 * What is signed (§17.11, as validate-logs rebuilds it): digestEndTime, `bucket/key`, the hex
 * SHA-256 of the uncompressed digest and the previous signature (or `null`), one per line.
 */
export function digestStringToSign(
  digestEndTime: string,
  s3Bucket: string,
  s3Object: string,
  hashHex: string,
  previousSignature: string | null,
): string {
  return `${digestEndTime}\n${s3Bucket}/${s3Object}\n${hashHex}\n${previousSignature ?? 'null'}`;
}

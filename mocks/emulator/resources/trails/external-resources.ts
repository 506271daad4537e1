// The resources a trail names outside CloudTrail (SEMANTICS.md §17.4 rules 2-8 and 15, §17.5):
// the S3 bucket, SNS topic, KMS key, CloudWatch Logs group and role. The emulator has none of
// these services: a well-formed resource exists, is the caller's and lets CloudTrail in, except
// names with a reserved prefix, which give the errors CloudTrail gives for missing resources.
import {
  InsufficientEncryptionPolicyException,
  InsufficientS3BucketPolicyException,
  InsufficientSnsTopicPolicyException,
  InvalidCloudWatchLogsLogGroupArnException,
  InvalidCloudWatchLogsRoleArnException,
  InvalidKmsKeyIdException,
  InvalidS3BucketNameException,
  InvalidS3PrefixException,
  InvalidSnsTopicNameException,
  KmsKeyNotFoundException,
  S3BucketDoesNotExistException,
} from '../../errors';
import { keyIdForAlias } from '../event-data-stores/event-data-store-operations';

/** Reserved name prefixes (§17.5 Decision): a missing resource, and one that refuses CloudTrail. */
export const MISSING_PREFIX = 'nonexistent-';
export const NO_POLICY_PREFIX = 'no-policy-';

/** S3KeyPrefix and SNS topic name lengths (§17.17). */
export const MAX_S3_KEY_PREFIX = 200;
export const MAX_SNS_TOPIC_NAME = 256;

const BUCKET_CHARACTERS = /^[a-z0-9.-]{3,63}$/;
const BUCKET_LABEL = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;
const IP_ADDRESS = /^\d{1,3}(\.\d{1,3}){3}$/;
const TOPIC_NAME = /^[A-Za-z0-9_-]{1,256}$/;
const TOPIC_ARN = /^arn:aws:sns:([a-z0-9-]+):(\d{12}):([A-Za-z0-9_-]{1,256})$/;
const KEY_ID = /^(?:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|mrk-[0-9a-f]{32})$/;
const ALIAS_NAME = /^alias\/[a-zA-Z0-9/_-]+$/;
const KMS_ARN = /^arn:aws:kms:([a-z0-9-]+):(\d{12}):(key|alias)\/(.+)$/;
const LOG_GROUP_ARN = /^arn:aws:logs:([a-z0-9-]+):(\d{12}):log-group:([A-Za-z0-9_/.#-]{1,512})(:\*)?$/;
const ROLE_ARN = /^arn:aws:iam::(\d{12}):role\/[\w+=,.@/-]+$/;

/** Checks an S3 bucket name (§17.4 rule 2); throws InvalidS3BucketNameException. */
export function checkBucketName(name: string): void {
  const valid =
    BUCKET_CHARACTERS.test(name) &&
    name.split('.').every((label) => BUCKET_LABEL.test(label)) &&
    !IP_ADDRESS.test(name);
  if (!valid) throw new InvalidS3BucketNameException(`Bucket name ${name} is not valid.`);
}

/** Checks an S3 key prefix (§17.4 rule 3); throws InvalidS3PrefixException. */
export function checkKeyPrefix(prefix: string): void {
  if (prefix.length > MAX_S3_KEY_PREFIX)
    throw new InvalidS3PrefixException(
      `S3 key prefix is too long. Maximum allowed length: ${String(MAX_S3_KEY_PREFIX)} characters. Specified prefix length: ${String(prefix.length)} characters.`,
    );
  // Decision (§17.4): a prefix that would make an empty key segment.
  if (prefix.startsWith('/') || prefix.endsWith('/') || prefix.includes('//'))
    throw new InvalidS3PrefixException(`S3 key prefix ${prefix} is not valid.`);
}

/** The topic ARN an SnsTopicName names (§17.4): the ARN sent, or the home region's topic of that name. */
export function snsTopicArnOf(value: string, account: string, homeRegion: string): string {
  if (TOPIC_ARN.test(value)) return value;
  if (!TOPIC_NAME.test(value)) throw new InvalidSnsTopicNameException(`SNS topic name ${value} is not valid.`);
  return `arn:aws:sns:${homeRegion}:${account}:${value}`;
}

/** The key ARN a KmsKeyId names in its forms of §8.2 (§17.4 rule 5); throws InvalidKmsKeyIdException. */
export function kmsKeyArnOf(value: string, account: string, homeRegion: string): string {
  if (KEY_ID.test(value)) return `arn:aws:kms:${homeRegion}:${account}:key/${value}`;
  if (ALIAS_NAME.test(value))
    return `arn:aws:kms:${homeRegion}:${account}:key/${keyIdForAlias(account, homeRegion, value)}`;
  const match = KMS_ARN.exec(value);
  const [, region = '', keyAccount = '', type, resource = ''] = match ?? [];
  if (!match || (type === 'key' ? !KEY_ID.test(resource) : !ALIAS_NAME.test(`alias/${resource}`)))
    throw new InvalidKmsKeyIdException(`Invalid KmsKeyId ${value}: use a key ID, key ARN, alias name or alias ARN.`);
  if (type === 'key') return value;
  return `arn:aws:kms:${region}:${keyAccount}:key/${keyIdForAlias(keyAccount, region, `alias/${resource}`)}`;
}

/** Checks a log group ARN (§17.4 rule 7): its form, and the trail's account and home region. */
export function checkLogGroupArn(value: string, account: string, homeRegion: string): void {
  const match = LOG_GROUP_ARN.exec(value);
  if (!match) throw new InvalidCloudWatchLogsLogGroupArnException(`Invalid CloudWatch Logs log group ARN: ${value}`);
  if (match[1] !== homeRegion || match[2] !== account)
    throw new InvalidCloudWatchLogsLogGroupArnException(
      `You must use a log group that exists in your account and in the trail's home region ${homeRegion}: ${value}`,
    );
}

/** Checks a CloudWatch Logs role ARN (§17.4 rule 8): an IAM role of the caller's account. */
export function checkRoleArn(value: string, account: string): void {
  const match = ROLE_ARN.exec(value);
  if (match?.[1] !== account)
    throw new InvalidCloudWatchLogsRoleArnException(`Invalid CloudWatch Logs role ARN: ${value}`);
}

/** What a create or update names outside CloudTrail, already checked for form. */
export interface ExternalResources {
  readonly bucket?: string;
  readonly topicArn?: string;
  /** The KmsKeyId as sent. */
  readonly kmsKeyId?: string;
  readonly logGroupArn?: string;
}

/**
 * Whether the named resources exist and let CloudTrail in (§17.4 rule 15, §17.5): reserved
 * prefixes, and a KMS key in another region than the trail's home region.
 */
export function checkExternalResources(resources: ExternalResources, homeRegion: string): void {
  const { bucket, topicArn, kmsKeyId, logGroupArn } = resources;
  if (bucket?.startsWith(MISSING_PREFIX))
    throw new S3BucketDoesNotExistException(`S3 bucket ${bucket} does not exist.`);
  if (bucket?.startsWith(NO_POLICY_PREFIX))
    throw new InsufficientS3BucketPolicyException(`Incorrect S3 bucket policy is detected for bucket: ${bucket}`);
  if (topicArn !== undefined) {
    const topic = topicArn.slice(topicArn.lastIndexOf(':') + 1);
    if (topic.startsWith(MISSING_PREFIX) || topic.startsWith(NO_POLICY_PREFIX))
      throw new InsufficientSnsTopicPolicyException('SNS Topic does not exist or the topic policy is incorrect!');
  }
  if (kmsKeyId !== undefined) {
    const arn = KMS_ARN.exec(kmsKeyId);
    if (arn && arn[1] !== homeRegion)
      throw new KmsKeyNotFoundException(`KMS key ${kmsKeyId} is not in the trail's home region ${homeRegion}.`);
    const alias = kmsKeyId.startsWith('alias/') ? kmsKeyId.slice(6) : arn?.[3] === 'alias' ? (arn[4] ?? '') : undefined;
    if (alias?.startsWith(MISSING_PREFIX)) throw new KmsKeyNotFoundException(`KMS key ${kmsKeyId} does not exist.`);
    if (alias?.startsWith(NO_POLICY_PREFIX))
      throw new InsufficientEncryptionPolicyException(
        `Insufficient permissions to access S3 bucket or KMS key ${kmsKeyId}.`,
      );
  }
  if (logGroupArn !== undefined) {
    const group = LOG_GROUP_ARN.exec(logGroupArn)?.[3] ?? '';
    if (group.startsWith(MISSING_PREFIX))
      throw new InvalidCloudWatchLogsLogGroupArnException(`The log group ${logGroupArn} does not exist.`);
  }
}

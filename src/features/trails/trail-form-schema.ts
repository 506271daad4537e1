// The create and edit forms of a trail: their values, the one zod schema that checks what
// mocks/emulator/SEMANTICS.md §17.2 and §17.4 constrain (CloudTrail would otherwise reject the
// request), and the requests the values become.
import type {
  CreateTrailCommandInput,
  EventSelector,
  Trail,
  UpdateTrailCommandInput,
} from '@aws-sdk/client-cloudtrail';
import { z } from 'zod';
import { errorsOf } from '@/lib/form-errors';
import { tagsSchema, toTags, type TagDraft } from '@/lib/tags';

/** Model shape CreateTrail.Name: 3–128 characters (SEMANTICS.md §17.2). */
export const TRAIL_NAME = { min: 3, max: 128 } as const;
/** Model shape CreateTrail.S3KeyPrefix: at most 200 characters. */
export const S3_KEY_PREFIX = { max: 200 } as const;
/** SNS topic names: 1–256 letters, numbers, hyphens and underscores. */
export const SNS_TOPIC_NAME = { min: 1, max: 256, pattern: /^[A-Za-z0-9_-]+$/ } as const;
/** S3 bucket names: 3–63 characters. */
export const S3_BUCKET_NAME = { min: 3, max: 63 } as const;

export interface TrailFormValues {
  name: string;
  bucket: string;
  prefix: string;
  snsTopic: string;
  logFileValidation: boolean;
  multiRegion: boolean;
  includeGlobalServiceEvents: boolean;
  cloudWatchLogs: boolean;
  logGroupArn: string;
  roleArn: string;
  /** Create only: management events, read and write (the AWS console's default is both). */
  readEvents: boolean;
  writeEvents: boolean;
  tags: TagDraft[];
}

/** Eight hex digits for a new bucket's name, as the AWS console suggests. */
export function randomBucketSuffix(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(4));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** The bucket name the AWS console suggests: `aws-cloudtrail-logs-<account>-<8 hex>`. */
export function suggestedBucketName(account: string, suffix: string): string {
  return `aws-cloudtrail-logs-${account}-${suffix}`;
}

/** The create form's start: the AWS console's defaults (multi-Region, validation on, read and write management events). */
export function defaultTrailFormValues(bucket: string): TrailFormValues {
  return {
    name: '',
    bucket,
    prefix: '',
    snsTopic: '',
    logFileValidation: true,
    multiRegion: true,
    includeGlobalServiceEvents: true,
    cloudWatchLogs: false,
    logGroupArn: '',
    roleArn: '',
    readEvents: true,
    writeEvents: true,
    tags: [],
  };
}

const IPV4_SHAPED = /^\d{1,3}(\.\d{1,3}){3}$/;

const name = z
  .string()
  .min(TRAIL_NAME.min, `Enter a name of at least ${String(TRAIL_NAME.min)} characters.`)
  .max(TRAIL_NAME.max, `Use at most ${String(TRAIL_NAME.max)} characters.`)
  .superRefine((value, context) => {
    const issue = (message: string) => {
      context.addIssue({ code: 'custom', message });
    };
    if (value.length < TRAIL_NAME.min || value.length > TRAIL_NAME.max) return;
    if (!/^[A-Za-z0-9]/.test(value)) issue('Start the name with a letter or number.');
    else if (!/[A-Za-z0-9]$/.test(value)) issue('End the name with a letter or number.');
    else if (!/^[A-Za-z0-9._-]+$/.test(value)) issue('Use only letters, numbers, periods, underscores and hyphens.');
    else if (/[._-]{2}/.test(value)) issue('Do not put periods, underscores or hyphens next to each other.');
    else if (IPV4_SHAPED.test(value)) issue('A trail name cannot look like an IP address.');
  });

/** Why a bucket name is not a valid S3 bucket name, or undefined. */
export function bucketNameProblem(value: string): string | undefined {
  if (value === '') return 'Enter the name of the S3 bucket for the log files.';
  if (value.length < S3_BUCKET_NAME.min || value.length > S3_BUCKET_NAME.max)
    return `Use ${String(S3_BUCKET_NAME.min)}–${String(S3_BUCKET_NAME.max)} characters.`;
  if (!/^[a-z0-9.-]+$/.test(value)) return 'Use only lowercase letters, numbers, periods and hyphens.';
  if (value.includes('..') || value.includes('.-') || value.includes('-.'))
    return 'Do not put a period next to another period or a hyphen.';
  if (value.split('.').some((label) => !/^[a-z0-9](.*[a-z0-9])?$/.test(label)))
    return 'Start and end the name, and each part between periods, with a letter or number.';
  if (IPV4_SHAPED.test(value)) return 'A bucket name cannot look like an IP address.';
  return undefined;
}

/** Why a log file prefix is invalid, or undefined. */
function prefixProblem(value: string): string | undefined {
  if (value.length > S3_KEY_PREFIX.max) return `Use at most ${String(S3_KEY_PREFIX.max)} characters.`;
  if (value.startsWith('/') || value.endsWith('/')) return 'Do not start or end the prefix with a slash.';
  if (value.includes('//')) return 'Do not put two slashes next to each other.';
  return undefined;
}

const SNS_TOPIC_ARN = /^arn:aws:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}$/;

function snsTopicProblem(value: string): string | undefined {
  if (value === '' || SNS_TOPIC_ARN.test(value)) return undefined;
  if (value.length > SNS_TOPIC_NAME.max) return `A topic name has at most ${String(SNS_TOPIC_NAME.max)} characters.`;
  if (!SNS_TOPIC_NAME.pattern.test(value))
    return 'Enter a topic name (letters, numbers, hyphens and underscores) or a topic ARN.';
  return undefined;
}

const LOG_GROUP_ARN = /^arn:aws:logs:([a-z0-9-]+):(\d{12}):log-group:([A-Za-z0-9_/.#-]{1,512})(:\*)?$/;
const ROLE_ARN = /^arn:aws:iam::(\d{12}):role\/[\w+=,.@/-]+$/;

/** Where a trail's CloudWatch Logs group must be: the trail's home Region and, when known, the caller's account. */
export interface TrailFormContext {
  region: string;
  account: string | undefined;
}

function trailFormSchema({ region, account }: TrailFormContext) {
  return z
    .object({
      name,
      bucket: z.string(),
      prefix: z.string(),
      snsTopic: z.string(),
      logFileValidation: z.boolean(),
      multiRegion: z.boolean(),
      includeGlobalServiceEvents: z.boolean(),
      cloudWatchLogs: z.boolean(),
      logGroupArn: z.string(),
      roleArn: z.string(),
      readEvents: z.boolean(),
      writeEvents: z.boolean(),
      tags: tagsSchema('A trail'),
    })
    .superRefine((values, context) => {
      const issue = (path: string, message: string | undefined) => {
        if (message !== undefined) context.addIssue({ code: 'custom', path: [path], message });
      };
      issue('bucket', bucketNameProblem(values.bucket));
      issue('prefix', prefixProblem(values.prefix));
      issue('snsTopic', snsTopicProblem(values.snsTopic));
      if (!values.readEvents && !values.writeEvents) issue('writeEvents', 'Log read events, write events or both.');
      if (values.cloudWatchLogs) {
        const group = LOG_GROUP_ARN.exec(values.logGroupArn);
        if (values.logGroupArn === '') issue('logGroupArn', 'Enter the ARN of the log group.');
        else if (!group)
          issue('logGroupArn', 'Enter a log group ARN: arn:aws:logs:<region>:<account>:log-group:<name>:*');
        else if (group[1] !== region) issue('logGroupArn', `Use a log group in ${region}, the trail's home Region.`);
        else if (account !== undefined && group[2] !== account)
          issue('logGroupArn', `Use a log group of your account, ${account}.`);
        const role = ROLE_ARN.exec(values.roleArn);
        if (values.roleArn === '')
          issue('roleArn', 'Enter the ARN of the role CloudTrail assumes to write to the group.');
        else if (!role) issue('roleArn', 'Enter a role ARN: arn:aws:iam::<account>:role/<name>');
        else if (account !== undefined && role[1] !== account)
          issue('roleArn', `Use a role of your account, ${account}.`);
      }
    });
}

/** Field errors of the current values, by dotted path ("tags.0.key"); derived on every render. */
export function trailFormErrors(values: TrailFormValues, context: TrailFormContext): Record<string, string> {
  return errorsOf(trailFormSchema(context).safeParse(values));
}

/** Basic selectors for the management events chosen on create; undefined for the default (read and write). */
export function createEventSelectorsOf(values: TrailFormValues): EventSelector[] | undefined {
  if (values.readEvents && values.writeEvents) return undefined;
  return [
    {
      ReadWriteType: values.readEvents ? 'ReadOnly' : 'WriteOnly',
      IncludeManagementEvents: true,
      DataResources: [],
      ExcludeManagementEventSources: [],
    },
  ];
}

/** The CreateTrail request of valid values. */
export function toCreateInput(values: TrailFormValues): CreateTrailCommandInput {
  return {
    Name: values.name,
    S3BucketName: values.bucket,
    ...(values.prefix === '' ? {} : { S3KeyPrefix: values.prefix }),
    ...(values.snsTopic === '' ? {} : { SnsTopicName: values.snsTopic }),
    // A multi-Region trail must include global service events.
    IncludeGlobalServiceEvents: values.multiRegion || values.includeGlobalServiceEvents,
    IsMultiRegionTrail: values.multiRegion,
    EnableLogFileValidation: values.logFileValidation,
    ...(values.cloudWatchLogs
      ? { CloudWatchLogsLogGroupArn: values.logGroupArn, CloudWatchLogsRoleArn: values.roleArn }
      : {}),
    ...(values.tags.length > 0 ? { TagsList: toTags(values.tags) } : {}),
  };
}

/** Form values showing a trail, for the edit form. */
export function formValuesOf(trail: Trail): TrailFormValues {
  return {
    ...defaultTrailFormValues(trail.S3BucketName ?? ''),
    name: trail.Name ?? '',
    prefix: trail.S3KeyPrefix ?? '',
    snsTopic: trail.SnsTopicARN ?? '',
    logFileValidation: trail.LogFileValidationEnabled ?? false,
    multiRegion: trail.IsMultiRegionTrail ?? false,
    includeGlobalServiceEvents: trail.IncludeGlobalServiceEvents ?? false,
    cloudWatchLogs: trail.CloudWatchLogsLogGroupArn !== undefined,
    logGroupArn: trail.CloudWatchLogsLogGroupArn ?? '',
    roleArn: trail.CloudWatchLogsRoleArn ?? '',
  };
}

/**
 * The UpdateTrail request for what the form changed, or undefined when nothing did. An emptied
 * prefix or topic, or CloudWatch Logs turned off, is sent as an empty string, which clears it.
 */
export function toUpdateInput(
  trail: Trail,
  initial: TrailFormValues,
  values: TrailFormValues,
): UpdateTrailCommandInput | undefined {
  const input: UpdateTrailCommandInput = { Name: trail.TrailARN ?? trail.Name ?? '' };
  if (values.bucket !== initial.bucket) input.S3BucketName = values.bucket;
  if (values.prefix !== initial.prefix) input.S3KeyPrefix = values.prefix;
  if (values.snsTopic !== initial.snsTopic) input.SnsTopicName = values.snsTopic;
  if (values.logFileValidation !== initial.logFileValidation) input.EnableLogFileValidation = values.logFileValidation;
  if (values.multiRegion !== initial.multiRegion) input.IsMultiRegionTrail = values.multiRegion;
  const includeGlobal = values.multiRegion || values.includeGlobalServiceEvents;
  // Turning multi-Region off also turns global service events off unless they are sent.
  if (includeGlobal !== initial.includeGlobalServiceEvents || input.IsMultiRegionTrail === false)
    input.IncludeGlobalServiceEvents = includeGlobal;
  const group = values.cloudWatchLogs ? values.logGroupArn : '';
  const role = values.cloudWatchLogs ? values.roleArn : '';
  const initialGroup = initial.cloudWatchLogs ? initial.logGroupArn : '';
  const initialRole = initial.cloudWatchLogs ? initial.roleArn : '';
  // The pair is sent together: CloudTrail rejects one without the other.
  if (group !== initialGroup || role !== initialRole) {
    input.CloudWatchLogsLogGroupArn = group;
    input.CloudWatchLogsRoleArn = role;
  }
  return Object.keys(input).length > 1 ? input : undefined;
}

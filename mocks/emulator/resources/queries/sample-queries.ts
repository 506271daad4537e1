// SearchSampleQueries (SEMANTICS.md §10.4): CloudTrail Lake's built-in sample queries, ranked by
// how many words of the search phrase they share. The SQL names the store as `$EDS_ID`, as the AWS
// console's samples do; the query page puts a store's ID in its place.
import type {
  SearchSampleQueriesRequest,
  SearchSampleQueriesResponse,
  SearchSampleQueriesSearchResult,
} from '@aws-sdk/client-cloudtrail';
import type { RequestContext } from '../../context';
import { InvalidParameterException } from '../../errors';
import { fingerprint, tokenSigner } from '../../next-token';

interface SampleQuery {
  readonly name: string;
  readonly description: string;
  readonly sql: string;
}

/** The samples, about CloudTrail events and events from outside AWS (§11 schemas). */
export const SAMPLE_QUERIES: readonly SampleQuery[] = [
  {
    name: 'Top API calls in the last week',
    description: 'Counts the API calls of the last seven days by event source and event name, most frequent first.',
    sql: `SELECT eventSource, eventName, COUNT(*) AS apiCount FROM $EDS_ID WHERE eventTime > date_add('day', -7, now()) GROUP BY eventSource, eventName ORDER BY apiCount DESC LIMIT 50`,
  },
  {
    name: 'Top errors',
    description: 'The error codes that failed API calls returned most often, with an example error message.',
    sql: `SELECT errorCode, COUNT(*) AS errorCount, max(errorMessage) AS exampleMessage FROM $EDS_ID WHERE errorCode IS NOT NULL AND eventTime > date_add('day', -7, now()) GROUP BY errorCode ORDER BY errorCount DESC LIMIT 20`,
  },
  {
    name: 'Users with the most failed calls',
    description: 'Which users or roles made the most failed API calls (any error) in the last week.',
    sql: `SELECT userIdentity.arn AS principal, COUNT(*) AS failedCalls FROM $EDS_ID WHERE errorCode IS NOT NULL AND eventTime > date_add('day', -7, now()) GROUP BY userIdentity.arn ORDER BY failedCalls DESC LIMIT 20`,
  },
  {
    name: 'Access denied by user',
    description:
      'Calls refused with AccessDenied or UnauthorizedOperation, by user and action, to find missing permissions.',
    sql: `SELECT userIdentity.arn AS principal, eventSource, eventName, COUNT(*) AS denied FROM $EDS_ID WHERE (errorCode LIKE '%AccessDenied%' OR errorCode LIKE '%UnauthorizedOperation%') AND eventTime > date_add('day', -7, now()) GROUP BY userIdentity.arn, eventSource, eventName ORDER BY denied DESC`,
  },
  {
    name: 'Console sign-ins',
    description: 'Console sign-ins (ConsoleLogin) with their outcome, whether MFA was used and the source IP address.',
    sql: `SELECT eventTime, userIdentity.arn AS principal, sourceIPAddress, element_at(responseElements, 'ConsoleLogin') AS outcome, element_at(additionalEventData, 'MFAUsed') AS mfaUsed FROM $EDS_ID WHERE eventName = 'ConsoleLogin' ORDER BY eventTime DESC`,
  },
  {
    name: 'Failed console sign-ins',
    description: 'Console sign-ins that failed, by source IP address, to spot password guessing.',
    sql: `SELECT sourceIPAddress, COUNT(*) AS failures, max(eventTime) AS lastAttempt FROM $EDS_ID WHERE eventName = 'ConsoleLogin' AND errorMessage = 'Failed authentication' GROUP BY sourceIPAddress ORDER BY failures DESC`,
  },
  {
    name: 'Console sign-ins without MFA',
    description: 'Successful console sign-ins of IAM users who did not use multi-factor authentication (MFA).',
    sql: `SELECT eventTime, userIdentity.arn AS principal, sourceIPAddress FROM $EDS_ID WHERE eventName = 'ConsoleLogin' AND element_at(additionalEventData, 'MFAUsed') = 'No' AND errorCode IS NULL ORDER BY eventTime DESC`,
  },
  {
    name: 'Root user activity',
    description: 'Everything the account root user did, newest first.',
    sql: `SELECT eventTime, eventSource, eventName, sourceIPAddress, errorCode FROM $EDS_ID WHERE userIdentity.type = 'Root' ORDER BY eventTime DESC`,
  },
  {
    name: 'Who deleted resources',
    description: 'Delete, terminate and schedule-deletion calls: who deleted which resource, and when.',
    sql: `SELECT eventTime, userIdentity.arn AS principal, eventSource, eventName, element_at(resources, 1).arn AS resource FROM $EDS_ID WHERE (eventName LIKE 'Delete%' OR eventName LIKE 'Terminate%' OR eventName = 'ScheduleKeyDeletion') AND errorCode IS NULL ORDER BY eventTime DESC`,
  },
  {
    name: 'S3 bucket changes',
    description: 'Buckets created or deleted, and changes to bucket policies and encryption.',
    sql: `SELECT eventTime, userIdentity.arn AS principal, eventName, element_at(requestParameters, 'bucketName') AS bucket FROM $EDS_ID WHERE eventSource = 's3.amazonaws.com' AND eventName IN ('CreateBucket', 'DeleteBucket', 'PutBucketPolicy', 'PutBucketEncryption') ORDER BY eventTime DESC`,
  },
  {
    name: 'Most active S3 buckets',
    description: 'S3 object-level data events (GetObject, PutObject, DeleteObject) by bucket.',
    sql: `SELECT element_at(requestParameters, 'bucketName') AS bucket, eventName, COUNT(*) AS calls FROM $EDS_ID WHERE eventCategory = 'Data' AND eventSource = 's3.amazonaws.com' GROUP BY element_at(requestParameters, 'bucketName'), eventName ORDER BY calls DESC`,
  },
  {
    name: 'Security group ingress rules added',
    description: 'AuthorizeSecurityGroupIngress calls: who opened which ports in which security groups.',
    sql: `SELECT eventTime, userIdentity.arn AS principal, awsRegion, element_at(requestParameters, 'groupId') AS securityGroup, element_at(requestParameters, 'ipPermissions') AS rules FROM $EDS_ID WHERE eventName = 'AuthorizeSecurityGroupIngress' ORDER BY eventTime DESC`,
  },
  {
    name: 'EC2 instances launched and terminated',
    description: 'RunInstances, StopInstances and TerminateInstances calls by principal and region.',
    sql: `SELECT eventTime, userIdentity.arn AS principal, awsRegion, eventName, errorCode FROM $EDS_ID WHERE eventSource = 'ec2.amazonaws.com' AND eventName IN ('RunInstances', 'StopInstances', 'TerminateInstances') ORDER BY eventTime DESC`,
  },
  {
    name: 'IAM changes',
    description: 'Users, roles, access keys and policy attachments created or changed in IAM.',
    sql: `SELECT eventTime, userIdentity.arn AS principal, eventName, requestParameters FROM $EDS_ID WHERE eventSource = 'iam.amazonaws.com' AND readOnly = false ORDER BY eventTime DESC`,
  },
  {
    name: 'New access keys',
    description: 'CreateAccessKey calls: which user got a new access key, and who created it.',
    sql: `SELECT eventTime, userIdentity.arn AS creator, element_at(requestParameters, 'userName') AS forUser FROM $EDS_ID WHERE eventName = 'CreateAccessKey' AND errorCode IS NULL ORDER BY eventTime DESC`,
  },
  {
    name: 'Roles assumed',
    description: 'AssumeRole calls by role session and the principal that assumed the role.',
    sql: `SELECT element_at(requestParameters, 'roleArn') AS role, userIdentity.arn AS assumedBy, COUNT(*) AS sessions FROM $EDS_ID WHERE eventName = 'AssumeRole' GROUP BY element_at(requestParameters, 'roleArn'), userIdentity.arn ORDER BY sessions DESC`,
  },
  {
    name: 'KMS keys scheduled for deletion',
    description: 'ScheduleKeyDeletion calls on AWS KMS keys, with the key and the waiting period.',
    sql: `SELECT eventTime, userIdentity.arn AS principal, element_at(requestParameters, 'keyId') AS keyId, element_at(requestParameters, 'pendingWindowInDays') AS pendingDays FROM $EDS_ID WHERE eventName = 'ScheduleKeyDeletion' ORDER BY eventTime DESC`,
  },
  {
    name: 'Lambda function changes',
    description: 'Lambda functions created or whose code was updated, by principal.',
    sql: `SELECT eventTime, userIdentity.arn AS principal, eventName, element_at(requestParameters, 'functionName') AS functionName FROM $EDS_ID WHERE eventSource = 'lambda.amazonaws.com' AND eventName LIKE '%Function%' AND readOnly = false ORDER BY eventTime DESC`,
  },
  {
    name: 'CloudTrail configuration changes',
    description: 'Changes to CloudTrail itself: event data stores, channels, trails and resource policies.',
    sql: `SELECT eventTime, userIdentity.arn AS principal, eventName, errorCode FROM $EDS_ID WHERE eventSource = 'cloudtrail.amazonaws.com' AND readOnly = false ORDER BY eventTime DESC`,
  },
  {
    name: 'Activity by region',
    description: 'How many API calls each AWS Region received, to find activity in regions you do not use.',
    sql: `SELECT awsRegion, COUNT(*) AS calls FROM $EDS_ID GROUP BY awsRegion ORDER BY calls DESC`,
  },
  {
    name: 'Source IP addresses of a user',
    description: 'The IP addresses and user agents one user called from; replace the user name.',
    sql: `SELECT sourceIPAddress, userAgent, COUNT(*) AS calls FROM $EDS_ID WHERE userIdentity.username = 'dev-jordan' GROUP BY sourceIPAddress, userAgent ORDER BY calls DESC`,
  },
  {
    name: 'Events per day',
    description: 'Daily counts of events over the last 30 days, to see trends and spikes in activity.',
    sql: `SELECT date_trunc('day', eventTime) AS day, COUNT(*) AS events FROM $EDS_ID WHERE eventTime > date_add('day', -30, now()) GROUP BY date_trunc('day', eventTime) ORDER BY day`,
  },
  {
    name: 'Events from outside AWS by source',
    description: 'Events that integrations (channels) sent from outside AWS, by source and event name.',
    sql: `SELECT eventData.eventSource, eventData.eventName, COUNT(*) AS events FROM $EDS_ID GROUP BY eventData.eventSource, eventData.eventName ORDER BY events DESC`,
  },
  {
    name: 'Failed events from outside AWS',
    description: 'Events from integrations (outside AWS) that carry an error code, with the user who made them.',
    sql: `SELECT eventData.eventTime, eventData.eventSource, eventData.eventName, eventData.errorCode, eventData.userIdentity.principalId AS principal FROM $EDS_ID WHERE eventData.errorCode IS NOT NULL ORDER BY eventData.eventTime DESC`,
  },
];

/** SearchSampleQueries' page size when MaxResults is absent (§10.4). */
export const SEARCH_SAMPLE_QUERIES_DEFAULT_RESULTS = 10;

const STOP_WORDS = new Set([
  'a',
  'all',
  'an',
  'and',
  'any',
  'are',
  'by',
  'did',
  'do',
  'does',
  'find',
  'for',
  'from',
  'how',
  'i',
  'in',
  'is',
  'it',
  'last',
  'list',
  'me',
  'my',
  'of',
  'on',
  'or',
  'show',
  'the',
  'their',
  'to',
  'was',
  'were',
  'what',
  'which',
  'who',
  'with',
]);

/** Words of a text, lower case, without stop words, crudely stemmed ("deleted", "deletes" → "delet"). */
export function searchWords(text: string): Set<string> {
  const words = new Set<string>();
  for (const word of text.toLowerCase().split(/[^a-z0-9]+/)) {
    if (word.length < 2 || STOP_WORDS.has(word)) continue;
    words.add(word.replace(/(?:ing|ed|es|s|e)$/, '') || word);
  }
  return words;
}

const sampleWords = SAMPLE_QUERIES.map((sample) => searchWords(`${sample.name} ${sample.description}`));

/** The samples that share words with the phrase, most relevant first (share of the phrase's words). */
export function rankSampleQueries(phrase: string): SearchSampleQueriesSearchResult[] {
  const wanted = searchWords(phrase);
  if (wanted.size === 0) return [];
  const ranked: { sample: SampleQuery; relevance: number }[] = [];
  SAMPLE_QUERIES.forEach((sample, index) => {
    const words = sampleWords[index] ?? new Set<string>();
    let shared = 0;
    for (const word of wanted) if (words.has(word)) shared++;
    if (shared > 0) ranked.push({ sample, relevance: Math.round((shared / wanted.size) * 1000) / 1000 });
  });
  // A stable sort: equally relevant samples keep their listed order.
  return ranked
    .sort((a, b) => b.relevance - a.relevance)
    .map(({ sample, relevance }) => ({
      Name: sample.name,
      Description: sample.description,
      SQL: sample.sql,
      Relevance: relevance,
    }));
}

interface SampleToken {
  /** Fingerprint of the search phrase. */
  p: string;
  /** Results already returned. */
  o: number;
}

function isSampleToken(value: unknown): value is SampleToken {
  if (typeof value !== 'object' || value === null) return false;
  const token = value as Record<string, unknown>;
  return typeof token.p === 'string' && typeof token.o === 'number' && Number.isSafeInteger(token.o) && token.o > 0;
}

/**
 * SearchSampleQueries (§10.4): the samples ranked by word overlap with the phrase, Relevance
 * 0..1, MaxResults per page (default 10) and a signed NextToken bound to the phrase. The operation
 * declares no InvalidNextTokenException, so a bad token is InvalidParameterException.
 */
export function searchSampleQueries(
  input: SearchSampleQueriesRequest,
  context: RequestContext,
): SearchSampleQueriesResponse {
  const phrase = input.SearchPhrase ?? '';
  const limit = input.MaxResults ?? SEARCH_SAMPLE_QUERIES_DEFAULT_RESULTS;
  const signer = tokenSigner(context.state.config.seed);
  const bound = fingerprint(phrase);
  let offset = 0;
  if (input.NextToken !== undefined) {
    const token = signer.verify(input.NextToken);
    if (!isSampleToken(token) || token.p !== bound)
      throw new InvalidParameterException('The NextToken is invalid or was issued for another search phrase.');
    offset = token.o;
  }
  const ranked = rankSampleQueries(phrase);
  const page = ranked.slice(offset, offset + limit);
  const next = offset + page.length;
  return {
    SearchResults: page,
    ...(next < ranked.length ? { NextToken: signer.sign({ p: bound, o: next } satisfies SampleToken) } : {}),
  };
}

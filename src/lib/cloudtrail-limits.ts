// Limits from the CloudTrail service model and mocks/emulator/SEMANTICS.md, shared by the console's form schemas
// and the emulator. Imports nothing, because mocks/ imports it too; a test checks each constant
// against the model.

/** The standard commercial regions: those the emulator serves and the console's region selector offers (mocks/emulator/SEMANTICS.md §2). */
export const REGIONS = [
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
  'ca-central-1',
  'sa-east-1',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'eu-central-1',
  'eu-north-1',
  'ap-south-1',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'ap-southeast-1',
  'ap-southeast-2',
] as const;

/** LookupEvents MaxResults (model shape MaxResults); the service's default is the maximum. */
export const LOOKUP_EVENTS_MAX_RESULTS = { min: 1, max: 50 } as const;

/** Model shape LookupAttributeValue; `_`, space, `,` and newline count twice toward the weighted maximum. */
export const LOOKUP_ATTRIBUTE_VALUE = { min: 1, max: 2000, maxWeightedLength: 2000 } as const;

/** Model shape LookupAttributeKey. */
export const LOOKUP_ATTRIBUTE_KEYS = [
  'EventId',
  'EventName',
  'ReadOnly',
  'Username',
  'ResourceType',
  'ResourceName',
  'EventSource',
  'AccessKeyId',
] as const;

/** Event history keeps 90 days (mocks/emulator/SEMANTICS.md §7). */
export const EVENT_HISTORY_DAYS = 90;

/** LookupEvents rate per account and region (mocks/emulator/SEMANTICS.md §15). */
export const LOOKUP_EVENTS_PER_SECOND = 2;

/** Model shape EventDataStoreName. */
export const EVENT_DATA_STORE_NAME = { min: 3, max: 128, pattern: /^[a-zA-Z0-9._-]+$/ } as const;

/** Model shape BillingMode. */
export const BILLING_MODES = ['EXTENDABLE_RETENTION_PRICING', 'FIXED_RETENTION_PRICING'] as const;

/**
 * Model shape RetentionPeriod, in days, per BillingMode: the model allows 7..3653, and
 * FIXED_RETENTION_PRICING stops at 2557 (mocks/emulator/SEMANTICS.md §8.2). `default` is what CreateEventDataStore
 * gives a store created without a RetentionPeriod.
 */
export const RETENTION_PERIOD_DAYS = {
  EXTENDABLE_RETENTION_PRICING: { min: 7, max: 3653, default: 366 },
  FIXED_RETENTION_PRICING: { min: 7, max: 2557, default: 2557 },
} as const;

/** Model shape TagKey. */
export const TAG_KEY = { min: 1, max: 128, reservedPrefix: 'aws:' } as const;

/** Model shape TagValue; Tag.Value is optional, so an empty value is sent as no Value. */
export const TAG_VALUE = { min: 1, max: 256 } as const;

/** Tags per resource (mocks/emulator/SEMANTICS.md §15); model shape TagsList allows 200 in one request. */
export const MAX_TAGS = 50;

/** Model shape AdvancedEventSelectors: selectors per event data store (mocks/emulator/SEMANTICS.md §8.5, §15). */
export const MAX_SELECTORS = 5;

/** Values of all operators of all of a store's AdvancedFieldSelectors together (mocks/emulator/SEMANTICS.md §8.5, §15). */
export const MAX_SELECTOR_VALUES = 500;

/** Model shape OperatorValue. */
export const SELECTOR_VALUE = { min: 1, max: 2048 } as const;

/** Model shape SelectorName. */
export const SELECTOR_NAME = { max: 1000 } as const;

/** Model shape AdvancedFieldSelector: its operator members, in the model's order. */
export const SELECTOR_OPERATORS = [
  'Equals',
  'StartsWith',
  'EndsWith',
  'NotEquals',
  'NotStartsWith',
  'NotEndsWith',
] as const;

/** AdvancedFieldSelector Field values per eventCategory of CloudTrail events (mocks/emulator/SEMANTICS.md §8.5). */
export const SELECTOR_FIELDS = {
  Management: [
    'eventCategory',
    'eventSource',
    'eventName',
    'readOnly',
    'eventType',
    'sessionCredentialFromConsole',
    'userIdentity.arn',
  ],
  Data: [
    'eventCategory',
    'eventSource',
    'eventName',
    'readOnly',
    'eventType',
    'sessionCredentialFromConsole',
    'userIdentity.arn',
    'resources.type',
    'resources.ARN',
  ],
  NetworkActivity: ['eventCategory', 'eventSource', 'eventName', 'errorCode', 'vpcEndpointId'],
} as const;

/** AdvancedFieldSelector resources.type values of Data selectors (mocks/emulator/SEMANTICS.md §8.5; CloudTrail User Guide, "Data events"). */
export const DATA_RESOURCE_TYPES = [
  'AWS::S3::Object',
  'AWS::S3::AccessPoint',
  'AWS::S3Express::Object',
  'AWS::S3ObjectLambda::AccessPoint',
  'AWS::Lambda::Function',
  'AWS::DynamoDB::Table',
  'AWS::DynamoDB::Stream',
  'AWS::CloudTrail::Channel',
  'AWS::SNS::Topic',
  'AWS::SQS::Queue',
  'AWS::SecretsManager::Secret',
  'AWS::KMS::Key',
  'AWS::Glue::Table',
  'AWS::Bedrock::AgentAlias',
  'AWS::Bedrock::KnowledgeBase',
  'AWS::EC2::Snapshot',
] as const;

/** AdvancedFieldSelector eventSource values of NetworkActivity selectors (mocks/emulator/SEMANTICS.md §8.5). */
export const NETWORK_ACTIVITY_SOURCES = [
  'cloudtrail.amazonaws.com',
  'ec2.amazonaws.com',
  'kms.amazonaws.com',
  'secretsmanager.amazonaws.com',
] as const;

/** A deleted event data store is purged this many days after DeleteEventDataStore (mocks/emulator/SEMANTICS.md §8.3). */
export const EVENT_DATA_STORE_DELETION_WAIT_DAYS = 7;

/** Model shape ChannelName. Service-linked channels' names hold `/`, so no one can create one. */
/** Event data stores per account and Region, pending deletion excluded (mocks/emulator/SEMANTICS.md §8.4, §15). */
export const EVENT_DATA_STORES_PER_REGION = 10;

/** Integration channels per account and Region; service-linked ones do not count (mocks/emulator/SEMANTICS.md §15). */
export const INTEGRATION_CHANNELS_PER_REGION = 25;

export const CHANNEL_NAME = { min: 3, max: 128, pattern: /^[a-zA-Z0-9._-]+$/ } as const;

/** Model shape Destinations: event data stores one channel sends to. */
export const CHANNEL_DESTINATIONS = { min: 1, max: 200 } as const;

/** The Source of a customer's own integration, the only one several channels may share (mocks/emulator/SEMANTICS.md §12.1). */
export const CUSTOM_CHANNEL_SOURCE = 'Custom';

/** The reserved Source of service-linked channels (mocks/emulator/SEMANTICS.md §12.3). */
export const SERVICE_LINKED_CHANNEL_SOURCE = 'CloudTrail';

/**
 * Model shape Source, as CreateChannel accepts it (mocks/emulator/SEMANTICS.md §12.2): the console's name, the
 * exact Source value, and how the partner integrates. Direct partners send from their own account,
 * so the channel needs a resource policy naming it; solutions run in the customer's account.
 */
export const CHANNEL_SOURCES = [
  { source: 'Custom', name: 'My custom integration', type: 'custom' },
  { source: 'Clumio', name: 'Clumio', type: 'direct' },
  { source: 'LaunchDarkly', name: 'LaunchDarkly', type: 'direct' },
  { source: 'IBMMulticloud', name: 'Nordcloud, an IBM Company', type: 'direct' },
  { source: 'MontyCloud', name: 'MontyCloud', type: 'direct' },
  { source: 'Snyk', name: 'Snyk.io', type: 'direct' },
  { source: 'CloudStorageSecurityConsole', name: 'Cloud Storage Security', type: 'solution' },
  { source: 'CrowdStrike', name: 'CrowdStrike', type: 'solution' },
  { source: 'CyberArk', name: 'CyberArk', type: 'solution' },
  { source: 'GitHub', name: 'GitHub', type: 'solution' },
  { source: 'KongGatewayEnterprise', name: 'Kong Inc', type: 'solution' },
  { source: 'NetskopeCloudExchange', name: 'Netskope', type: 'solution' },
  { source: 'OktaSystemLogEvents', name: 'Okta', type: 'solution' },
  { source: 'OneLogin', name: 'One Identity', type: 'solution' },
  { source: 'Shoreline', name: 'Shoreline.io', type: 'solution' },
  { source: 'WizAuditLogs', name: 'Wiz', type: 'solution' },
] as const satisfies readonly { source: string; name: string; type: 'custom' | 'direct' | 'solution' }[];

/** An AWS account ID, as a channel policy's Principal names it (mocks/emulator/SEMANTICS.md §12.4). */
export const AWS_ACCOUNT_ID = /^\d{12}$/;

/** Model shape ResourcePolicy, in characters; channel policies have the same limit (mocks/emulator/SEMANTICS.md §12.4). */
export const RESOURCE_POLICY = { min: 1, max: 8192 } as const;

/** Statements and AWS principals in one channel policy (mocks/emulator/SEMANTICS.md §12.4, §15). */
export const MAX_CHANNEL_POLICY_STATEMENTS = 20;
export const MAX_CHANNEL_POLICY_PRINCIPALS = 50;

/** cloudtrail-data model shape ExternalId. */
export const EXTERNAL_ID = { min: 2, max: 1224, pattern: /^[\w+=,.@:/-]*$/ } as const;

/** cloudtrail-data model shape AuditEvents: events in one PutAuditEvents request. */
export const AUDIT_EVENTS_PER_REQUEST = { min: 1, max: 100 } as const;

/** cloudtrail-data model shape Uuid, used for each audit event's `id`. */
export const AUDIT_EVENT_ID = { min: 1, max: 128, pattern: /^[-_A-Za-z0-9]+$/ } as const;

/** Model shape QueryStatement, in characters (mocks/emulator/SEMANTICS.md §15). */
export const QUERY_STATEMENT = { min: 1, max: 10_000 } as const;

/** Model shape MaxQueryResults: rows in one GetQueryResults page. */
export const QUERY_RESULTS_PAGE = { min: 1, max: 1000 } as const;

/** Model shape Prompt of GenerateQuery: printable ASCII and newlines. */
export const GENERATE_QUERY_PROMPT = { min: 3, max: 500, pattern: /^[ -~\n]*$/ } as const;

/** Model shape SearchSampleQueriesSearchPhrase: printable ASCII and newlines. */
export const SAMPLE_QUERY_SEARCH_PHRASE = { min: 2, max: 1000, pattern: /^[ -~\n]*$/ } as const;

/** Queries and their results are kept this many days (mocks/emulator/SEMANTICS.md §10.4). */
export const QUERY_RETENTION_DAYS = 7;

/** Model shape UUID, as a QueryId. */
export const QUERY_ID = { length: 36, pattern: /^[a-f0-9-]+$/ } as const;

/** Model shape DashboardName (SEMANTICS.md §18.2); names starting `AWSCloudTrail-` are AWS's. */
export const DASHBOARD_NAME = {
  min: 3,
  max: 128,
  pattern: /^[a-zA-Z0-9_-]+$/,
  reservedPrefix: 'AWSCloudTrail-',
} as const;

/** Widgets per dashboard (SEMANTICS.md §18.3, §18.15). */
export const MAX_WIDGETS = 10;

// Which event data stores a built-in managed dashboard can read (mocks/emulator/SEMANTICS.md §18.12):
// its store picker offers only stores of that kind, read from their selectors.
import type { AdvancedEventSelector } from '@aws-sdk/client-cloudtrail';
import { categoriesOf, kindOf } from '@/lib/event-data-store-kind';

export type ManagedStoreKind =
  'management' | 'organization' | 'data' | 'lambda-data' | 'dynamodb-data' | 's3-data' | 'insights';

/** The built-ins and the kind of store each reads; the Highlights reads its own store and is not here. */
const BUILT_IN_STORE_KINDS: Readonly<Record<string, ManagedStoreKind>> = {
  'AWSCloudTrail-Overview': 'management',
  'AWSCloudTrail-ManagementEvents': 'management',
  'AWSCloudTrail-SecurityMonitoring': 'management',
  'AWSCloudTrail-IAMActivity': 'management',
  'AWSCloudTrail-UserActivity': 'management',
  'AWSCloudTrail-ErrorAnalysis': 'management',
  'AWSCloudTrail-EC2Activity': 'management',
  'AWSCloudTrail-OrganizationsActivity': 'organization',
  'AWSCloudTrail-ResourceChanges': 'management',
  'AWSCloudTrail-DataEventsOverview': 'data',
  'AWSCloudTrail-LambdaDataEvents': 'lambda-data',
  'AWSCloudTrail-DynamoDBDataEvents': 'dynamodb-data',
  'AWSCloudTrail-S3DataEvents': 's3-data',
  'AWSCloudTrail-InsightsEvents': 'insights',
};

/** The store kind a built-in reads; undefined for the Highlights and custom dashboards. */
export function builtInStoreKind(name: string): ManagedStoreKind | undefined {
  return Object.hasOwn(BUILT_IN_STORE_KINDS, name) ? BUILT_IN_STORE_KINDS[name] : undefined;
}

/** How a kind reads in the store picker's description. */
export const STORE_KIND_LABELS: Readonly<Record<ManagedStoreKind, string>> = {
  management: 'management events',
  organization: 'management events',
  data: 'data events',
  'lambda-data': 'Lambda data events',
  'dynamodb-data': 'DynamoDB data events',
  's3-data': 'S3 data events',
  insights: 'Insights events',
};

const DATA_RESOURCE_TYPES: Partial<Record<ManagedStoreKind, string>> = {
  'lambda-data': 'AWS::Lambda::Function',
  'dynamodb-data': 'AWS::DynamoDB::Table',
  's3-data': 'AWS::S3::Object',
};

/** The resources.type values a store's selectors name. */
function resourceTypesOf(selectors: readonly AdvancedEventSelector[] | undefined): string[] {
  return (selectors ?? []).flatMap((selector) =>
    (selector.FieldSelectors ?? []).flatMap((field) => (field.Field === 'resources.type' ? (field.Equals ?? []) : [])),
  );
}

/** Whether a store (by its selectors) holds the events a built-in of this kind reads. */
export function storeMatchesKind(
  selectors: readonly AdvancedEventSelector[] | undefined,
  kind: ManagedStoreKind,
): boolean {
  if (kind === 'insights') return kindOf(selectors) === 'Insights';
  if (kindOf(selectors) !== 'CloudTrailEvents') return false;
  const categories = categoriesOf(selectors);
  // No eventCategory selector: CloudTrail's default selects management events.
  if (kind === 'management' || kind === 'organization')
    return categories.length === 0 || categories.includes('Management');
  if (!categories.includes('Data')) return false;
  const type = DATA_RESOURCE_TYPES[kind];
  return type === undefined || resourceTypesOf(selectors).includes(type);
}

/** The stores a custom dashboard's widgets read: those whose ID or ARN its statements name. */
export function storesNamedBy<Store extends { EventDataStoreArn?: string | undefined }>(
  statements: readonly string[],
  stores: readonly Store[],
): Store[] {
  const text = statements.join('\n');
  return stores.filter((store) => {
    const arn = store.EventDataStoreArn ?? '';
    const id = arn.slice(arn.lastIndexOf('/') + 1);
    return id !== '' && text.includes(id);
  });
}

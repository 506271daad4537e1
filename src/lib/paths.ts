// Every link inside the console is built here, so routes can change in one place.
import { eventHistorySearch, type EventHistoryView } from './event-history-url';

function withSearch(path: string, search: URLSearchParams): string {
  const text = search.toString();
  return text === '' ? path : `${path}?${text}`;
}

/** The ID of an event data store ARN (`arn:aws:cloudtrail:<region>:<account>:eventdatastore/<id>`); an ID stays as it is. */
export function eventDataStoreIdOf(arnOrId: string): string {
  const marker = ':eventdatastore/';
  const at = arnOrId.indexOf(marker);
  return at === -1 ? arnOrId : arnOrId.slice(at + marker.length);
}

/** The ID of a channel ARN (`arn:aws:cloudtrail:<region>:<account>:channel/<id>`); an ID stays as it is. */
function channelIdOf(arnOrId: string): string {
  const marker = ':channel/';
  const at = arnOrId.indexOf(marker);
  return at === -1 ? arnOrId : arnOrId.slice(at + marker.length);
}

export const paths = {
  home: () => '/',
  /** Event history, optionally with a view (filters, time range, page). */
  eventHistory: (view?: Partial<EventHistoryView>) =>
    view ? withSearch('/events', eventHistorySearch(view)) : '/events',
  eventDetail: (eventId: string) => `/events/${encodeURIComponent(eventId)}`,
  /** Events side by side (up to five), each `region/eventId` or a bare ID of the current region. */
  compareEvents: (events: readonly { eventId: string; region?: string }[]) =>
    withSearch(
      '/events/compare',
      new URLSearchParams(events.map(({ eventId, region }) => ['event', region ? `${region}/${eventId}` : eventId])),
    ),
  /** Everything that happened to a resource, by name or ARN (`?resource=`). */
  resourceStory: (resource?: string) =>
    withSearch('/resource-story', new URLSearchParams(resource === undefined ? [] : [['resource', resource]])),
  /** Lake event data stores of the region. */
  eventDataStores: () => '/lake/event-data-stores',
  createEventDataStore: () => '/lake/event-data-stores/create',
  /** A store's page, by ARN or ID; the URL holds the ID. */
  eventDataStoreDetail: (arnOrId: string) =>
    `/lake/event-data-stores/${encodeURIComponent(eventDataStoreIdOf(arnOrId))}`,
  editEventDataStore: (arnOrId: string) =>
    `/lake/event-data-stores/${encodeURIComponent(eventDataStoreIdOf(arnOrId))}/edit`,
  /** The Lake query editor, opened with a statement (`?sql=`) or on a query and its results (`?queryId=`). */
  lakeQuery: (open: { sql?: string; queryId?: string } = {}) =>
    withSearch(
      '/lake/query',
      new URLSearchParams([
        ...(open.sql === undefined ? [] : [['sql', open.sql]]),
        ...(open.queryId === undefined ? [] : [['queryId', open.queryId]]),
      ]),
    ),
  /** Lake dashboards: the Highlights tab, or the managed and custom dashboards (`?tab=dashboards`). */
  dashboards: (tab?: 'highlights' | 'dashboards') =>
    withSearch('/lake/dashboards', new URLSearchParams(tab === undefined ? [] : [['tab', tab]])),
  /** Build a dashboard; `from` (and `store`) save a copy of another dashboard, its `FROM ?` read from that store. */
  createDashboard: (copy: { from?: string; store?: string } = {}) =>
    withSearch(
      '/lake/dashboards/create',
      new URLSearchParams([
        ...(copy.from === undefined ? [] : [['from', copy.from]]),
        ...(copy.store === undefined ? [] : [['store', copy.store]]),
      ]),
    ),
  /** A dashboard's page, by name. */
  dashboardDetail: (name: string) => `/lake/dashboards/${encodeURIComponent(name)}`,
  editDashboard: (name: string) => `/lake/dashboards/${encodeURIComponent(name)}/edit`,
  /** Lake integrations: the region's channels, integration and service-linked. */
  integrations: () => '/lake/integrations',
  createIntegration: () => '/lake/integrations/create',
  /** A channel's page, by ARN or ID; the URL holds the ID. */
  channelDetail: (arnOrId: string) => `/lake/integrations/${encodeURIComponent(channelIdOf(arnOrId))}`,
  /** Trails of the account visible in the region. */
  trails: () => '/trails',
  createTrail: () => '/trails/create',
  /** A trail's page, by ARN: a name alone is ambiguous across Regions. */
  trailDetail: (arn: string, tab?: string) =>
    `/trails/${encodeURIComponent(arn)}${tab === undefined ? '' : `?${new URLSearchParams({ tab }).toString()}`}`,
  editTrail: (arn: string) => `/trails/${encodeURIComponent(arn)}/edit`,
  editTrailEventSelectors: (arn: string) => `/trails/${encodeURIComponent(arn)}/event-selectors`,
  settings: () => '/settings',
} as const;

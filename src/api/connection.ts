// Which backend the console talks to. Only the kind, the endpoint and the region are remembered
// in localStorage; AWS credentials stay in memory, or in sessionStorage when the user asks.
import { REGIONS } from '@/lib/cloudtrail-limits';

export const DEFAULT_REGION = 'us-east-1';

export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export type Connection =
  | { kind: 'embedded'; region: string }
  | { kind: 'local'; region: string; endpoint: string }
  | { kind: 'aws'; region: string; credentials?: AwsCredentials; rememberForSession: boolean };

export type ConnectionKind = Connection['kind'];

/**
 * A secret-free identity of the backend and region; every query key starts with it, so data
 * of one backend or account never shows under another.
 */
export type BackendId = string;

export function backendIdOf(connection: Connection): BackendId {
  const scope = storageScopeOf(connection);
  return connection.kind === 'aws' ? `${scope}:${connection.credentials?.accessKeyId ?? 'no-credentials'}` : scope;
}

/**
 * The backend and region without any credential, for what the console keeps in local storage
 * (saved queries, measured scan sizes): an access key ID never goes there.
 */
export function storageScopeOf(connection: Connection): string {
  switch (connection.kind) {
    case 'embedded':
      return `embedded:${connection.region}`;
    case 'local':
      return `local:${connection.endpoint}:${connection.region}`;
    case 'aws':
      return `aws:${connection.region}`;
  }
}

/** How the top navigation names the backend. */
export function describeBackend(connection: Connection): string {
  switch (connection.kind) {
    case 'embedded':
      return 'Embedded emulator';
    case 'local':
      return `Emulator at ${connection.endpoint}`;
    case 'aws':
      return 'AWS';
  }
}

const CONNECTION_KEY = 'cloudtrail-console.connection';
const CREDENTIALS_KEY = 'cloudtrail-console.aws-credentials';

interface SavedConnection {
  kind?: unknown;
  region?: unknown;
  endpoint?: unknown;
  rememberForSession?: unknown;
}

function isRegion(value: unknown): value is string {
  return typeof value === 'string' && (REGIONS as readonly string[]).includes(value);
}

/** A URL the console may send requests to: http or https only. */
export function isEndpointUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

function readJson(storage: Storage, key: string): unknown {
  try {
    return JSON.parse(storage.getItem(key) ?? 'null') as unknown;
  } catch {
    return null;
  }
}

function readCredentials(): AwsCredentials | undefined {
  const saved = readJson(sessionStorage, CREDENTIALS_KEY) as Partial<AwsCredentials> | null;
  if (typeof saved?.accessKeyId !== 'string' || typeof saved.secretAccessKey !== 'string') return undefined;
  return {
    accessKeyId: saved.accessKeyId,
    secretAccessKey: saved.secretAccessKey,
    ...(typeof saved.sessionToken === 'string' ? { sessionToken: saved.sessionToken } : {}),
  };
}

/** The connection saved by this browser; anything malformed falls back to the embedded emulator. */
export function loadConnection(): Connection {
  const saved = (readJson(localStorage, CONNECTION_KEY) ?? {}) as SavedConnection;
  const region = isRegion(saved.region) ? saved.region : DEFAULT_REGION;
  if (saved.kind === 'local' && typeof saved.endpoint === 'string' && isEndpointUrl(saved.endpoint))
    return { kind: 'local', region, endpoint: saved.endpoint };
  if (saved.kind === 'aws') {
    const credentials = readCredentials();
    return {
      kind: 'aws',
      region,
      rememberForSession: credentials !== undefined,
      ...(credentials ? { credentials } : {}),
    };
  }
  return { kind: 'embedded', region };
}

/** Saves the connection: secrets never reach localStorage. */
export function saveConnection(connection: Connection): void {
  const { kind, region } = connection;
  localStorage.setItem(
    CONNECTION_KEY,
    JSON.stringify(connection.kind === 'local' ? { kind, region, endpoint: connection.endpoint } : { kind, region }),
  );
  if (connection.kind === 'aws' && connection.rememberForSession && connection.credentials)
    sessionStorage.setItem(CREDENTIALS_KEY, JSON.stringify(connection.credentials));
  else sessionStorage.removeItem(CREDENTIALS_KEY);
}

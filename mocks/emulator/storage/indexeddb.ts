// Browser storage: one IndexedDB object store keyed by [collection, key]. A write is one
// transaction; its promise resolves on `complete`, so an answered call survives a reload. A write
// refused for want of space (the browser's quota for the site) rejects with StorageFullError.
// S3 objects (SEMANTICS.md §17.12) live in a second object store, keyed `<bucket>/<key>`, written
// in the same transaction as the entries of the call that delivered them.
import {
  asStoredEntry,
  compareUtf8,
  LoadTally,
  objectEntryKey,
  objectKeyProblem,
  OBJECTS,
  splitObjectEntryKey,
  StorageFullError,
  type EmulatorStorage,
  type StoredEntry,
} from './storage';

const STORE = 'entries';
/** Added in version 2 of the database; version 1 had only `entries`, kept as it was. */
const OBJECT_STORE = 'objects';
const VERSION = 2;

/** A row of the object store. */
interface ObjectRow {
  bytes: Uint8Array;
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => {
      resolve(req.result);
    };
    req.onerror = () => {
      reject(req.error ?? new Error('IndexedDB request failed'));
    };
  });
}

/** The error to reject with: StorageFullError for a quota failure, else the error itself. */
function storageError(error: DOMException | null, fallback: string): Error {
  if (error?.name === 'QuotaExceededError') return new StorageFullError({ cause: error });
  return error ?? new Error(fallback);
}

/**
 * Settles when the transaction completes or fails. A quota failure shows up either as a request's
 * error (which then aborts the transaction) or as the transaction aborting at commit, with
 * `transaction.error` a QuotaExceededError; both become StorageFullError.
 */
function done(transaction: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    transaction.oncomplete = () => {
      resolve();
    };
    transaction.onerror = (event) => {
      const target = event.target as IDBRequest | IDBTransaction | null;
      reject(storageError(transaction.error ?? target?.error ?? null, 'IndexedDB transaction failed'));
    };
    transaction.onabort = () => {
      reject(storageError(transaction.error, 'IndexedDB transaction aborted'));
    };
  });
}

/** A row that is a live entry: a StoredEntry with a value. */
const isLive = (row: unknown) => asStoredEntry(row)?.value !== undefined;

/** Deletes the rows that are not live entries, so a damaged database heals once it is loaded. */
function removeDamaged(db: IDBDatabase): Promise<void> {
  const transaction = db.transaction(STORE, 'readwrite');
  const cursor = transaction.objectStore(STORE).openCursor();
  cursor.onsuccess = () => {
    const row = cursor.result;
    if (!row) return;
    if (!isLive(row.value)) row.delete();
    row.continue();
  };
  return done(transaction);
}

/** Storage in the IndexedDB database `name` of the given factory (the page's `indexedDB`). */
export function indexedDbStorage(
  factory: IDBFactory,
  name: string,
  /** The page's IDBKeyRange; a test passes its fake's. Without one, listings read every key. */
  keyRange: typeof IDBKeyRange | undefined = (globalThis as { IDBKeyRange?: typeof IDBKeyRange }).IDBKeyRange,
): EmulatorStorage {
  let database: Promise<IDBDatabase> | undefined;
  const open = () => {
    database ??= new Promise<IDBDatabase>((resolve, reject) => {
      const req = factory.open(name, VERSION);
      // From any older version (or none): add what is missing, keep every existing row.
      req.onupgradeneeded = () => {
        const db = req.result;
        if (!db.objectStoreNames.contains(STORE)) db.createObjectStore(STORE, { keyPath: ['collection', 'key'] });
        if (!db.objectStoreNames.contains(OBJECT_STORE)) db.createObjectStore(OBJECT_STORE);
      };
      req.onsuccess = () => {
        const db = req.result;
        // A newer version opened elsewhere (another tab after an update) waits for this one to close.
        db.onversionchange = () => {
          db.close();
          database = undefined;
        };
        resolve(db);
      };
      req.onerror = () => {
        reject(req.error ?? new Error(`Cannot open IndexedDB database ${name}`));
      };
    });
    return database;
  };
  return {
    // Rows read back that are not StoredEntry objects (written by hand, by another version, or
    // damaged) are skipped and counted. IndexedDB does not say how many bytes it read: bytes is 0.
    load: async () => {
      const started = performance.now();
      const db = await open();
      const rows = await request(
        db.transaction(STORE, 'readonly').objectStore(STORE).getAll() as IDBRequest<unknown[]>,
      );
      const tally = new LoadTally();
      const entries: StoredEntry[] = [];
      for (const row of rows) {
        // A row is a live value: one without `value` is as damaged as one without a key.
        if (isLive(row)) entries.push(row as StoredEntry);
        else tally.skip('wrong shape');
      }
      if (tally.skipped > 0) {
        try {
          await removeDamaged(db);
        } catch (error) {
          tally.warnings.push(
            `could not remove damaged rows: ${error instanceof Error ? error.message : String(error)}`,
          );
        }
      }
      return { entries, report: tally.report(entries.length, 0, performance.now() - started) };
    },
    write: async (entries) => {
      if (entries.length === 0) return;
      for (const entry of entries) {
        if (entry.collection !== OBJECTS) continue;
        const { bucket, key } = splitObjectEntryKey(entry.key);
        const problem = objectKeyProblem(bucket, key);
        if (problem) throw new Error(problem);
      }
      const db = await open();
      const withObjects = entries.some((entry) => entry.collection === OBJECTS);
      const transaction = db.transaction(withObjects ? [STORE, OBJECT_STORE] : STORE, 'readwrite');
      const store = transaction.objectStore(STORE);
      const objects = withObjects ? transaction.objectStore(OBJECT_STORE) : undefined;
      const settled = done(transaction);
      try {
        for (const entry of entries) {
          if (entry.collection === OBJECTS) {
            if (entry.bytes === undefined) objects?.delete(entry.key);
            else objects?.put({ bytes: entry.bytes.slice() } satisfies ObjectRow, entry.key);
          } else if (entry.value === undefined) store.delete([entry.collection, entry.key]);
          else store.put(entry);
        }
      } catch (error) {
        // A value IndexedDB cannot take (DataError, DataCloneError): write none of the batch.
        settled.catch(() => undefined);
        transaction.abort();
        throw error;
      }
      await settled;
    },
    clear: async () => {
      const db = await open();
      const transaction = db.transaction([STORE, OBJECT_STORE], 'readwrite');
      transaction.objectStore(STORE).clear();
      transaction.objectStore(OBJECT_STORE).clear();
      await done(transaction);
    },
    readObject: async (bucket, key) => {
      if (objectKeyProblem(bucket, key) !== undefined) return undefined;
      const db = await open();
      const row = await request(
        db
          .transaction(OBJECT_STORE, 'readonly')
          .objectStore(OBJECT_STORE)
          .get(objectEntryKey(bucket, key)) as IDBRequest<unknown>,
      );
      const bytes = (row as Partial<ObjectRow> | undefined)?.bytes;
      return bytes instanceof Uint8Array ? { bytes } : undefined;
    },
    listObjects: async (bucket, prefix) => {
      const db = await open();
      // Every key of the bucket lies in [`<bucket>/`, `<bucket>0`): bucket names hold no `/`,
      // and `0` follows `/`.
      const range = keyRange?.bound(objectEntryKey(bucket, prefix), `${bucket}0`, false, true);
      const keys = await request(db.transaction(OBJECT_STORE, 'readonly').objectStore(OBJECT_STORE).getAllKeys(range));
      return keys
        .filter((id): id is string => typeof id === 'string' && id.startsWith(`${bucket}/`))
        .map((id) => id.slice(bucket.length + 1))
        .filter((key) => key.startsWith(prefix))
        .sort(compareUtf8);
    },
  };
}

// Browser storage: one IndexedDB object store keyed by [collection, key]. A write is one
// transaction; its promise resolves on `complete`, so an answered call survives a reload. A write
// refused for want of space (the browser's quota for the site) rejects with StorageFullError.
import { asStoredEntry, LoadTally, StorageFullError, type EmulatorStorage, type StoredEntry } from './storage';

const STORE = 'entries';

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
export function indexedDbStorage(factory: IDBFactory, name: string): EmulatorStorage {
  let database: Promise<IDBDatabase> | undefined;
  const open = () => {
    database ??= new Promise<IDBDatabase>((resolve, reject) => {
      const req = factory.open(name, 1);
      req.onupgradeneeded = () => {
        req.result.createObjectStore(STORE, { keyPath: ['collection', 'key'] });
      };
      req.onsuccess = () => {
        resolve(req.result);
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
      const db = await open();
      const transaction = db.transaction(STORE, 'readwrite');
      const store = transaction.objectStore(STORE);
      const settled = done(transaction);
      try {
        for (const entry of entries) {
          if (entry.value === undefined) store.delete([entry.collection, entry.key]);
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
      const transaction = db.transaction(STORE, 'readwrite');
      transaction.objectStore(STORE).clear();
      await done(transaction);
    },
  };
}

// Browser storage: one IndexedDB object store keyed by [collection, key]. A write is one
// transaction; its promise resolves on `complete`, so an answered call survives a reload.
import type { EmulatorStorage, StoredEntry } from './storage';

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

function done(transaction: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    transaction.oncomplete = () => {
      resolve();
    };
    transaction.onerror = () => {
      reject(transaction.error ?? new Error('IndexedDB transaction failed'));
    };
    transaction.onabort = () => {
      reject(transaction.error ?? new Error('IndexedDB transaction aborted'));
    };
  });
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
    load: async () => {
      const db = await open();
      return request(db.transaction(STORE, 'readonly').objectStore(STORE).getAll() as IDBRequest<StoredEntry[]>);
    },
    write: async (entries) => {
      if (entries.length === 0) return;
      const db = await open();
      const transaction = db.transaction(STORE, 'readwrite');
      const store = transaction.objectStore(STORE);
      for (const entry of entries) {
        if (entry.value === undefined) store.delete([entry.collection, entry.key]);
        else store.put(entry);
      }
      await done(transaction);
    },
    clear: async () => {
      const db = await open();
      const transaction = db.transaction(STORE, 'readwrite');
      transaction.objectStore(STORE).clear();
      await done(transaction);
    },
  };
}

// The mirror of the popup's last query (ext/last-search.ts) in the extension's IndexedDB: storage that the popup
// and the background share in both browsers (a MV3 service worker has no localStorage) and that tells no one else
// when it changes (storage.local would wake every tab's content script on each keystroke). Needs no permission.
// Written by the popup, read by the background; the popup reads its answer from storage.local instead, whose one
// round trip came 7-9 ms after the popup's first line where IndexedDB's open and get took 10-45 ms.
import type { KeptSearchArea } from './last-search';

const DATABASE = 'portolan';
const STORE = 'kept';
const KEY = 'lastSearch';

let database: Promise<IDBDatabase> | undefined;

function open(): Promise<IDBDatabase> {
  database ??= new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(DATABASE, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
    request.onblocked = () => reject(new Error('IndexedDB blocked'));
  });
  database.catch(() => (database = undefined)); // a later call may try again
  return database;
}

/** The mirror, or null where the page has no IndexedDB (or refuses it: then the popup just waits for the index). */
export function keptSearchDb(): KeptSearchArea | null {
  if (typeof indexedDB === 'undefined') return null;
  return {
    read: () =>
      open().then(
        (db) =>
          new Promise<unknown>((resolve, reject) => {
            const request = db.transaction(STORE).objectStore(STORE).get(KEY);
            request.onsuccess = () => resolve(request.result);
            request.onerror = () => reject(request.error);
          }),
      ),
    write: (record) =>
      open().then(
        (db) =>
          new Promise<void>((resolve, reject) => {
            const transaction = db.transaction(STORE, 'readwrite');
            transaction.objectStore(STORE).put(record, KEY);
            transaction.oncomplete = () => resolve();
            transaction.onerror = () => reject(transaction.error);
            transaction.onabort = () => reject(transaction.error);
          }),
      ),
  };
}

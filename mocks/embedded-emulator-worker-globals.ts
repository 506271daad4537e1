// Imported first by the emulator's worker, before msw. msw's cookie store insists on
// `localStorage` outside Node and throws when its module loads, but workers have none. The
// emulator sends no cookies, so an in-memory Storage that forgets on exit is enough.
const values = new Map<string, string>();

const memoryStorage: Storage = {
  get length() {
    return values.size;
  },
  key: (index) => [...values.keys()][index] ?? null,
  getItem: (key) => values.get(key) ?? null,
  setItem: (key, value) => {
    values.set(key, value);
  },
  removeItem: (key) => {
    values.delete(key);
  },
  clear: () => {
    values.clear();
  },
};

if (!('localStorage' in globalThis)) Object.defineProperty(globalThis, 'localStorage', { value: memoryStorage });

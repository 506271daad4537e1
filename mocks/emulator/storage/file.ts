// Node-only storage: an append-only journal of JSON lines in a data directory. Each write is
// appended synchronously before the call is answered, so a kill -9 after an answer loses nothing;
// on load the journal is compacted to its live entries.
import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { foldEntries, type EmulatorStorage, type StoredEntry } from './storage';

const JOURNAL = 'journal.jsonl';

function parseLines(text: string): StoredEntry[] {
  const entries: StoredEntry[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    try {
      entries.push(JSON.parse(line) as StoredEntry);
    } catch {
      // A torn last line (the process died mid-append) belongs to a call that was never answered.
    }
  }
  return entries;
}

/** Storage in `directory`, created when missing. */
export function fileStorage(directory: string): EmulatorStorage {
  const journal = join(directory, JOURNAL);
  return {
    load: () => {
      mkdirSync(directory, { recursive: true });
      if (!existsSync(journal)) return Promise.resolve([]);
      const live = [...foldEntries(parseLines(readFileSync(journal, 'utf8'))).values()];
      const compacted = `${journal}.compacting`;
      writeFileSync(compacted, live.map((entry) => `${JSON.stringify(entry)}\n`).join(''));
      renameSync(compacted, journal);
      return Promise.resolve(live);
    },
    write: (entries) => {
      if (entries.length === 0) return Promise.resolve();
      mkdirSync(directory, { recursive: true });
      appendFileSync(journal, entries.map((entry) => `${JSON.stringify(entry)}\n`).join(''));
      return Promise.resolve();
    },
    clear: () => {
      rmSync(journal, { force: true });
      return Promise.resolve();
    },
  };
}

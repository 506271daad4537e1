// Which JavaScript files of a build are the console's own, read from Vite's manifest
// (`build.manifest` in vite.config.ts), and how many bytes they weigh gzipped. The embedded
// emulator's chunks (mocks/browser.ts and what only it imports, its worker, the Lake engine) are
// not the console's: people using real AWS never download them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}

/** The built files (`assets/…js`) of the console: every chunk statically reachable from index.html or from a page under src/. */
export function consoleScripts(outDir: string): Set<string> {
  const manifest = JSON.parse(readFileSync(join(outDir, '.vite', 'manifest.json'), 'utf8')) as Record<
    string,
    ManifestChunk
  >;
  const roots = Object.entries(manifest).filter(
    ([key, chunk]) => (chunk.isEntry === true || chunk.isDynamicEntry === true) && /^(index\.html|src\/)/.test(key),
  );
  const seen = new Set<string>();
  const files = new Set<string>();
  const stack = roots.map(([key]) => key);
  for (let key = stack.pop(); key !== undefined; key = stack.pop()) {
    const chunk = manifest[key];
    if (seen.has(key) || chunk === undefined) continue;
    seen.add(key);
    if (chunk.file.endsWith('.js')) files.add(chunk.file);
    stack.push(...(chunk.imports ?? []));
  }
  return files;
}

/** A built file's size once gzipped (zlib's default level, as Vite reports it). */
export function gzipBytes(outDir: string, file: string): number {
  return gzipSync(readFileSync(join(outDir, file))).length;
}

/** The loaded files (paths as served, e.g. `/assets/x.js`) that are the console's own, and their gzipped total. */
export function consoleBytes(outDir: string, loaded: Iterable<string>) {
  const ours = consoleScripts(outDir);
  const files = [...new Set([...loaded].map((path) => path.replace(/^\//, '')))].filter((file) => ours.has(file));
  const sizes = files.map((file) => ({ file, bytes: gzipBytes(outDir, file) })).sort((a, b) => b.bytes - a.bytes);
  return { files: sizes, total: sizes.reduce((sum, { bytes }) => sum + bytes, 0) };
}

/**
 * Runs in the page before its own scripts (Playwright's `page.addInitScript`): records in
 * `window.firstRows` when the events table first holds a row, in ms since navigation started.
 */
export function watchFirstRows() {
  const observer = new MutationObserver(() => {
    // The row header cell of the events table's first row (a <th>: its role is implicit).
    if (document.querySelector('[role="treegrid"] tbody th')) {
      (window as unknown as { firstRows: number }).firstRows = performance.now();
      observer.disconnect();
    }
  });
  observer.observe(document, { childList: true, subtree: true });
}

/**
 * Runs in the page (`page.evaluate`) once `window.firstRows` is set: the paths of the scripts
 * requested before the first rows appeared. Code requested afterwards (what a page loads once its
 * rows show) is not on their path.
 */
export function scriptsBeforeFirstRows(): string[] {
  const firstRows = (window as unknown as { firstRows: number }).firstRows;
  return performance
    .getEntriesByType('resource')
    .filter((entry) => entry.startTime <= firstRows)
    .map((entry) => new URL(entry.name).pathname)
    .filter((path) => path.endsWith('.js'));
}

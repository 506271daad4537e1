// Console tests: the real providers and the real emulator behind msw/node, in jsdom.
import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, beforeEach, vi } from 'vitest';
import { resetTestEmulator, server, TEST_START } from '../../mocks/node';
import { configureStatusPolling } from '@/api/event-data-stores';
import { configureLookupPacing } from '@/api/events';
import { configureQueryPolling } from '@/api/lake-queries';
import { filterStyleRulesBySubject } from './jsdom-style-rules';

// No real-time waits: the test emulator never throttles, so LookupEvents needs no pacing, and its
// clock only moves when a test advances it, so polling a transitional store fast shows the same.
configureLookupPacing({ intervalMs: 0 });
configureStatusPolling({ intervalMs: 20 });
configureQueryPolling({ intervalMs: 20 });

// findBy* waits up to 5 s: pages render whole Cloudscape tables in jsdom, which takes well over
// the default second on a busy machine. A passing query returns as soon as it matches.
configure({ asyncUtilTimeout: 5000 });

// jsdom lacks matchMedia; the console follows the system colour scheme through it.
Object.defineProperty(window, 'matchMedia', {
  configurable: true,
  value: (query: string) => ({
    matches: false,
    media: query,
    onchange: null,
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
    addListener: () => undefined,
    removeListener: () => undefined,
    dispatchEvent: () => false,
  }),
});

// jsdom lays nothing out and has no Range geometry, which CodeMirror (the SQL editor) measures
// text with: empty rectangles stand in.
Range.prototype.getClientRects = () => Object.assign([], { item: () => null });
Range.prototype.getBoundingClientRect = () => new DOMRect();

// Many Cloudscape components ask at every render whether a theme's class is anywhere in the page
// (`document.querySelector('.awsui-one-theme')`). A browser answers at once; jsdom matches the
// selector against every element of the page, a fifth of the time of a test over a table. The same
// answer comes from a live class list, which jsdom only walks again after the page changed.
type QuerySelector = (this: Document, selectors: string) => Element | null;
const themeClass = /^\.(awsui-[a-z-]+-theme|awsui-visual-refresh)$/;
const themeClassLists = new WeakMap<Document, Map<string, HTMLCollectionOf<Element>>>();
const querySelector: QuerySelector = Reflect.get(Document.prototype, 'querySelector');
const byThemeClass: QuerySelector = function (selectors) {
  const className = themeClass.exec(selectors)?.[1];
  if (className === undefined) return querySelector.call(this, selectors);
  let lists = themeClassLists.get(this);
  if (!lists) themeClassLists.set(this, (lists = new Map<string, HTMLCollectionOf<Element>>()));
  let list = lists.get(className);
  if (!list) lists.set(className, (list = this.getElementsByClassName(className)));
  return list.item(0);
};
// The files of a worker may share one page (no isolation): patch it once.
if (!('byThemeClass' in querySelector))
  Reflect.set(Document.prototype, 'querySelector', Object.assign(byThemeClass, { byThemeClass: true }));

// jsdom matches each style rule against every element it computes a style for; only rules whose
// last compound the element could satisfy are matched (see jsdom-style-rules.ts).
filterStyleRulesBySubject(document);

let unexpected: string[] = [];

beforeAll(() => {
  server.listen({ onUnhandledRequest: 'error' });
});

beforeEach(() => {
  // Relative time ranges line up with the emulator's clock.
  vi.setSystemTime(TEST_START);
  unexpected = [];
  for (const method of ['error', 'warn'] as const)
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      unexpected.push(args.map(String).join(' '));
    });
});

afterEach(async () => {
  cleanup();
  localStorage.clear();
  sessionStorage.clear();
  server.resetHandlers();
  await resetTestEmulator();
  vi.restoreAllMocks();
  vi.useRealTimers();
  const messages = unexpected;
  unexpected = [];
  if (messages.length > 0) throw new Error(`console.error or console.warn was called:\n${messages.join('\n')}`);
});

afterAll(() => {
  server.close();
  // The files of a worker share one page: the style sheet the SQL editor adds to its head would
  // otherwise be matched in every later file (the editor adds it again when it is next shown).
  document.head.replaceChildren();
});

// `npm run first-screen [-- --out-dir dist --port 4175 --events 20000 --runs 5]`: opens the built
// console (vite preview) in Chromium with the embedded emulator holding `--events` events, and
// prints how long Event history takes from navigation to its first rows, and the console's own
// JavaScript (gzip) loaded by then. Measured, printed, never asserted: the machine's load decides
// the time. Run `npm run build` first.
//
// Two cases: a cold start (no other tab: the emulator's shared worker starts and reads its
// IndexedDB first) and a warm one (another tab of the console keeps the worker running). The
// browser's cache is off in both, as on a first visit.
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { consoleBytes, scriptsBeforeFirstRows, watchFirstRows } from './first-screen-assets';

const { values } = parseArgs({
  options: {
    'out-dir': { type: 'string', default: 'dist' },
    port: { type: 'string', default: '4175' },
    events: { type: 'string', default: '20000' },
    runs: { type: 'string', default: '5' },
    /** Also prints each run's resource timings. */
    verbose: { type: 'boolean', default: false },
  },
});
const outDir = resolve(values['out-dir']);
const port = Number(values.port);
const events = Number(values.events);
const runs = Number(values.runs);
const base = `http://127.0.0.1:${String(port)}`;

if (!existsSync(resolve(outDir, '.vite', 'manifest.json'))) {
  console.error(`No build with a manifest in ${outDir}: run \`npm run build\` first.`);
  process.exit(1);
}

const server = spawn(
  process.execPath,
  [
    'node_modules/vite/bin/vite.js',
    'preview',
    '--host',
    '127.0.0.1',
    '--port',
    String(port),
    '--strictPort',
    '--outDir',
    outDir,
  ],
  { stdio: ['ignore', 'ignore', 'inherit'] },
);

async function waitForServer() {
  for (let attempt = 0; attempt < 300; attempt++) {
    try {
      if ((await fetch(base)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error(`vite preview did not answer at ${base}`);
}

async function measure(context: BrowserContext) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await page.addInitScript(watchFirstRows);
  await page.goto(`${base}/events`);
  await page.waitForFunction(() => 'firstRows' in window, undefined, { timeout: 60_000 });
  const firstRows = await page.evaluate(() => (window as unknown as { firstRows: number }).firstRows);
  const scripts = await page.evaluate(scriptsBeforeFirstRows);
  if (values.verbose) {
    const milestones = await page.evaluate(() =>
      (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
        .map(
          (entry) =>
            `${entry.name.replace(location.origin, '')} ${entry.startTime.toFixed(0)}–${entry.responseEnd.toFixed(0)}`,
        )
        .concat(`first rows ${String(performance.now())}`),
    );
    console.log(milestones.join('\n'));
  }
  await page.close();
  return { firstRows, bytes: consoleBytes(outDir, scripts).total };
}

function median(numbers: number[]): number {
  const sorted = [...numbers].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

async function seed(page: Page) {
  await page.goto(`${base}/events`);
  await page.waitForFunction(() => window.cloudtrailEmulator !== undefined);
  await page.evaluate(async (seededEvents) => {
    await window.cloudtrailEmulator?.reset({ seededEvents });
  }, events);
}

await waitForServer();
const browser = await chromium.launch({
  ...(existsSync('/usr/bin/chromium') ? { executablePath: '/usr/bin/chromium' } : {}),
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});
try {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  console.log(`Seeding ${String(events)} events…`);
  await seed(await context.newPage());
  for (const page of context.pages()) await page.close();

  const cold: Awaited<ReturnType<typeof measure>>[] = [];
  for (let run = 0; run < runs; run++) {
    // Time for the shared worker to end once its last tab has gone.
    await new Promise((done) => setTimeout(done, 1000));
    cold.push(await measure(context));
  }
  const keeper = await context.newPage();
  await keeper.goto(`${base}/settings`);
  await keeper.waitForFunction(() => window.cloudtrailEmulator !== undefined);
  const warm: Awaited<ReturnType<typeof measure>>[] = [];
  for (let run = 0; run < runs; run++) warm.push(await measure(context));

  const line = (name: string, results: typeof cold) =>
    `${name}: first rows ${median(results.map((result) => result.firstRows)).toFixed(0)} ms after navigation ` +
    `(runs: ${results.map((result) => result.firstRows.toFixed(0)).join(', ')}), ` +
    `console JavaScript ${(median(results.map((result) => result.bytes)) / 1000).toFixed(1)} kB gzip`;
  console.log(`Event history with ${String(events)} events in the embedded emulator, median of ${String(runs)}:`);
  console.log(line('  cold (no other tab)', cold));
  console.log(line('  warm (another tab open)', warm));
} finally {
  await browser.close();
  server.kill();
}

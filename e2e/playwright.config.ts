import { chromium, defineConfig, type LaunchOptions } from '@playwright/test';
import { existsSync } from 'node:fs';

const SYSTEM_CHROMIUM = '/usr/bin/chromium';
// Chromium on a closed network: no background connections, no first-run or component updates.
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Debian's Chromium when installed, else Playwright's own; neither is downloaded here. */
function launchOptions(): LaunchOptions {
  if (existsSync(SYSTEM_CHROMIUM)) return { executablePath: SYSTEM_CHROMIUM, args: CHROMIUM_ARGS };
  if (existsSync(chromium.executablePath())) return { args: CHROMIUM_ARGS };
  throw new Error(
    'No Chromium for the end-to-end tests. Install it with `sudo apt-get install -y chromium` ' +
      '(or `npx playwright install chromium` where browser downloads work).',
  );
}

// Another port and build directory can be chosen, so two checkouts or builds can run side by side.
const PORT = Number(process.env.E2E_PORT ?? 4173);
const OUT_DIR = process.env.E2E_OUT_DIR;

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  forbidOnly: true,
  fullyParallel: false,
  // Two files at a time: each journey has its own browser context (its own emulator and
  // IndexedDB), and much of a journey waits on the emulator's clock, so two overlap well. On 2
  // cores the 28 journeys took 5.3 min one at a time and 3.7 min two at a time; 4.9 min with
  // another process keeping one core busy, the slowest journey without test.slow() taking 37 s.
  // On a 2-core machine some three times slower, journeys took up to a minute and a half: the
  // limits are for a hang, not a measure of speed.
  workers: Number(process.env.E2E_WORKERS ?? 2),
  retries: 0,
  timeout: 180_000,
  expect: { timeout: 30_000 },
  reporter: [['list']],
  outputDir: process.env.E2E_RESULTS_DIR ?? '../test-results',
  use: {
    baseURL: `http://127.0.0.1:${String(PORT)}`,
    launchOptions: launchOptions(),
    // A failed journey keeps a trace of its actions and DOM snapshots, without screenshots: their
    // screencast, recorded for every journey in case it fails, kept Chromium's GPU and browser
    // processes as busy as the page itself. Without it a dashboards journey ran in 37 s instead of
    // 58, and all 28 journeys, two at a time, in 8.4 min instead of 13.9 (2 cores).
    trace: { mode: 'retain-on-failure', screenshots: false },
  },
  webServer: {
    // Started as the server process itself, so stopping it stops the server.
    command: `node node_modules/vite/bin/vite.js preview --host 127.0.0.1 --port ${String(PORT)} --strictPort${OUT_DIR ? ` --outDir ${OUT_DIR}` : ''}`,
    cwd: '..',
    url: `http://127.0.0.1:${String(PORT)}`,
    reuseExistingServer: false,
    timeout: 60_000,
  },
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// The README's flag table is what users read; the server's parseArgs options are what it accepts.
// Both are read as text so a flag added to one and not the other fails here.
const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const server = readFileSync(new URL('./server.ts', import.meta.url), 'utf8');

function serverFlags(): string[] {
  const options = /parseArgs\(\{\s*options: \{([\s\S]*?)\n {2}\},\n\}\);/.exec(server)?.[1] ?? '';
  return [...options.matchAll(/^\s*'?([a-z][a-z-]*)'?: \{ type:/gm)].map((match) => `--${match[1] ?? ''}`);
}

function readmeFlags(): string[] {
  return [...readme.matchAll(/^\| `(--[a-z-]+)[^`]*` +\|/gm)].map((match) => match[1] ?? '');
}

describe('README', () => {
  it('lists every flag of npm run emulator, and only those', () => {
    const flags = serverFlags();
    expect(flags).toContain('--port');
    expect(readmeFlags().sort()).toEqual(flags.sort());
  });

  it('names every npm script, and only those', () => {
    const scripts = Object.keys(
      (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { scripts: object }).scripts,
    );
    const named = new Set(
      [...readme.matchAll(/npm (?:run ([a-z0-9:-]+)|(start|test)\b)/g)].map((match) => match[1] ?? match[2] ?? ''),
    );
    for (const name of named) expect(scripts).toContain(name);
    for (const script of scripts) expect(named).toContain(script);
  });
});

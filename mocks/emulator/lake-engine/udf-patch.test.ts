import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { parseSync } from 'vite';
import { expect, test } from 'vitest';
import { PATCHED_DUCKDB_FILES, patchDuckDbUdfGlue, UDF_PATCH_MARK } from './udf-patch';

// The browser bundle is missing from the package's exports map: find it beside the Node one.
const dist = dirname(createRequire(import.meta.url).resolve('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs'));

function installed(file: string): string {
  return readFileSync(join(dist, file), 'utf8');
}

// If this fails after a duckdb-wasm upgrade, the glue changed: check whether VARCHAR UDF results
// are still broken upstream, then update or drop the patch.
test.each(PATCHED_DUCKDB_FILES)('patches the UDF glue of the installed %s', (file) => {
  const original = installed(file);
  const patched = patchDuckDbUdfGlue(original);
  expect(patched).not.toBe(original);
  expect(patched.split(UDF_PATCH_MARK)).toHaveLength(2);
  expect(patched).toMatch(/HEAPF64\[[\w$]+\/8\+[\w$]+\]=[\w$]+\+[\w$]+;/);
  expect(patched).toContain('.ret.physicalType!="VARCHAR")');
  expect(patchDuckDbUdfGlue(patched)).toBe(patched);
});

test('the patched browser bundle is still a valid ES module', () => {
  const patched = patchDuckDbUdfGlue(installed('duckdb-browser-blocking.mjs'));
  expect(parseSync('duckdb-browser-blocking.mjs', patched).errors).toEqual([]);
});

test('refuses code it does not recognise instead of leaving the bug in', () => {
  expect(() => patchDuckDbUdfGlue('console.log("not duckdb")')).toThrow(
    /expected exactly one result buffer allocation/,
  );
  const original = installed('duckdb-node-blocking.cjs');
  // As an upstream fix might write it: the store already adds the buffer's address.
  const changed = original.replace(/\+\+([\w$]+)\)\{([\w$]+)\[\1\]=([\w$]+);/g, '++$1){$2[$1]=base+$3;');
  expect(changed).not.toBe(original);
  expect(() => patchDuckDbUdfGlue(changed)).toThrow(/VARCHAR result offset store/);
});

import { CompletionContext, type CompletionResult } from '@codemirror/autocomplete';
import { sql } from '@codemirror/lang-sql';
import { EditorState } from '@codemirror/state';
import { expect, test } from 'vitest';
import { lakeCompletionSource, type CompletionStore } from './sql-completion';

const TRAIL = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const APP = '9f8e7d6c-5b4a-4c3d-8e2f-1a0b9c8d7e6f';
const STORES: CompletionStore[] = [
  { id: TRAIL, name: 'management-events', kind: 'CloudTrailEvents' },
  { id: APP, name: 'integrations-audit', kind: 'ActivityAuditLog' },
];

/** Completes `query` where `|` is, as if the user asked (Ctrl+Space) or typed (`explicit: false`). */
function complete(query: string, explicit = true): { from: number; labels: string[] } | null {
  const at = query.indexOf('|');
  const doc = query.replace('|', '');
  const state = EditorState.create({ doc, extensions: [sql()] });
  const result: CompletionResult | null = lakeCompletionSource(() => STORES)(
    new CompletionContext(state, at, explicit),
  );
  return result ? { from: result.from, labels: result.options.map((option) => option.label) } : null;
}

test('offers store IDs after FROM and JOIN', () => {
  expect(complete('SELECT * FROM |')?.labels).toEqual([TRAIL, APP]);
  const join = `SELECT * FROM ${TRAIL} a JOIN 9f8e|`;
  expect(complete(join)).toEqual({ from: join.indexOf('9f8e'), labels: [TRAIL, APP] });
});

test('offers nested fields of userIdentity at any depth', () => {
  expect(complete('SELECT userIdentity.|')?.labels).toContain('sessionContext');
  expect(complete('SELECT userIdentity.sessionContext.sessionIssuer.|')?.labels).toEqual([
    'type',
    'principalId',
    'arn',
    'accountId',
    'userName',
  ]);
  const partial = 'SELECT userIdentity.sessionContext.sessionIssuer.ar|';
  expect(complete(partial)?.from).toBe(partial.length - 3);
});

test('follows aliases to their store and its schema', () => {
  expect(complete(`SELECT t.| FROM ${TRAIL} t`)?.labels).toContain('userIdentity');
  const outside = complete(`SELECT e.eventData.| FROM ${APP} e`)?.labels;
  expect(outside).toEqual(expect.arrayContaining(['userIdentity', 'eventSource', 'UID']));
  expect(complete(`SELECT element_at(e.eventData.userIdentity.| FROM ${APP} e`)?.labels).toEqual([
    'type',
    'principalId',
    'details',
  ]);
});

test('offers the columns of the stores read, their aliases and Lake functions', () => {
  const labels = complete(`SELECT ev| FROM ${APP} logs`, false)?.labels;
  expect(labels).toEqual(
    expect.arrayContaining(['eventData', 'eventTime', 'logs', 'element_at', 'json_extract_scalar']),
  );
  // Columns of CloudTrail events are not columns of this store.
  expect(labels).not.toContain('userIdentity');
});

test('stays quiet inside strings and comments', () => {
  expect(complete("SELECT 'user|")).toBeNull();
  expect(complete('SELECT 1 -- user|')).toBeNull();
});

// Completion for Lake SQL: store IDs after FROM and JOIN, table aliases, the columns of the stores
// the query reads and their nested fields after a dot, and Lake's functions. Keywords come from
// the SQL language itself.
import type { Completion, CompletionContext, CompletionResult } from '@codemirror/autocomplete';
import { syntaxTree } from '@codemirror/language';
import type { EventDataStoreKind } from '@/lib/event-data-store-kind';
import { eventDataStoreIdOf } from '@/lib/paths';
import { columnsOf, fieldsAt, LAKE_FUNCTIONS, type SchemaField } from './lake-schema';
import { tableReferences } from './sql-analysis';

/** A store the editor can complete: its ID (what a query names), name and kind. */
export interface CompletionStore {
  id: string;
  name: string;
  kind: EventDataStoreKind;
}

const STORE_TOKEN = /^[A-Za-z0-9:/._-]*$/;
const WORD = /^\w*$/;

const FUNCTION_OPTIONS: readonly Completion[] = LAKE_FUNCTIONS.map((fn) => ({
  label: fn.name,
  type: 'function',
  detail: fn.signature,
}));

function fieldOptions(fields: readonly SchemaField[]): Completion[] {
  return fields.map((field) => ({
    label: field.name,
    type: field.fields ? 'namespace' : 'property',
    detail: field.type,
  }));
}

/** Columns of several schemas, each name once (stores of different kinds share the envelope). */
function mergedColumns(kinds: readonly EventDataStoreKind[]): SchemaField[] {
  const merged = new Map<string, SchemaField>();
  for (const kind of kinds)
    for (const column of columnsOf(kind)) {
      const key = column.name.toLowerCase();
      const known = merged.get(key);
      // The same name may be a map in one schema and a struct in another (addendum): keep the struct.
      if (!known || (!known.fields && column.fields)) merged.set(key, column);
    }
  return [...merged.values()];
}

/** A completion source over the stores `getStores` returns when completion starts. */
export function lakeCompletionSource(getStores: () => readonly CompletionStore[]) {
  return (context: CompletionContext): CompletionResult | null => {
    const node = syntaxTree(context.state).resolveInner(context.pos, -1);
    if (/String|Comment/.test(node.name)) return null;
    const stores = getStores();
    const text = context.state.doc.toString();
    const before = text.slice(0, context.pos);

    const table = /\b(?:from|join)\s+"?([A-Za-z0-9:/._-]*)$/i.exec(before);
    if (table) {
      const typed = table[1] ?? '';
      return {
        from: context.pos - typed.length,
        options: stores.map((store) => ({ label: store.id, type: 'class', detail: store.name })),
        validFor: STORE_TOKEN,
      };
    }

    const kindsById = new Map(stores.map((store) => [store.id, store.kind]));
    const aliases = new Map<string, { kind: EventDataStoreKind; store: string; name: string }>();
    const kinds: EventDataStoreKind[] = [];
    for (const reference of tableReferences(text)) {
      const id = eventDataStoreIdOf(reference.store);
      const kind = kindsById.get(id);
      if (!kind) continue;
      if (!kinds.includes(kind)) kinds.push(kind);
      if (reference.alias) aliases.set(reference.alias.toLowerCase(), { kind, store: id, name: reference.alias });
    }
    // Until the query names a store, offer the columns of CloudTrail events, the usual case.
    const columns = mergedColumns(kinds.length > 0 ? kinds : ['CloudTrailEvents']);

    const dotted = /((?:[A-Za-z_]\w*\.)+)(\w*)$/.exec(before);
    if (dotted) {
      const path = (dotted[1] ?? '').slice(0, -1).split('.');
      const alias = aliases.get((path[0] ?? '').toLowerCase());
      const fields = alias
        ? path.length === 1
          ? columnsOf(alias.kind)
          : fieldsAt(columnsOf(alias.kind), path.slice(1))
        : fieldsAt(columns, path);
      if (!fields) return null;
      return { from: context.pos - (dotted[2] ?? '').length, options: fieldOptions(fields), validFor: WORD };
    }

    const word = context.matchBefore(/\w+/);
    if (!word && !context.explicit) return null;
    return {
      from: word?.from ?? context.pos,
      options: [
        ...fieldOptions(columns),
        ...[...aliases.values()].map(({ name, store }) => ({
          label: name,
          type: 'variable',
          detail: `alias of ${store}`,
        })),
        ...FUNCTION_OPTIONS,
      ],
      validFor: WORD,
    };
  };
}

import Alert from '@cloudscape-design/components/alert';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Container from '@cloudscape-design/components/container';
import CopyToClipboard from '@cloudscape-design/components/copy-to-clipboard';
import ExpandableSection from '@cloudscape-design/components/expandable-section';
import FormField from '@cloudscape-design/components/form-field';
import Grid from '@cloudscape-design/components/grid';
import Header from '@cloudscape-design/components/header';
import Input from '@cloudscape-design/components/input';
import Select, { type SelectProps } from '@cloudscape-design/components/select';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { StatusIndicator } from '@/components/status-indicator';
import Tabs from '@cloudscape-design/components/tabs';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { z } from 'zod';
import { describeError } from '@/api/errors';
import { eventDataStoreQueries } from '@/api/event-data-stores';
import {
  hasQueryResults,
  isActiveQueryStatus,
  lakeQueryQueries,
  resultTableOf,
  useCancelQuery,
  useStartQuery,
} from '@/api/lake-queries';
import { useConnection } from '@/api/use-connection';
import { EmptyState } from '@/components/empty-state';
import { PageLayout } from '@/components/page-layout';
import { QueryError } from '@/components/query-error';
import { usePreferences } from '@/hooks/use-preferences';
import { QUERY_STATEMENT } from '@/lib/cloudtrail-limits';
import { kindOf } from '@/lib/event-data-store-kind';
import { formatBytes } from '@/lib/format-bytes';
import { eventDataStoreIdOf, paths } from '@/lib/paths';
import { GenerateQueryPanel } from './generate-query-panel';
import { ASSUMED_PRICE_PER_GB, formatCost, scanCost } from '@/lib/scan-cost';
import { QueryEstimate } from './query-estimate';
import { QueryHistoryPanel } from './query-history-panel';
import { useQueryLog } from './query-log';
import { QueryResultsTable } from './query-results-table';
import { QueryStatusPanel } from './query-status-panel';
import { SampleQueriesPanel } from './sample-queries-panel';
import { SaveQueryModal } from './save-query-modal';
import { SavedQueriesPanel, shareableLink } from './saved-queries-panel';
import { useSavedQueries } from './saved-queries';
import { errorPosition, hasEventTimeBound, tableReferences } from './sql-analysis';
import type { CompletionStore } from './sql-completion';
import { SqlEditor, type SqlEditorHandle } from './sql-editor';
import { useLakeQueryParams } from './use-lake-query-params';

const MAX_PRICE_PER_GB = 1000;
const costSchema = z.object({ pricePerGb: z.number().positive().max(MAX_PRICE_PER_GB) });

// The run shortcut is Mod-Enter: Cmd on Apple keyboards, Ctrl elsewhere.
const MOD = /Mac|iPhone|iPad/.test(navigator.userAgent) ? 'Cmd' : 'Ctrl';

/** The IDs of the stores a statement reads, each once. */
function storeIdsOf(sql: string): string[] {
  return [...new Set(tableReferences(sql).map((reference) => eventDataStoreIdOf(reference.store)))];
}

function PriceSetting({ value, onChange }: { value: number; onChange: (pricePerGb: number) => void }) {
  const [text, setText] = useState(String(value));
  const parsed = costSchema.shape.pricePerGb.safeParse(Number(text));
  return (
    <FormField
      label="Price per GB scanned (USD)"
      description={`Costs are estimates at this price, 1 GB being 2^30 bytes. The default, ${formatCost(ASSUMED_PRICE_PER_GB)}, is this project's assumption, not an AWS quote.`}
      errorText={
        parsed.success && text.trim() !== ''
          ? undefined
          : `Enter a price above 0 and at most ${String(MAX_PRICE_PER_GB)}.`
      }
    >
      <Input
        type="number"
        inputMode="decimal"
        value={text}
        onChange={({ detail }) => {
          setText(detail.value);
          const next = costSchema.shape.pricePerGb.safeParse(Number(detail.value));
          if (next.success && detail.value.trim() !== '') onChange(next.data);
        }}
      />
    </FormField>
  );
}

/** Lake → Query: write SQL, run it over event data stores, follow its status, read and download its results. */
export function LakeQueryPage() {
  const { connection, backend } = useConnection();
  const { sql: sqlParam, queryId, showQuery } = useLakeQueryParams();
  const editor = useRef<SqlEditorHandle>(null);
  const [text, setText] = useState(sqlParam ?? '');
  const [pickedArn, setPickedArn] = useState<string>();
  const [inputError, setInputError] = useState<string>();
  const [formatError, setFormatError] = useState<string>();
  const [saving, setSaving] = useState(false);
  const [tab, setTab] = useState('samples');
  const hintId = useId();

  const storesQuery = useQuery(eventDataStoreQueries.list(connection));
  const stores = useMemo(() => storesQuery.data ?? [], [storesQuery.data]);
  const completionStores = useMemo(
    (): CompletionStore[] =>
      stores.flatMap((store) =>
        store.EventDataStoreArn
          ? [
              {
                id: eventDataStoreIdOf(store.EventDataStoreArn),
                name: store.Name ?? '',
                kind: kindOf(store.AdvancedEventSelectors),
              },
            ]
          : [],
      ),
    [stores],
  );
  // The store the tools work on: the one picked, else the first the statement reads.
  const picked =
    stores.find((store) => store.EventDataStoreArn === pickedArn) ??
    stores.find((store) => storeIdsOf(text).includes(eventDataStoreIdOf(store.EventDataStoreArn ?? '')));
  const pickedStore = picked?.EventDataStoreArn
    ? { arn: picked.EventDataStoreArn, id: eventDataStoreIdOf(picked.EventDataStoreArn), name: picked.Name ?? '' }
    : undefined;

  const [cost, setCost] = usePreferences('lake-query-cost', costSchema, { pricePerGb: ASSUMED_PRICE_PER_GB });
  const log = useQueryLog(connection);
  const saved = useSavedQueries(connection);
  const start = useStartQuery();
  const cancel = useCancelQuery();
  const describe = useQuery({
    ...lakeQueryQueries.describe(connection, queryId ?? ''),
    enabled: queryId !== undefined,
  });
  const status = describe.data?.QueryStatus;
  const results = useInfiniteQuery({
    ...lakeQueryQueries.results(connection, queryId ?? ''),
    enabled: queryId !== undefined && hasQueryResults(status),
  });
  const resultTable = useMemo(() => resultTableOf(results.data?.pages ?? []), [results.data]);

  // Every page is read, one after the other: sorting, filtering and downloads need all rows. The
  // page count is a dependency too: a fast page can start and end within one render.
  const { hasNextPage, isFetchingNextPage, isError: resultsFailed, fetchNextPage } = results;
  const pagesRead = results.data?.pages.length ?? 0;
  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && !resultsFailed) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, resultsFailed, fetchNextPage, pagesRead]);

  // The query the console started last, so that showing it does not replace the editor's text.
  const [startedHere, setStartedHere] = useState<{ id: string; at: number }>();
  // A query shown by link or history fills the editor with its statement once DescribeQuery answers.
  const fillFrom = useRef<string | undefined>(sqlParam === undefined ? queryId : undefined);
  const shownQueryId = useRef(queryId);
  useEffect(() => {
    if (queryId === shownQueryId.current) return;
    shownQueryId.current = queryId;
    if (queryId !== undefined && queryId !== startedHere?.id) fillFrom.current = queryId;
  }, [queryId, startedHere]);
  useEffect(() => {
    const details = describe.data;
    if (details?.QueryId === undefined || details.QueryId !== fillFrom.current) return;
    fillFrom.current = undefined;
    if (details.QueryString !== undefined) editor.current?.setText(details.QueryString);
  }, [describe.data]);
  // A link with a statement (a saved query's, or one shared) fills the editor.
  const shownSql = useRef(sqlParam);
  useEffect(() => {
    if (sqlParam === shownSql.current) return;
    shownSql.current = sqlParam;
    if (sqlParam !== undefined) editor.current?.setText(sqlParam);
  }, [sqlParam]);

  // What an ended query scanned goes into the session's total, once.
  const { recordEnd } = log;
  useEffect(() => {
    const details = describe.data;
    if (!details?.QueryId || details.QueryStatus === undefined || isActiveQueryStatus(details.QueryStatus)) return;
    recordEnd(details.QueryId, {
      bytesScanned: details.QueryStatistics?.BytesScanned ?? 0,
      eventsScanned: details.QueryStatistics?.EventsScanned ?? 0,
      finished: details.QueryStatus === 'FINISHED',
    });
  }, [describe.data, recordEnd]);

  const run = (statement: string) => {
    if (start.isPending) return;
    if (statement.trim() === '') {
      setInputError('Write a query first.');
      return;
    }
    if (statement.length > QUERY_STATEMENT.max) {
      setInputError(`A query has at most ${QUERY_STATEMENT.max.toLocaleString('en-US')} characters.`);
      return;
    }
    setInputError(undefined);
    const at = Date.now();
    start.mutate(statement, {
      onSuccess: (output) => {
        const id = output.QueryId;
        if (id === undefined) return;
        setStartedHere({ id, at });
        log.recordStart({ queryId: id, stores: storeIdsOf(statement), bounded: hasEventTimeBound(statement) });
        showQuery(id);
      },
    });
  };

  const runError = start.error ? describeError(start.error, { backend }) : undefined;
  const position = runError ? errorPosition(runError.message) : undefined;
  const sessionRuns = log.runs.filter((entry) => entry.bytesScanned !== undefined).length;
  const storeOptions: SelectProps.Option[] = stores.map((store) => ({
    value: store.EventDataStoreArn ?? '',
    label: store.Name ?? store.EventDataStoreArn ?? '',
    description: eventDataStoreIdOf(store.EventDataStoreArn ?? ''),
    disabled: store.Status === 'PENDING_DELETION',
    ...(store.Status === 'PENDING_DELETION' ? { disabledReason: 'Pending deletion: it cannot be queried.' } : {}),
  }));
  const selectedOption = storeOptions.find((option) => option.value === pickedArn) ?? null;

  // A failed first page shows in the table; a failed later page above it, with the rows read so far.
  const retryResults = () => void (results.data ? results.fetchNextPage() : results.refetch());
  const resultsEmpty = results.isError ? (
    <QueryError error={results.error} onRetry={retryResults} />
  ) : (
    <EmptyState title="No rows" message="The query returned no rows." />
  );

  return (
    <PageLayout breadcrumbs={[{ text: 'Lake query', href: paths.lakeQuery() }]}>
      <SpaceBetween size="l">
        <Header
          variant="h1"
          description="Query the events of your event data stores with SQL, as CloudTrail Lake runs it (Trino syntax)."
        >
          Query
        </Header>
        <Grid gridDefinition={[{ colspan: { default: 12, l: 8 } }, { colspan: { default: 12, l: 4 } }]}>
          <Container
            header={
              <Header
                variant="h2"
                actions={
                  <SpaceBetween direction="horizontal" size="xs">
                    <Button
                      onClick={() => {
                        editor.current?.toggleComment();
                      }}
                    >
                      Comment lines
                    </Button>
                    <Button
                      onClick={() => {
                        setFormatError(undefined);
                        editor.current?.format();
                      }}
                    >
                      Format
                    </Button>
                    <Button
                      disabled={text.trim() === ''}
                      onClick={() => {
                        setSaving(true);
                      }}
                    >
                      Save query
                    </Button>
                    <CopyToClipboard
                      variant="button"
                      copyButtonText="Copy link"
                      copyButtonAriaLabel="Copy link to this query"
                      textToCopy={shareableLink(text)}
                      copySuccessText="Link copied"
                      copyErrorText="The link could not be copied"
                      disabled={text.trim() === ''}
                    />
                    <Button
                      variant="primary"
                      loading={start.isPending}
                      onClick={() => {
                        run(text);
                      }}
                    >
                      Run
                    </Button>
                  </SpaceBetween>
                }
              >
                Editor
              </Header>
            }
          >
            <SpaceBetween size="s">
              <SpaceBetween direction="horizontal" size="xs" alignItems="end">
                <FormField
                  label="Event data store"
                  description="Choosing a store inserts its ID at the cursor; samples, the generator and the history use it."
                >
                  <Select
                    selectedOption={selectedOption}
                    options={storeOptions}
                    placeholder="Choose an event data store"
                    filteringType="auto"
                    filteringAriaLabel="Find an event data store"
                    statusType={storesQuery.isPending ? 'loading' : storesQuery.isError ? 'error' : 'finished'}
                    loadingText="Loading event data stores"
                    errorText={storesQuery.isError ? describeError(storesQuery.error, { backend }).message : undefined}
                    recoveryText="Retry"
                    onLoadItems={() => {
                      if (storesQuery.isError) void storesQuery.refetch();
                    }}
                    empty={`No event data store in ${connection.region}.`}
                    onChange={({ detail }) => {
                      const arn = detail.selectedOption.value;
                      setPickedArn(arn);
                      if (arn) editor.current?.insert(eventDataStoreIdOf(arn));
                    }}
                  />
                </FormField>
                <Button
                  disabled={pickedArn === undefined}
                  onClick={() => {
                    if (pickedArn) editor.current?.insert(eventDataStoreIdOf(pickedArn));
                  }}
                >
                  Insert store ID
                </Button>
              </SpaceBetween>
              <SqlEditor
                ref={editor}
                label="SQL query"
                describedBy={hintId}
                initialValue={sqlParam ?? ''}
                stores={completionStores}
                onChange={setText}
                onRun={run}
                onFormatError={(error) => {
                  setFormatError(error instanceof Error ? error.message : String(error));
                }}
              />
              <div id={hintId}>
                <Box variant="small">
                  {`${MOD}+Enter runs the query, ${MOD}+/ comments lines, Shift+Alt+F formats, Ctrl+Space completes.`}
                </Box>
              </div>
              {inputError ? <Alert type="error">{inputError}</Alert> : null}
              {start.isPending ? (
                // StartQuery computes the result at once; the first one of a session also loads
                // the Lake engine (DuckDB) and the stores into it, which takes some seconds.
                <StatusIndicator type="loading">
                  Starting the query. The first query also loads the Lake engine and your event data stores.
                </StatusIndicator>
              ) : null}
              {runError ? (
                <Alert
                  type="error"
                  header={runError.title}
                  action={
                    position ? (
                      <Button
                        onClick={() => {
                          editor.current?.goTo(position.line, position.column);
                        }}
                      >
                        {`Go to line ${String(position.line)}, column ${String(position.column)}`}
                      </Button>
                    ) : undefined
                  }
                >
                  {runError.message}
                </Alert>
              ) : null}
              {formatError ? (
                <Alert
                  type="warning"
                  header="The query could not be formatted"
                  dismissible
                  onDismiss={() => {
                    setFormatError(undefined);
                  }}
                >
                  {formatError}
                </Alert>
              ) : null}
              <QueryEstimate sql={text} stores={stores} scans={log.scans} pricePerGb={cost.pricePerGb} />
              <Box variant="small">
                {sessionRuns === 0
                  ? 'No query of this session has ended yet.'
                  : `This session: ${String(sessionRuns)} ${sessionRuns === 1 ? 'query' : 'queries'} scanned ${formatBytes(log.sessionBytes)}, ${formatCost(scanCost(log.sessionBytes, cost.pricePerGb))} in all.`}
              </Box>
              <ExpandableSection headerText="Price">
                <PriceSetting
                  value={cost.pricePerGb}
                  onChange={(pricePerGb) => {
                    setCost({ pricePerGb });
                  }}
                />
              </ExpandableSection>
            </SpaceBetween>
          </Container>
          <Container>
            <Tabs
              ariaLabel="Query tools"
              activeTabId={tab}
              onChange={({ detail }) => {
                setTab(detail.activeTabId);
              }}
              tabs={[
                {
                  id: 'samples',
                  label: 'Samples',
                  content: (
                    <SampleQueriesPanel
                      storeId={pickedStore?.id}
                      onUse={(sql) => {
                        editor.current?.setText(sql);
                      }}
                    />
                  ),
                },
                {
                  id: 'generate',
                  label: 'Generate',
                  content: (
                    <GenerateQueryPanel
                      store={pickedStore}
                      onGenerated={(sql) => {
                        editor.current?.setText(sql);
                      }}
                    />
                  ),
                },
                {
                  id: 'saved',
                  label: 'Saved',
                  content: (
                    <SavedQueriesPanel
                      queries={saved.queries}
                      onOpen={(sql) => {
                        editor.current?.setText(sql);
                      }}
                      onDelete={saved.remove}
                    />
                  ),
                },
                { id: 'history', label: 'History', content: <QueryHistoryPanel store={pickedStore} /> },
              ]}
            />
          </Container>
        </Grid>
        {queryId === undefined ? null : (
          <QueryStatusPanel
            key={`status-${queryId}`}
            queryId={queryId}
            details={describe.data}
            loadError={describe.error}
            onRetry={() => void describe.refetch()}
            startedAt={startedHere?.id === queryId ? startedHere.at : undefined}
            onCancel={() => {
              cancel.mutate(queryId);
            }}
            cancelling={cancel.isPending}
            cancelError={cancel.error}
            pricePerGb={cost.pricePerGb}
          />
        )}
        {results.isError && results.data ? <QueryError error={results.error} onRetry={retryResults} /> : null}
        {queryId !== undefined && hasQueryResults(status) ? (
          <QueryResultsTable
            key={`results-${queryId}`}
            queryId={queryId}
            table={resultTable}
            totalRows={results.data?.pages[0]?.QueryStatistics?.TotalResultsCount}
            loading={!results.isError && (results.isPending || results.hasNextPage)}
            empty={resultsEmpty}
          />
        ) : null}
      </SpaceBetween>
      {saving ? (
        <SaveQueryModal
          existingNames={saved.queries.map((query) => query.name)}
          onDismiss={() => {
            setSaving(false);
          }}
          onSave={(name) => {
            saved.save(name, text);
            setSaving(false);
            setTab('saved');
          }}
        />
      ) : null}
    </PageLayout>
  );
}

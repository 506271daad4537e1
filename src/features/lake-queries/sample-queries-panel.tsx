import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import FormField from '@cloudscape-design/components/form-field';
import Input from '@cloudscape-design/components/input';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { StatusIndicator } from '@/components/status-indicator';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { lakeQueryQueries } from '@/api/lake-queries';
import { useConnection } from '@/api/use-connection';
import { QueryError } from '@/components/query-error';
import { SAMPLE_QUERY_SEARCH_PHRASE } from '@/lib/cloudtrail-limits';

/** The placeholder sample queries use for the store they read. */
const STORE_PLACEHOLDER = '$EDS_ID';

function phraseError(phrase: string): string | undefined {
  if (phrase.length < SAMPLE_QUERY_SEARCH_PHRASE.min)
    return `Enter at least ${String(SAMPLE_QUERY_SEARCH_PHRASE.min)} characters.`;
  if (phrase.length > SAMPLE_QUERY_SEARCH_PHRASE.max)
    return `Enter at most ${String(SAMPLE_QUERY_SEARCH_PHRASE.max)} characters.`;
  if (!SAMPLE_QUERY_SEARCH_PHRASE.pattern.test(phrase)) return 'Use plain ASCII letters, digits and punctuation.';
  return undefined;
}

export interface SampleQueriesPanelProps {
  /** The ID put in place of `$EDS_ID`; without one the placeholder stays. */
  storeId: string | undefined;
  onUse: (sql: string) => void;
}

/** CloudTrail's sample queries (SearchSampleQueries), searched by words; one click puts a sample in the editor. */
export function SampleQueriesPanel({ storeId, onUse }: SampleQueriesPanelProps) {
  const { connection } = useConnection();
  const [phrase, setPhrase] = useState('');
  const [searched, setSearched] = useState<string>();
  const [submitted, setSubmitted] = useState(false);
  const query = useQuery({ ...lakeQueryQueries.samples(connection, searched ?? ''), enabled: searched !== undefined });
  const error = phraseError(phrase.trim());
  const fill = (sql: string) => (storeId === undefined ? sql : sql.replaceAll(STORE_PLACEHOLDER, storeId));

  let results = null;
  if (searched !== undefined) {
    if (query.isPending) results = <StatusIndicator type="loading">Searching sample queries</StatusIndicator>;
    else if (query.isError) results = <QueryError error={query.error} onRetry={() => void query.refetch()} />;
    else if (query.data.length === 0) results = <Box variant="p">No sample query matches these words.</Box>;
    else
      results = (
        <ul aria-label="Sample queries" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {query.data.map((sample) => (
            <li key={sample.Name} style={{ marginBottom: 16 }}>
              <SpaceBetween size="xxs">
                {/* Under the page's h2 sections: an h3 in the look of an h4. */}
                <Box variant="h4" tagOverride="h3">
                  {sample.Name}
                </Box>
                <Box variant="small">{sample.Description}</Box>
                <Box variant="code">
                  <span style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{fill(sample.SQL ?? '')}</span>
                </Box>
                <Button
                  ariaLabel={`Use sample query ${sample.Name ?? ''}`}
                  onClick={() => {
                    onUse(fill(sample.SQL ?? ''));
                  }}
                >
                  Use in editor
                </Button>
              </SpaceBetween>
            </li>
          ))}
        </ul>
      );
  }

  return (
    <SpaceBetween size="m">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          setSubmitted(true);
          if (error === undefined) setSearched(phrase.trim());
        }}
      >
        <SpaceBetween size="xs">
          <FormField
            label="Search sample queries"
            description={
              storeId === undefined
                ? `Choose an event data store above to put its ID in place of ${STORE_PLACEHOLDER}.`
                : undefined
            }
            errorText={submitted ? error : undefined}
          >
            <Input
              type="search"
              clearAriaLabel="Clear search"
              value={phrase}
              placeholder="For example: console sign-ins"
              onChange={({ detail }) => {
                setPhrase(detail.value);
              }}
            />
          </FormField>
          <Button formAction="submit">Search</Button>
        </SpaceBetween>
      </form>
      {results}
    </SpaceBetween>
  );
}

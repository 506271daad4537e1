import Alert from '@cloudscape-design/components/alert';
import Button from '@cloudscape-design/components/button';
import FormField from '@cloudscape-design/components/form-field';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { StatusIndicator } from '@/components/status-indicator';
import Textarea from '@cloudscape-design/components/textarea';
import { useState } from 'react';
import { describeError } from '@/api/errors';
import { useGenerateQuery } from '@/api/lake-queries';
import { useConnection } from '@/api/use-connection';
import { GENERATE_QUERY_PROMPT } from '@/lib/cloudtrail-limits';

function promptError(prompt: string): string | undefined {
  if (prompt.length < GENERATE_QUERY_PROMPT.min)
    return `Describe what you are looking for in at least ${String(GENERATE_QUERY_PROMPT.min)} characters.`;
  if (prompt.length > GENERATE_QUERY_PROMPT.max) return `Use at most ${String(GENERATE_QUERY_PROMPT.max)} characters.`;
  if (!GENERATE_QUERY_PROMPT.pattern.test(prompt)) return 'Use plain ASCII letters, digits and punctuation.';
  return undefined;
}

export interface GenerateQueryPanelProps {
  /** The store the query is generated for (ARN), and its name. */
  store: { arn: string; name: string } | undefined;
  onGenerated: (sql: string) => void;
}

/** GenerateQuery: SQL from a plain-language prompt, over the chosen store, put in the editor. */
export function GenerateQueryPanel({ store, onGenerated }: GenerateQueryPanelProps) {
  const { backend } = useConnection();
  const generate = useGenerateQuery();
  const [prompt, setPrompt] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const error = promptError(prompt.trim());
  const failure = generate.error ? describeError(generate.error, { backend }) : undefined;

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        setSubmitted(true);
        if (error !== undefined || store === undefined) return;
        generate.mutate(
          { prompt: prompt.trim(), eventDataStore: store.arn },
          {
            onSuccess: (output) => {
              onGenerated(output.QueryStatement ?? '');
            },
          },
        );
      }}
    >
      <SpaceBetween size="s">
        <FormField
          label="Prompt"
          description="Ask in plain English what you want to find; CloudTrail writes the SQL."
          constraintText={store ? `For ${store.name}.` : undefined}
          errorText={submitted ? (error ?? (store ? undefined : 'Choose an event data store above first.')) : undefined}
        >
          <Textarea
            value={prompt}
            rows={3}
            placeholder="For example: top errors in the last week"
            onChange={({ detail }) => {
              setPrompt(detail.value);
            }}
          />
        </FormField>
        <Button formAction="submit" loading={generate.isPending}>
          Generate query
        </Button>
        {generate.isSuccess ? (
          <StatusIndicator type="success">Query generated in the editor; read it before you run it.</StatusIndicator>
        ) : null}
        {failure ? (
          <Alert type="error" header={failure.title}>
            {failure.message}
          </Alert>
        ) : null}
      </SpaceBetween>
    </form>
  );
}

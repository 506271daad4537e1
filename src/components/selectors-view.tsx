import type { AdvancedEventSelector, AdvancedFieldSelector } from '@aws-sdk/client-cloudtrail';
import Box from '@cloudscape-design/components/box';
import Container from '@cloudscape-design/components/container';
import ExpandableSection from '@cloudscape-design/components/expandable-section';
import Header from '@cloudscape-design/components/header';
import KeyValuePairs from '@cloudscape-design/components/key-value-pairs';
import SpaceBetween from '@cloudscape-design/components/space-between';
import type { ReactNode } from 'react';
import { JsonView } from '@/components/json-view';
import { SELECTOR_OPERATORS } from '@/lib/cloudtrail-limits';

const OPERATOR_WORDS: Record<(typeof SELECTOR_OPERATORS)[number], string> = {
  Equals: 'equals',
  StartsWith: 'starts with',
  EndsWith: 'ends with',
  NotEquals: 'does not equal',
  NotStartsWith: 'does not start with',
  NotEndsWith: 'does not end with',
};

/** "equals Management", "starts with arn:aws:s3:::a/ or arn:aws:s3:::b/; does not equal GetObject". */
function describeField(field: AdvancedFieldSelector): string {
  return SELECTOR_OPERATORS.flatMap((operator) => {
    const values = field[operator];
    return values ? [`${OPERATOR_WORDS[operator]} ${values.join(' or ')}`] : [];
  }).join('; ');
}

/**
 * Advanced event selectors, readable (one field per line) and as the JSON CloudTrail keeps: a
 * store's, or a service-linked channel's. `json` is what the JSON section shows (default: the selectors).
 */
export function SelectorsView({
  selectors,
  title = 'Advanced event selectors',
  description = 'The store takes an event when any selector matches it; a selector matches when all its fields do.',
  json = selectors,
  actions,
}: {
  selectors: readonly AdvancedEventSelector[];
  title?: string;
  description?: string;
  json?: unknown;
  /** Buttons in the header, such as Edit. */
  actions?: ReactNode;
}) {
  return (
    <Container
      header={
        <Header variant="h2" counter={`(${String(selectors.length)})`} description={description} actions={actions}>
          {title}
        </Header>
      }
    >
      <SpaceBetween size="l">
        {selectors.map((selector, index) => (
          // Selectors have no identity besides their position.
          <SpaceBetween key={index} size="xs">
            <Box variant="h3">{selector.Name ? selector.Name : `Selector ${String(index + 1)}`}</Box>
            <KeyValuePairs
              columns={3}
              items={(selector.FieldSelectors ?? []).map((field) => ({
                label: field.Field ?? '-',
                value: describeField(field),
              }))}
            />
          </SpaceBetween>
        ))}
        {selectors.length === 0 ? <Box variant="p">No selectors.</Box> : null}
        <ExpandableSection headerText="JSON" variant="footer">
          <JsonView json={JSON.stringify(json)} label={`${title} JSON`} maxHeight={320} />
        </ExpandableSection>
      </SpaceBetween>
    </Container>
  );
}

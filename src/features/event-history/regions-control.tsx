import Box from '@cloudscape-design/components/box';
import ExpandableSection from '@cloudscape-design/components/expandable-section';
import FormField from '@cloudscape-design/components/form-field';
import Multiselect from '@cloudscape-design/components/multiselect';
import Select from '@cloudscape-design/components/select';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { GLOBAL_EVENTS_REGION, type HistoryPage } from '@/api/events';
import { REGIONS } from '@/lib/cloudtrail-limits';
import { coverageOf } from '@/lib/event-walk';

type RegionsValue = 'all' | string[] | undefined;

/** Which regions Event history reads: the console's current one, all of them, or a chosen set. */
export function RegionsControl({
  current,
  value,
  onChange,
}: {
  current: string;
  value: RegionsValue;
  onChange: (next: RegionsValue) => void;
}) {
  const options = [
    { value: 'current', label: `This Region (${current})` },
    { value: 'all', label: 'All Regions' },
    { value: 'set', label: 'Chosen Regions' },
  ];
  const mode = value === undefined ? 'current' : value === 'all' ? 'all' : 'set';
  const chosen = Array.isArray(value) ? value : [current];
  return (
    <>
      <FormField label="Regions">
        <Select
          selectedOption={options.find((option) => option.value === mode) ?? null}
          options={options}
          onChange={({ detail }) => {
            const next = detail.selectedOption.value;
            onChange(next === 'all' ? 'all' : next === 'set' ? [current] : undefined);
          }}
        />
      </FormField>
      {mode === 'set' ? (
        <FormField label="Regions to read">
          <Multiselect
            selectedOptions={chosen.map((region) => ({ value: region, label: region }))}
            options={REGIONS.map((region) => ({ value: region, label: region }))}
            placeholder="Choose Regions"
            tokenLimit={3}
            onChange={({ detail }) => {
              const next = detail.selectedOptions.flatMap((option) => (option.value ? [option.value] : []));
              onChange(next.length === 0 ? undefined : next);
            }}
          />
        </FormField>
      ) : null}
    </>
  );
}

function describeTime(epoch: number): string {
  return new Date(epoch).toISOString().replace('.000Z', 'Z');
}

/** What was read in each region: a multi-region page is complete only where every region is. */
export function RegionCoverage({ page }: { page: HistoryPage }) {
  const regions = coverageOf(page.at);
  const finished = regions.filter((region) => region.done).length;
  const hasGlobalRegion = regions.some((region) => region.region === GLOBAL_EVENTS_REGION);
  return (
    <ExpandableSection
      headerText="Completeness by Region"
      headerDescription={`${String(finished)} of ${String(regions.length)} Regions read to the start of the time range.`}
    >
      <SpaceBetween size="xs">
        <Box variant="p">
          {hasGlobalRegion
            ? 'Global service events (IAM, STS, sign-in) are read once, from us-east-1, and labelled "Global".'
            : 'Global service events (IAM, STS, sign-in) are recorded in us-east-1, which is not among these Regions.'}
        </Box>
        <ul aria-label="Regions read">
          {regions.map((region) => (
            <li key={region.region}>
              {`${region.region}: ${String(region.read)} events read in ${String(region.calls)} call${region.calls === 1 ? '' : 's'}, ` +
                (region.done
                  ? 'complete.'
                  : region.oldest === undefined
                    ? 'not read yet.'
                    : `read back to ${describeTime(region.oldest)}.`)}
            </li>
          ))}
        </ul>
      </SpaceBetween>
    </ExpandableSection>
  );
}

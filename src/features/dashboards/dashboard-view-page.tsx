import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import DateRangePicker, { type DateRangePickerProps } from '@cloudscape-design/components/date-range-picker';
import FormField from '@cloudscape-design/components/form-field';
import Header from '@cloudscape-design/components/header';
import Select from '@cloudscape-design/components/select';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { StatusIndicator } from '@/components/status-indicator';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { z } from 'zod';
import {
  dashboardQueries,
  dashboardRefreshParameters,
  HIGHLIGHTS_DASHBOARD_NAME,
  useStartDashboardRefresh,
  type DashboardDetails,
} from '@/api/dashboards';
import { eventDataStoreQueries } from '@/api/event-data-stores';
import { useConnection } from '@/api/use-connection';
import { MutationError } from '@/components/mutation-error';
import { PageLayout } from '@/components/page-layout';
import { QueryError } from '@/components/query-error';
import { useFollow } from '@/hooks/use-follow';
import { usePreferences } from '@/hooks/use-preferences';
import { eventDataStoreIdOf, paths } from '@/lib/paths';
import { ASSUMED_PRICE_PER_GB } from '@/lib/scan-cost';
import { resolveTimeRange, type RelativeUnit, type TimeRange } from '@/lib/time-range';
import { DeleteDashboardModal } from './delete-dashboard-modal';
import { MissingPermissionsWarning } from './missing-permissions-warning';
import { builtInStoreKind, STORE_KIND_LABELS, storeMatchesKind, storesNamedBy } from './managed-dashboard-stores';
import { RefreshEstimate } from './widgets/refresh-estimate';
import { WidgetGrid } from './widgets/widget-grid';

/** A dashboard shows the last 24 hours by default (§18.10). */
const DEFAULT_RANGE: TimeRange = { type: 'relative', amount: 1, unit: 'day' };

const RELATIVE_OPTIONS: DateRangePickerProps.RelativeOption[] = [
  { key: 'last-1-hour', amount: 1, unit: 'hour', type: 'relative' },
  { key: 'last-6-hours', amount: 6, unit: 'hour', type: 'relative' },
  { key: 'last-1-day', amount: 1, unit: 'day', type: 'relative' },
  { key: 'last-1-week', amount: 1, unit: 'week', type: 'relative' },
  { key: 'last-30-days', amount: 30, unit: 'day', type: 'relative' },
];

function toPickerValue(range: TimeRange): DateRangePickerProps.Value {
  if (range.type === 'absolute') return range;
  const option = RELATIVE_OPTIONS.find(
    (candidate) => candidate.amount === range.amount && candidate.unit === range.unit,
  );
  return { type: 'relative', amount: range.amount, unit: range.unit, ...(option ? { key: option.key } : {}) };
}

function fromPickerValue(value: DateRangePickerProps.Value | null): TimeRange {
  if (!value) return DEFAULT_RANGE;
  if (value.type === 'absolute')
    return {
      type: 'absolute',
      startDate: new Date(value.startDate).toISOString(),
      endDate: new Date(value.endDate).toISOString(),
    };
  const unit: RelativeUnit = value.unit === 'second' ? 'minute' : value.unit === 'year' ? 'month' : value.unit;
  const amount =
    value.unit === 'second'
      ? Math.max(1, Math.ceil(value.amount / 60))
      : value.unit === 'year'
        ? value.amount * 12
        : value.amount;
  return { type: 'relative', amount, unit };
}

const UNIT_LABELS: Record<DateRangePickerProps.TimeUnit, string> = {
  second: 'second',
  minute: 'minute',
  hour: 'hour',
  day: 'day',
  week: 'week',
  month: 'month',
  year: 'year',
};

function TimeRangePicker({ range, onChange }: { range: TimeRange; onChange: (range: TimeRange) => void }) {
  return (
    <DateRangePicker
      value={toPickerValue(range)}
      onChange={({ detail }) => {
        onChange(fromPickerValue(detail.value));
      }}
      relativeOptions={RELATIVE_OPTIONS}
      isValidRange={(candidate) => {
        if (candidate?.type === 'absolute') {
          if (!candidate.startDate || !candidate.endDate)
            return { valid: false, errorMessage: 'Choose a start and an end.' };
          if (Date.parse(candidate.startDate) > Date.parse(candidate.endDate))
            return { valid: false, errorMessage: 'The start must be before the end.' };
        }
        return { valid: true };
      }}
      showClearButton={false}
      placeholder="Last 1 day"
      i18nStrings={{
        ariaLabel: 'Time range',
        applyButtonLabel: 'Apply',
        cancelButtonLabel: 'Cancel',
        relativeModeTitle: 'Relative range',
        absoluteModeTitle: 'Absolute range',
        relativeRangeSelectionHeading: 'Choose a range',
        customRelativeRangeOptionLabel: 'Custom range',
        customRelativeRangeOptionDescription: 'Set a custom range in the past',
        customRelativeRangeDurationLabel: 'Duration',
        customRelativeRangeUnitLabel: 'Unit of time',
        startDateLabel: 'Start date',
        endDateLabel: 'End date',
        startTimeLabel: 'Start time',
        endTimeLabel: 'End time',
        formatRelativeRange: ({ amount, unit }) =>
          `Last ${String(amount)} ${UNIT_LABELS[unit]}${amount === 1 ? '' : 's'}`,
        formatUnit: (unit, amount) => `${UNIT_LABELS[unit]}${amount === 1 ? '' : 's'}`,
      }}
      rangeSelectorMode="default"
    />
  );
}

/** The refresh the page shows: one started here (with its values), or the dashboard's last one. */
interface ShownRefresh {
  refreshId: string;
  values: Record<string, string>;
}

const costSchema = z.object({ pricePerGb: z.number().positive().max(1000) });

function DashboardView({ name, dashboard }: { name: string; dashboard: DashboardDetails }) {
  const { connection } = useConnection();
  const follow = useFollow();
  const navigate = useNavigate();
  const [search, setSearch] = useSearchParams();
  const [range, setRange] = useState<TimeRange>(DEFAULT_RANGE);
  const [shown, setShown] = useState<ShownRefresh | undefined>(undefined);
  const [deleting, setDeleting] = useState(false);
  // The price the Lake query page uses, so both estimate alike.
  const [cost] = usePreferences('lake-query-cost', costSchema, { pricePerGb: ASSUMED_PRICE_PER_GB });
  const refresh = useStartDashboardRefresh();
  const storesQuery = useQuery(eventDataStoreQueries.list(connection));

  const kind = builtInStoreKind(name);
  const isHighlights = name === HIGHLIGHTS_DASHBOARD_NAME;
  const isCustom = dashboard.Type === 'CUSTOM';
  const activeStores = (storesQuery.data ?? []).filter((store) => store.Status !== 'PENDING_DELETION');
  const choices = kind ? activeStores.filter((store) => storeMatchesKind(store.AdvancedEventSelectors, kind)) : [];
  const chosenId = search.get('store') ?? '';
  const chosen = choices.find((store) => eventDataStoreIdOf(store.EventDataStoreArn ?? '') === chosenId) ?? choices[0];
  const storeId = chosen ? eventDataStoreIdOf(chosen.EventDataStoreArn ?? '') : undefined;

  const readStores = kind
    ? chosen
      ? [chosen]
      : []
    : isHighlights
      ? activeStores.filter((store) => storeMatchesKind(store.AdvancedEventSelectors, 'management')).slice(0, 1)
      : storesNamedBy(
          (dashboard.Widgets ?? []).map((widget) => widget.QueryStatement ?? ''),
          activeStores,
        );

  // What a refresh started now would send; a relative range ends now.
  const span = resolveTimeRange(range, new Date());
  const values = dashboardRefreshParameters({
    startTime: span.StartTime ?? new Date(),
    endTime: span.EndTime ?? new Date(),
    ...(kind && storeId ? { eventDataStoreId: storeId } : {}),
  });
  const lastRefreshId = dashboard.LastRefreshId;
  const refreshId = shown?.refreshId ?? (kind ? undefined : lastRefreshId);
  const widgets = dashboard.Widgets ?? [];

  const startRefresh = () => {
    refresh.mutate(
      { dashboardId: name, queryParameterValues: isHighlights ? undefined : values },
      {
        onSuccess: (output) => {
          if (output.RefreshId) setShown({ refreshId: output.RefreshId, values });
        },
      },
    );
  };

  const createHref = paths.createDashboard({ from: name, ...(storeId ? { store: storeId } : {}) });

  return (
    <SpaceBetween size="l">
      <Header
        variant="h1"
        description={
          kind
            ? `Managed dashboard over ${STORE_KIND_LABELS[kind]}.`
            : isHighlights
              ? 'Managed dashboard: the highlights of your management events, refreshed every 6 hours.'
              : 'Custom dashboard.'
        }
        actions={
          <SpaceBetween direction="horizontal" size="xs">
            {isCustom ? (
              <Button href={paths.editDashboard(name)} onFollow={follow}>
                Edit
              </Button>
            ) : null}
            {isHighlights ? null : (
              <Button href={createHref} onFollow={follow} disabled={kind !== undefined && !storeId}>
                Save as new dashboard
              </Button>
            )}
            {isCustom || isHighlights ? (
              <Button
                onClick={() => {
                  setDeleting(true);
                }}
              >
                Delete
              </Button>
            ) : null}
          </SpaceBetween>
        }
      >
        {name}
      </Header>

      {/* Once the stores are known, so the check reads the stores the widgets name. */}
      {(isCustom || isHighlights) &&
      dashboard.DashboardArn &&
      dashboard.RefreshSchedule?.Status === 'ENABLED' &&
      storesQuery.data !== undefined ? (
        <MissingPermissionsWarning
          dashboardArn={dashboard.DashboardArn}
          storeArns={readStores.flatMap((store) => (store.EventDataStoreArn ? [store.EventDataStoreArn] : []))}
        />
      ) : null}

      <SpaceBetween direction="horizontal" size="l" alignItems="end">
        {kind ? (
          <FormField
            label="Event data store"
            description={`Stores of ${STORE_KIND_LABELS[kind]} this dashboard can read.`}
          >
            <Select
              selectedOption={
                chosen ? { value: storeId ?? '', label: chosen.Name ?? storeId ?? '', description: storeId } : null
              }
              options={choices.map((store) => {
                const id = eventDataStoreIdOf(store.EventDataStoreArn ?? '');
                return { value: id, label: store.Name ?? id, description: id };
              })}
              placeholder={storesQuery.isPending ? 'Loading stores' : 'No matching event data store'}
              statusType={storesQuery.isPending ? 'loading' : 'finished'}
              empty={`No event data store of ${STORE_KIND_LABELS[kind]} in this Region.`}
              onChange={({ detail }) => {
                const next = new URLSearchParams(search);
                next.set('store', detail.selectedOption.value ?? '');
                setSearch(next, { replace: true });
              }}
            />
          </FormField>
        ) : null}
        {isHighlights ? null : (
          <FormField label="Time range">
            <TimeRangePicker range={range} onChange={setRange} />
          </FormField>
        )}
        <Button
          variant="primary"
          iconName="refresh"
          loading={refresh.isPending}
          disabled={widgets.length === 0 || (kind !== undefined && !storeId)}
          onClick={startRefresh}
        >
          Refresh
        </Button>
      </SpaceBetween>

      <section aria-label="Refresh estimate">
        {storesQuery.error ? (
          <QueryError
            error={storesQuery.error}
            onRetry={() => {
              void storesQuery.refetch();
            }}
          />
        ) : storesQuery.isPending ? null : (
          <RefreshEstimate queries={widgets.length} stores={readStores} pricePerGb={cost.pricePerGb} />
        )}
      </section>
      {refresh.isError ? (
        <MutationError
          error={refresh.error}
          onDismiss={() => {
            refresh.reset();
          }}
        />
      ) : null}
      {dashboard.LastRefreshFailureReason ? (
        <StatusIndicator type="warning">{`Last scheduled refresh failed: ${dashboard.LastRefreshFailureReason}`}</StatusIndicator>
      ) : null}

      <WidgetGrid widgets={widgets} refreshId={refreshId} values={shown?.values ?? values} />

      {deleting ? (
        <DeleteDashboardModal
          name={name}
          terminationProtection={dashboard.TerminationProtectionEnabled ?? false}
          onDeleted={() => {
            setDeleting(false);
            void navigate(paths.dashboards('dashboards'));
          }}
          onDismiss={() => {
            setDeleting(false);
          }}
        />
      ) : null}
    </SpaceBetween>
  );
}

/** A dashboard: its widgets in a grid, the time range and store they read, and a refresh with its cost up front. */
export function DashboardViewPage() {
  const { name = '' } = useParams();
  const { connection } = useConnection();
  const dashboard = useQuery(dashboardQueries.detail(connection, name));
  const breadcrumbs = [
    { text: 'Dashboard', href: paths.dashboards('dashboards') },
    { text: name, href: paths.dashboardDetail(name) },
  ];
  return (
    <PageLayout breadcrumbs={breadcrumbs} contentType="dashboard">
      {dashboard.error ? (
        <SpaceBetween size="l">
          <Header variant="h1">{name}</Header>
          <QueryError
            error={dashboard.error}
            onRetry={() => {
              void dashboard.refetch();
            }}
          />
        </SpaceBetween>
      ) : dashboard.data ? (
        <DashboardView key={name} name={name} dashboard={dashboard.data} />
      ) : (
        <Box padding="l">
          <StatusIndicator type="loading">Loading the dashboard</StatusIndicator>
        </Box>
      )}
    </PageLayout>
  );
}

import type { RequestWidget } from '@aws-sdk/client-cloudtrail';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Header from '@cloudscape-design/components/header';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { StatusIndicator } from '@/components/status-indicator';
import Table from '@cloudscape-design/components/table';
import { useState } from 'react';
import { ManagedWidgetModal, type ManagedStoreFilter } from './managed-widget-modal';
import { SqlWidgetModal } from './sql-widget-modal';
import { VIEW_LABELS, type WidgetView } from './widget-form-schema';

interface Row {
  index: number;
  widget: RequestWidget;
}

type Editing = { kind: 'managed' } | { kind: 'sql'; index: number | undefined } | undefined;

function titleOf(widget: RequestWidget, index: number): string {
  return widget.ViewProperties?.Title ?? `Widget ${String(index + 1)}`;
}

function viewOf(widget: RequestWidget): string {
  const view = widget.ViewProperties?.View ?? '';
  const label = view in VIEW_LABELS ? VIEW_LABELS[view as WidgetView] : view;
  const orientation = widget.ViewProperties?.Orientation;
  return view === 'BarChart' && orientation ? `${label} (${orientation.toLowerCase()})` : label;
}

/** The dashboard's widgets in order: add (from a managed dashboard or a query), edit, reorder, remove. */
export function WidgetsEditor({
  widgets,
  max,
  error,
  storeFilterOf,
  onChange,
}: {
  /** Which stores a managed dashboard's widgets can read. */
  storeFilterOf?: (dashboardName: string) => ManagedStoreFilter | undefined;
  widgets: readonly RequestWidget[];
  max: number;
  error: string | undefined;
  onChange: (widgets: RequestWidget[]) => void;
}) {
  const [editing, setEditing] = useState<Editing>();
  const [lastStore, setLastStore] = useState<string>();
  const full = widgets.length >= max;
  const move = (from: number, to: number) => {
    const next = [...widgets];
    const [moved] = next.splice(from, 1);
    if (moved) next.splice(to, 0, moved);
    onChange(next);
  };
  const rows: Row[] = widgets.map((widget, index) => ({ index, widget }));
  return (
    <SpaceBetween size="xs">
      <Table<Row>
        ariaLabels={{ tableLabel: 'Widgets' }}
        trackBy={(row) => String(row.index)}
        items={rows}
        header={
          <Header
            variant="h2"
            counter={`(${String(widgets.length)}/${String(max)})`}
            description="Shown in this order in a 12-column grid. A managed widget's query is copied to read the store you choose."
            actions={
              <SpaceBetween direction="horizontal" size="xs">
                <Button
                  formAction="none"
                  disabled={full}
                  onClick={() => {
                    setEditing({ kind: 'managed' });
                  }}
                >
                  Add managed widget
                </Button>
                <Button
                  formAction="none"
                  disabled={full}
                  onClick={() => {
                    setEditing({ kind: 'sql', index: undefined });
                  }}
                >
                  Add widget from query
                </Button>
              </SpaceBetween>
            }
          >
            Widgets
          </Header>
        }
        empty={<Box textAlign="center">No widgets. Add a managed widget or write a query.</Box>}
        columnDefinitions={[
          { id: 'title', header: 'Title', isRowHeader: true, cell: (row) => titleOf(row.widget, row.index) },
          { id: 'view', header: 'View', cell: (row) => viewOf(row.widget) },
          {
            id: 'size',
            header: 'Size',
            cell: (row) =>
              `${row.widget.ViewProperties?.Width ?? '?'} columns × ${row.widget.ViewProperties?.Height ?? '?'} rows`,
          },
          {
            id: 'actions',
            header: 'Actions',
            cell: (row) => {
              const title = titleOf(row.widget, row.index);
              return (
                <SpaceBetween direction="horizontal" size="xxs">
                  <Button
                    formAction="none"
                    variant="icon"
                    iconName="arrow-up"
                    ariaLabel={`Move ${title} up`}
                    disabled={row.index === 0}
                    onClick={() => {
                      move(row.index, row.index - 1);
                    }}
                  />
                  <Button
                    formAction="none"
                    variant="icon"
                    iconName="arrow-down"
                    ariaLabel={`Move ${title} down`}
                    disabled={row.index === widgets.length - 1}
                    onClick={() => {
                      move(row.index, row.index + 1);
                    }}
                  />
                  <Button
                    formAction="none"
                    variant="icon"
                    iconName="edit"
                    ariaLabel={`Edit ${title}`}
                    onClick={() => {
                      setEditing({ kind: 'sql', index: row.index });
                    }}
                  />
                  <Button
                    formAction="none"
                    variant="icon"
                    iconName="remove"
                    ariaLabel={`Remove ${title}`}
                    onClick={() => {
                      onChange(widgets.filter((_, position) => position !== row.index));
                    }}
                  />
                </SpaceBetween>
              );
            },
          },
        ]}
      />
      {error ? (
        <Box>
          <StatusIndicator type="error">{error}</StatusIndicator>
        </Box>
      ) : null}
      {editing?.kind === 'managed' ? (
        <ManagedWidgetModal
          initialStore={lastStore}
          storeFilterOf={storeFilterOf}
          onDismiss={() => {
            setEditing(undefined);
          }}
          onAdd={(widget, storeId) => {
            setLastStore(storeId);
            onChange([...widgets, widget]);
            setEditing(undefined);
          }}
        />
      ) : null}
      {editing?.kind === 'sql' ? (
        <SqlWidgetModal
          widget={editing.index === undefined ? undefined : widgets[editing.index]}
          onDismiss={() => {
            setEditing(undefined);
          }}
          onSave={(widget) => {
            const { index } = editing;
            onChange(
              index === undefined
                ? [...widgets, widget]
                : widgets.map((old, position) => (position === index ? widget : old)),
            );
            setEditing(undefined);
          }}
        />
      ) : null}
    </SpaceBetween>
  );
}

// The one adapter between TanStack Table (the model) and Cloudscape's Table (the markup).
import type { TableProps } from '@cloudscape-design/components/table';
import type { ReactTable, Row, RowData } from '@tanstack/react-table';
import type { CollectionFeatures } from './collection-features';

export type CollectionRow<TData extends RowData> = Row<CollectionFeatures, TData>;

/** Props that let Cloudscape's Table render a TanStack table: rows, cells, sorting, visibility, selection. */
export function cloudscapeTableProps<TData extends RowData, TSelected>(
  table: ReactTable<CollectionFeatures, TData, TSelected>,
  options: {
    expandable?: boolean;
    /** Columns' smallest widths in pixels, by column id: what must not wrap (times, IDs) stays on one line. */
    minWidths?: Readonly<Record<string, number>>;
  } = {},
): Pick<
  TableProps<CollectionRow<TData>>,
  | 'items'
  | 'trackBy'
  | 'columnDefinitions'
  | 'columnDisplay'
  | 'sortingColumn'
  | 'sortingDescending'
  | 'onSortingChange'
  | 'selectedItems'
  | 'onSelectionChange'
  | 'renderAriaLive'
  | 'expandableRows'
> {
  const columns = table.getAllLeafColumns();
  const [sort] = table.atoms.sorting.get();
  const rows = table.getRowModel().rows;
  return {
    items: rows,
    trackBy: (row) => row.id,
    columnDefinitions: columns.map((column, index) => ({
      id: column.id,
      header: typeof column.columnDef.header === 'string' ? column.columnDef.header : column.id,
      cell: (row) => {
        const cell = row.getAllCellsByColumnId()[column.id];
        return cell ? <table.FlexRender cell={cell} /> : null;
      },
      ...(column.getCanSort() ? { sortingField: column.id } : {}),
      ...(options.minWidths?.[column.id] === undefined ? {} : { minWidth: options.minWidths[column.id] }),
      isRowHeader: index === 0,
    })),
    columnDisplay: columns.map((column) => ({ id: column.id, visible: column.getIsVisible() })),
    ...(sort ? { sortingColumn: { sortingField: sort.id }, sortingDescending: sort.desc } : {}),
    onSortingChange: ({ detail }) => {
      const id = detail.sortingColumn.sortingField;
      if (id) table.setSorting([{ id, desc: detail.isDescending ?? false }]);
    },
    selectedItems: rows.filter((row) => row.getIsSelected()),
    onSelectionChange: ({ detail }) => {
      table.setRowSelection(Object.fromEntries(detail.selectedItems.map((row) => [row.id, true])));
    },
    // Expansion state lives in the TanStack model; sub-rows (getSubRows) are the children.
    ...(options.expandable
      ? {
          expandableRows: {
            getItemChildren: (row) => row.subRows,
            isItemExpandable: (row) => row.getCanExpand(),
            expandedItems: rows.filter((row) => row.getIsExpanded()),
            onExpandableItemToggle: ({ detail }) => {
              detail.item.toggleExpanded(detail.expanded);
            },
          },
        }
      : {}),
    renderAriaLive: ({ firstIndex, lastIndex, totalItemsCount }) =>
      `Displaying items ${String(firstIndex)} to ${String(lastIndex)} of ${String(totalItemsCount ?? lastIndex)}`,
  };
}

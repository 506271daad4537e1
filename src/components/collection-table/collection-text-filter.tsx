import TextFilter from '@cloudscape-design/components/text-filter';
import type { ReactTable, RowData } from '@tanstack/react-table';
import type { CollectionFeatures } from './collection-features';

export interface CollectionTextFilterProps<TData extends RowData, TSelected> {
  /** The table whose loaded rows the text filters; its row model counts the matches. */
  table: ReactTable<CollectionFeatures, TData, TSelected>;
  text: string;
  onTextChange: (text: string) => void;
  placeholder: string;
  ariaLabel: string;
}

/** A table's text filter over its loaded rows, with the number of matches while a text is typed. */
export function CollectionTextFilter<TData extends RowData, TSelected>({
  table,
  text,
  onTextChange,
  placeholder,
  ariaLabel,
}: CollectionTextFilterProps<TData, TSelected>) {
  const shown = table.getRowModel().rows.length;
  return (
    <TextFilter
      filteringText={text}
      filteringPlaceholder={placeholder}
      filteringAriaLabel={ariaLabel}
      filteringClearAriaLabel="Clear filter"
      countText={text === '' ? undefined : `${String(shown)} ${shown === 1 ? 'match' : 'matches'}`}
      onChange={({ detail }) => {
        onTextChange(detail.filteringText);
      }}
    />
  );
}

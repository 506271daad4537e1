import Button from '@cloudscape-design/components/button';
import Link from '@cloudscape-design/components/link';
import { createContext, use, type ReactNode } from 'react';
import type { UrlAttributeFilter } from '@/lib/event-history-url';

interface FilterLinks {
  /** The URL of Event history with this filter added (a filter on the same attribute is replaced). */
  hrefFor: (filter: UrlAttributeFilter) => string;
  /** Applies the filter in place. */
  apply: (filter: UrlAttributeFilter) => void;
}

export const FilterLinksContext = createContext<FilterLinks | null>(null);

function useFilterLinks(): FilterLinks {
  const links = use(FilterLinksContext);
  if (!links) throw new Error('FilterLink must be used inside FilterLinksContext');
  return links;
}

/**
 * A value with line-break opportunities after `.`, `:`, `/`, `@`, `_` and `-`: long ARNs, emails,
 * sources and IDs wrap between their parts when the table is narrow, never in the middle of a word,
 * and the table fits the window instead of scrolling sideways.
 */
function breakable(text: string): ReactNode {
  const parts = text.split(/(?<=[.:/@_-])/);
  if (parts.length === 1) return text;
  // Text and <wbr> only, no element per part: a page holds hundreds of these values.
  return (
    <span style={{ whiteSpace: 'normal' }}>
      {parts.flatMap((part, index) => (index === 0 ? [part] : [<wbr key={index} />, part]))}
    </span>
  );
}

/** A value that filters Event history by itself when clicked; a new tab gets the filtered URL. */
export function FilterLink({
  filter,
  label,
  children,
}: {
  filter: UrlAttributeFilter;
  label: string;
  children?: ReactNode;
}) {
  const links = useFilterLinks();
  return (
    <Link
      href={links.hrefFor(filter)}
      ariaLabel={`Filter by ${label} ${filter.value}`}
      onFollow={(event) => {
        event.preventDefault();
        links.apply(filter);
      }}
    >
      {children ?? breakable(filter.value)}
    </Link>
  );
}

/** An icon button that filters by a value shown next to it (for values that are links elsewhere). */
export function FilterButton({ filter, label }: { filter: UrlAttributeFilter; label: string }) {
  const links = useFilterLinks();
  return (
    <Button
      variant="inline-icon"
      iconName="filter"
      ariaLabel={`Filter by ${label} ${filter.value}`}
      onClick={() => {
        links.apply(filter);
      }}
    />
  );
}

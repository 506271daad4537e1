// How the widget editor's preview draws a chart: the dashboard's own chart component, handed in by
// the form that hosts the editor (this folder reads nothing outside itself).
import { createContext, type ReactNode } from 'react';
import type { ResultTable } from '@/api/lake-queries';

/** A query's rows: columns in select-list order, values by position. */
export type PreviewTable = ResultTable;

/** Draws rows as the view properties say (bar, line, pie); null draws no chart, only the rows. */
export type PreviewChartRenderer = (props: {
  properties: Readonly<Record<string, string>>;
  table: PreviewTable;
}) => ReactNode;

export const PreviewChartContext = createContext<PreviewChartRenderer>(() => null);

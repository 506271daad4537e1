import Box from '@cloudscape-design/components/box';
import Container from '@cloudscape-design/components/container';
import Header from '@cloudscape-design/components/header';
import Link from '@cloudscape-design/components/link';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { StatusIndicator } from '@/components/status-indicator';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { describeError } from '@/api/errors';
import { useConnection } from '@/api/use-connection';
import { useFollow } from '@/hooks/use-follow';
import { QueryError } from './query-error';

export interface ResourceDetailContentProps<T> {
  /** The detail query; data `null` means the resource does not exist. */
  query: UseQueryResult<T>;
  /** The ID from the URL, the page's heading until the resource loads. */
  id: string;
  loadingText: string;
  /** Names of the errors that mean there is no such resource, rather than a failed load. */
  notFoundErrors?: readonly string[];
  /** What a missing resource shows: a heading, why, and a link back to the list. */
  notFound: { title: string; message: string; href: string; linkText: string };
  children: (data: NonNullable<T>) => ReactNode;
}

/** A detail page's body while its resource loads, fails to load or does not exist; else the resource. */
export function ResourceDetailContent<T>({
  query,
  id,
  loadingText,
  notFoundErrors = [],
  notFound,
  children,
}: ResourceDetailContentProps<T>) {
  const { backend } = useConnection();
  const follow = useFollow();
  const missing = (
    <Container header={<Header variant="h1">{notFound.title}</Header>}>
      <SpaceBetween size="s">
        <Box variant="p">{notFound.message}</Box>
        <Link href={notFound.href} onFollow={follow}>
          {notFound.linkText}
        </Link>
      </SpaceBetween>
    </Container>
  );
  if (query.isPending)
    return (
      <SpaceBetween size="l">
        <Header variant="h1">{id}</Header>
        <StatusIndicator type="loading">{loadingText}</StatusIndicator>
      </SpaceBetween>
    );
  if (query.isError)
    return notFoundErrors.includes(describeError(query.error, { backend }).title) ? (
      missing
    ) : (
      <SpaceBetween size="l">
        <Header variant="h1">{id}</Header>
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      </SpaceBetween>
    );
  return query.data === null || query.data === undefined ? missing : children(query.data);
}

import Box from '@cloudscape-design/components/box';
import Container from '@cloudscape-design/components/container';
import Header from '@cloudscape-design/components/header';
import Link from '@cloudscape-design/components/link';
import { useLocation } from 'react-router';
import { PageLayout } from '@/components/page-layout';
import { useFollow } from '@/hooks/use-follow';
import { paths } from '@/lib/paths';

/** Shown for any URL the console has no page for. */
export function NotFoundPage() {
  const { pathname } = useLocation();
  const follow = useFollow();
  return (
    <PageLayout breadcrumbs={[{ text: 'Page not found', href: pathname }]}>
      <Container header={<Header variant="h1">Page not found</Header>}>
        <Box variant="p">
          There is no page at <Box variant="code">{pathname}</Box>.
        </Box>
        <Link href={paths.eventHistory()} onFollow={follow}>
          Go to Event history
        </Link>
      </Container>
    </PageLayout>
  );
}

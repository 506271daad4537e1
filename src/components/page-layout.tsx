import AppLayout from '@cloudscape-design/components/app-layout';
import BreadcrumbGroup from '@cloudscape-design/components/breadcrumb-group';
import Flashbar from '@cloudscape-design/components/flashbar';
import SideNavigation, { type SideNavigationProps } from '@cloudscape-design/components/side-navigation';
import { useLayoutEffect, useState, type ReactNode } from 'react';
import { useLocation } from 'react-router';
import { useFollow } from '@/hooks/use-follow';
import { paths } from '@/lib/paths';
import { pageOf, useNotifications } from './notifications';

export interface Breadcrumb {
  text: string;
  href: string;
}

// Only pages that exist are linked.
const NAVIGATION_ITEMS: SideNavigationProps.Item[] = [
  { type: 'link', text: 'Event history', href: paths.eventHistory() },
  { type: 'link', text: 'Resource story', href: paths.resourceStory() },
  { type: 'link', text: 'Trails', href: paths.trails() },
  {
    type: 'section',
    text: 'Lake',
    items: [
      { type: 'link', text: 'Event data stores', href: paths.eventDataStores() },
      { type: 'link', text: 'Dashboard', href: paths.dashboards() },
      { type: 'link', text: 'Query', href: paths.lakeQuery() },
      { type: 'link', text: 'Integrations', href: paths.integrations() },
    ],
  },
  { type: 'divider' },
  { type: 'link', text: 'Settings', href: paths.settings() },
];

/** The longest navigation href that the current path starts with. */
function activeHrefFor(pathname: string): string {
  const hrefs = NAVIGATION_ITEMS.flatMap((item) =>
    item.type === 'link'
      ? [item.href]
      : item.type === 'section'
        ? item.items.flatMap((child) => (child.type === 'link' ? [child.href] : []))
        : [],
  );
  return (
    hrefs
      .filter((href) => pathname === href || pathname.startsWith(`${href}/`))
      .sort((a, b) => b.length - a.length)[0] ?? pathname
  );
}

/** Every page's frame: side navigation, flash messages and breadcrumbs around the content. */
export function PageLayout({
  breadcrumbs,
  children,
  contentType = 'default',
}: {
  breadcrumbs: readonly Breadcrumb[];
  children: ReactNode;
  contentType?: 'default' | 'table' | 'form' | 'wizard' | 'cards' | 'dashboard';
}) {
  const follow = useFollow();
  const { pathname } = useLocation();
  const { items, visit } = useNotifications();
  // Messages belong to a page: leaving it drops them, so none follows the user elsewhere.
  useLayoutEffect(() => {
    visit(pathname);
  }, [visit, pathname]);
  const messages = items
    .filter((item) => item.path === undefined || item.path === pageOf(pathname))
    .map((item) => item.message);
  const [navigationOpen, setNavigationOpen] = useState(true);
  return (
    <AppLayout
      headerSelector="#top-navigation"
      contentType={contentType}
      navigationOpen={navigationOpen}
      onNavigationChange={({ detail }) => {
        setNavigationOpen(detail.open);
      }}
      navigation={
        <SideNavigation
          header={{ text: 'CloudTrail', href: paths.home() }}
          activeHref={activeHrefFor(pathname)}
          items={NAVIGATION_ITEMS}
          onFollow={follow}
        />
      }
      notifications={
        <Flashbar
          // Never stacked: a page holds at most a few messages, each about one object, and a stack
          // hides them behind a bar of per-type counters ("Notifications 0 0 3 0 0").
          items={messages}
          i18nStrings={{
            errorIconAriaLabel: 'Error',
            warningIconAriaLabel: 'Warning',
            successIconAriaLabel: 'Success',
            infoIconAriaLabel: 'Information',
            inProgressIconAriaLabel: 'In progress',
          }}
        />
      }
      breadcrumbs={
        <BreadcrumbGroup
          ariaLabel="Breadcrumbs"
          items={[{ text: 'CloudTrail', href: paths.home() }, ...breadcrumbs]}
          onFollow={follow}
        />
      }
      toolsHide
      content={children}
      ariaLabels={{
        navigation: 'Side navigation',
        navigationClose: 'Close side navigation',
        navigationToggle: 'Open side navigation',
        notifications: 'Notifications',
      }}
    />
  );
}

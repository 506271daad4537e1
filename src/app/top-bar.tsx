import TopNavigation from '@cloudscape-design/components/top-navigation';
import { useLocation, useNavigate } from 'react-router';
import { describeBackend } from '@/api/connection';
import { REGIONS } from '@/lib/cloudtrail-limits';
import { useConnection } from '@/api/use-connection';
import { useTheme, type ThemePreference } from '@/hooks/use-theme';
import { paths } from '@/lib/paths';
import { regionLabel } from './region-names';
import { withRegion } from './region-in-url';

const THEME_LABELS: Record<ThemePreference, string> = { system: 'System', light: 'Light', dark: 'Dark' };

/** The console's top navigation: product, backend, region, theme and settings. */
export function TopBar() {
  const navigate = useNavigate();
  const location = useLocation();
  const { connection } = useConnection();
  const theme = useTheme();
  return (
    <div id="top-navigation" style={{ position: 'sticky', top: 0, zIndex: 1002 }}>
      <TopNavigation
        identity={{
          href: paths.home(),
          title: 'CloudTrail console',
          onFollow: (event) => {
            event.preventDefault();
            void navigate(paths.home());
          },
        }}
        utilities={[
          {
            type: 'button',
            text: `Backend: ${describeBackend(connection)}`,
            title: 'Change the backend in Settings',
            iconName: connection.kind === 'aws' ? 'globe' : 'settings',
            href: paths.settings(),
            onFollow: (event) => {
              event.preventDefault();
              void navigate(paths.settings());
            },
          },
          {
            type: 'menu-dropdown',
            text: connection.region,
            title: 'Region',
            ariaLabel: `Region: ${connection.region}`,
            items: REGIONS.map((region) => ({
              itemType: 'checkbox' as const,
              id: region,
              text: regionLabel(region),
              checked: region === connection.region,
            })),
            // The region lives in the URL: the shell switches the console to the one the URL names.
            onItemClick: ({ detail }) => {
              void navigate(withRegion(location, detail.id));
            },
          },
          {
            type: 'menu-dropdown',
            iconName: theme.dark ? 'star-filled' : 'star',
            text: `Theme: ${THEME_LABELS[theme.preference]}`,
            ariaLabel: `Theme: ${THEME_LABELS[theme.preference]}`,
            items: (Object.keys(THEME_LABELS) as ThemePreference[]).map((id) => ({
              itemType: 'checkbox' as const,
              id,
              text: THEME_LABELS[id],
              checked: id === theme.preference,
            })),
            onItemClick: ({ detail }) => {
              theme.choose(detail.id as ThemePreference);
            },
          },
        ]}
        i18nStrings={{ overflowMenuTriggerText: 'More', overflowMenuTitleText: 'All features' }}
      />
    </div>
  );
}

import { applyMode, Mode } from '@cloudscape-design/global-styles';
import { useEffect, useState, useSyncExternalStore } from 'react';

export type ThemePreference = 'system' | 'light' | 'dark';

const THEME_KEY = 'cloudtrail-console.theme';
const DARK_QUERY = '(prefers-color-scheme: dark)';

function readPreference(): ThemePreference {
  const saved = localStorage.getItem(THEME_KEY);
  return saved === 'light' || saved === 'dark' ? saved : 'system';
}

function subscribeToSystem(onChange: () => void) {
  const media = window.matchMedia(DARK_QUERY);
  media.addEventListener('change', onChange);
  return () => {
    media.removeEventListener('change', onChange);
  };
}

/** Light or dark mode: follows the system unless the user picked one; the choice is remembered. */
export function useTheme() {
  const [preference, setPreference] = useState<ThemePreference>(readPreference);
  const systemDark = useSyncExternalStore(subscribeToSystem, () => window.matchMedia(DARK_QUERY).matches);
  const dark = preference === 'dark' || (preference === 'system' && systemDark);
  // Cloudscape's mode is a class on <body>, outside React: synchronise it with the choice.
  useEffect(() => {
    applyMode(dark ? Mode.Dark : Mode.Light);
  }, [dark]);
  const choose = (next: ThemePreference) => {
    if (next === 'system') localStorage.removeItem(THEME_KEY);
    else localStorage.setItem(THEME_KEY, next);
    setPreference(next);
  };
  return { preference, dark, choose } as const;
}

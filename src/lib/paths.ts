// Every link inside the console is built here, so routes can change in one place.
export const paths = {
  home: () => '/',
  eventHistory: () => '/events',
  settings: () => '/settings',
} as const;

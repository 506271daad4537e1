import { isValidElement, lazy, type ComponentType, type ReactNode } from 'react';
import { matchRoutes, Navigate, type RouteObject } from 'react-router';

/** The module loaders of every page made with pageFrom. */
const loaders: (() => Promise<unknown>)[] = [];

/**
 * A page component whose module is loaded when the page is first rendered: `load` is the
 * module's dynamic import and `name` its named export. The shell's Suspense shows a loading
 * indicator meanwhile; `preload()` starts the download earlier.
 */
export function pageFrom<Module extends Record<Name, ComponentType>, Name extends keyof Module>(
  load: () => Promise<Module>,
  name: Name,
) {
  loaders.push(load);
  return Object.assign(
    lazy(async () => ({ default: (await load())[name] })),
    { preload: () => void load() },
  );
}

function preloadOf(element: ReactNode): (() => void) | undefined {
  if (!isValidElement(element) || typeof element.type !== 'object') return undefined;
  const preload: unknown = (element.type as { preload?: unknown }).preload;
  return typeof preload === 'function' ? (preload as () => void) : undefined;
}

/**
 * Starts downloading the code of the page at `pathname` (following one redirect), so that it
 * arrives while something else is awaited, such as the embedded emulator's start.
 */
export function preloadPage(routes: RouteObject[], pathname: string): void {
  for (const { route } of matchRoutes(routes, pathname) ?? []) {
    const element = route.element;
    if (isValidElement<{ to?: unknown }>(element) && element.type === Navigate) {
      const to = element.props.to;
      if (typeof to === 'string' && to !== pathname) preloadPage(routes, to);
    } else preloadOf(element)?.();
  }
}

/** Loads the module of every page made with pageFrom. */
export async function loadEveryPage(): Promise<void> {
  await Promise.all(loaders.map((load) => load()));
}

// The console's region is part of every page's URL (`?region=eu-west-1`), so a copied link opens
// the same region: the shell keeps the parameter on every page, links inside the console need not
// carry it, and the region menu changes it.
import { useEffect, useRef } from 'react';
import { useLocation, useNavigate, type Location } from 'react-router';
import type { Connection } from '@/api/connection';
import { useConnection } from '@/api/use-connection';
import { REGIONS } from '@/lib/cloudtrail-limits';
import { paths } from '@/lib/paths';

/** The search parameter that holds the region. */
export const REGION_PARAM = 'region';

/** The region a URL's search names, if it names one the console serves. */
export function regionInSearch(search: string): string | undefined {
  const region = new URLSearchParams(search).get(REGION_PARAM);
  return region !== null && (REGIONS as readonly string[]).includes(region) ? region : undefined;
}

/** `location` with its region parameter set to `region`, everything else kept. */
export function withRegion(location: Pick<Location, 'pathname' | 'search' | 'hash'>, region: string) {
  const search = new URLSearchParams(location.search);
  search.set(REGION_PARAM, region);
  return { pathname: location.pathname, search: `?${search.toString()}`, hash: location.hash };
}

/**
 * Keeps the URL's region and the console's region the same. A URL that names another region (a
 * link, the region menu, Back) switches the console to it; a URL without one (a link inside the
 * console) gets the current region; a region chosen elsewhere (Settings) is written into the URL.
 * Returns true while the console is switching to the URL's region, so the page is not drawn with
 * the previous region's data.
 */
export function useRegionInUrl(): boolean {
  const location = useLocation();
  const navigate = useNavigate();
  const { connection, setConnection } = useConnection();
  const wanted = regionInSearch(location.search);
  // The URL region last acted on, and the connection at that moment: a connection that has not
  // changed since is still switching to the URL's region, a newer one was chosen elsewhere.
  const settled = useRef<{ url: string | undefined; connection: Connection } | undefined>(undefined);

  // Synchronises two outside stores, the URL and the saved connection: nothing is fetched or derived.
  useEffect(() => {
    const last = settled.current;
    if (wanted === connection.region) {
      settled.current = { url: wanted, connection };
      return;
    }
    if (wanted !== undefined && wanted !== last?.url) {
      settled.current = { url: wanted, connection };
      void setConnection({ ...connection, region: wanted });
      return;
    }
    if (wanted !== undefined && connection === last?.connection) return;
    // The home page redirects (to Event history) in this same commit; the redirect's target gets the region.
    if (location.pathname === paths.home()) return;
    settled.current = { url: connection.region, connection };
    void navigate(withRegion(location, connection.region), { replace: true, state: location.state as unknown });
  }, [wanted, connection, setConnection, navigate, location]);

  return wanted !== undefined && wanted !== connection.region;
}

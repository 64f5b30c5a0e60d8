/**
 * The route component of a section whose route table loads on demand (see
 * src/plugins/content/route-sections.ts). Docusaurus preloads the components of a route before
 * rendering it (first load: before hydration; navigation: while the old page stays): the
 * section's `preload` loads its table, then the components of the routes that match the target
 * path. Rendering then only has to pick the route, as the full table would have.
 */
import { useEffect, useState, type ComponentType, type ReactNode } from 'react';
import renderRoutes from '@docusaurus/renderRoutes';
import { matchRoutes, type RouteConfig } from 'react-router-config';
import { targetPath } from './routeTarget.js';

type Preloadable = ComponentType & { preload?: () => Promise<unknown> };

export default function lazySection(load: () => Promise<{ default: RouteConfig[] }>): Preloadable {
  let routes: RouteConfig[] | null = null;
  let loading: Promise<RouteConfig[]> | null = null;
  const ensure = (): Promise<RouteConfig[]> => {
    loading ??= load().then((m) => (routes = m.default), (e: unknown) => {
      loading = null;
      throw e;
    });
    return loading;
  };

  function Section(): ReactNode {
    const [, setLoaded] = useState(false);
    // Only when something rendered the section without preloading it first.
    useEffect(() => {
      if (!routes) void ensure().then(() => setLoaded(true));
    }, []);
    return routes ? renderRoutes(routes) : null;
  }
  Section.preload = async (): Promise<unknown> => {
    const table = await ensure();
    const path = targetPath();
    const matches = [...new Set([path, decodeURI(path)])].flatMap((p) => matchRoutes(table, p));
    return Promise.all(matches.map((m) => (m.route.component as Preloadable | undefined)?.preload?.()));
  };
  return Section;
}

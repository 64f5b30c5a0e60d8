/**
 * Client module (registered by the content plugin): remembers where the reader is going. Docusaurus
 * calls `onRouteUpdate` with the next location just before it preloads that location's route, so
 * that a section loaded on demand (lazySection.tsx) knows which of its routes to preload.
 */
let target: string | null = null;

export function onRouteUpdate({ location }: { location: { pathname: string } }): void {
  target = location.pathname;
}

/** The path being navigated to; on the first load, the page's own path. */
export function targetPath(): string {
  return target ?? window.location.pathname;
}

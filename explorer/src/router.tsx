// History routing under /explore. Every page has a real URL (deep links such as
// /explore/entity/condition:degenerative-disc-disease load directly: the server answers any
// /explore path with index.html), and Link keeps the browser's own behaviour for new tabs.
import { type AnchorHTMLAttributes, type MouseEvent, useSyncExternalStore } from 'react';

export const BASE = '/explore';

export type Route =
  | { name: 'home' }
  | { name: 'entity'; id: string }
  | { name: 'graph'; id: string }
  | { name: 'dashboard'; condition?: string }
  | { name: 'paths'; from?: string; to?: string; maxLength?: number }
  /** `search` is the query string as is (with its `?`, or empty): the browse page reads it against its kind. */
  | { name: 'browse'; kind?: string; search: string }
  | { name: 'not-found' };

/** Ids read `condition:degenerative-disc-disease`; keep the colon readable in the address bar. */
function encodeId(id: string): string {
  return encodeURIComponent(id).replace(/%3A/gi, ':');
}

function safeDecode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

export function parseLocation(pathname: string, search: string): Route {
  const rest = pathname.startsWith(BASE) ? pathname.slice(BASE.length) : pathname;
  const parts = rest.split('/').filter((part) => part !== '');
  const params = new URLSearchParams(search);
  const [page, arg] = parts;
  if (page === undefined) {
    return { name: 'home' };
  }
  if ((page === 'entity' || page === 'graph') && arg !== undefined && parts.length === 2) {
    const id = safeDecode(arg);
    return id === undefined ? { name: 'not-found' } : { name: page, id };
  }
  if (page === 'dashboard' && parts.length === 1) {
    return { name: 'dashboard', condition: params.get('condition') ?? undefined };
  }
  if (page === 'browse' && parts.length <= 2) {
    const kind = arg === undefined ? undefined : safeDecode(arg);
    return arg !== undefined && kind === undefined ? { name: 'not-found' } : { name: 'browse', kind, search };
  }
  if (page === 'paths' && parts.length === 1) {
    const maxLength = Number(params.get('maxLength'));
    return {
      name: 'paths',
      from: params.get('from') ?? undefined,
      to: params.get('to') ?? undefined,
      maxLength: Number.isInteger(maxLength) && maxLength > 0 ? maxLength : undefined,
    };
  }
  return { name: 'not-found' };
}

export function hrefFor(route: Route): string {
  switch (route.name) {
    case 'home':
    case 'not-found':
      return `${BASE}/`;
    case 'entity':
      return `${BASE}/entity/${encodeId(route.id)}`;
    case 'graph':
      return `${BASE}/graph/${encodeId(route.id)}`;
    case 'dashboard': {
      const query = route.condition === undefined ? '' : `?${new URLSearchParams({ condition: route.condition })}`;
      return `${BASE}/dashboard${query}`;
    }
    case 'browse':
      return `${BASE}/browse${route.kind === undefined ? '' : `/${encodeURIComponent(route.kind)}`}${route.search}`;
    case 'paths': {
      const params = new URLSearchParams();
      if (route.from !== undefined) {
        params.set('from', route.from);
      }
      if (route.to !== undefined) {
        params.set('to', route.to);
      }
      if (route.maxLength !== undefined) {
        params.set('maxLength', String(route.maxLength));
      }
      const query = params.size === 0 ? '' : `?${params}`;
      return `${BASE}/paths${query}`;
    }
  }
}

const listeners = new Set<() => void>();
let navigated = false;

/** Whether the user has moved between pages since the app loaded (a first load keeps focus where it is). */
export function hasNavigated(): boolean {
  return navigated;
}

function onPopState(): void {
  navigated = true;
}
window.addEventListener('popstate', onPopState);

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener('popstate', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('popstate', listener);
  };
}

function currentHref(): string {
  return `${window.location.pathname}${window.location.search}`;
}

export function navigate(href: string, options: { replace?: boolean } = {}): void {
  if (href === currentHref()) {
    return;
  }
  navigated = true;
  if (options.replace === true) {
    window.history.replaceState(null, '', href);
  } else {
    window.history.pushState(null, '', href);
  }
  for (const listener of listeners) {
    listener();
  }
}

/** The current route; re-renders on navigation and on the browser's back and forward buttons. */
export function useRoute(): Route {
  const href = useSyncExternalStore(subscribe, currentHref);
  const url = new URL(href, window.location.origin);
  return parseLocation(url.pathname, url.search);
}

type LinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> & { to: Route };

export function Link({ to, onClick, ...rest }: LinkProps) {
  const href = hrefFor(to);
  const handleClick = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    // Let the browser handle new-tab and download gestures.
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey ||
      rest.target !== undefined
    ) {
      return;
    }
    event.preventDefault();
    navigate(href);
  };
  return <a href={href} onClick={handleClick} {...rest} />;
}

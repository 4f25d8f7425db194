/**
 * Hash routes. Kiosk steps are deliberately not routes: a resident's turn lives in memory only, so the browser's
 * Back button and history can never bring back a previous resident's screens.
 */
import { useEffect, useState } from 'preact/hooks';

export type Route =
  | { name: 'home' }
  | { name: 'newSession' }
  | { name: 'facilitator'; sessionId: string }
  | { name: 'editSession'; sessionId: string }
  | { name: 'kiosk'; sessionId: string };

const ID = '([A-Za-z0-9-]{1,64})';

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '') || '/';
  let m: RegExpExecArray | null;
  if (path === '/new') return { name: 'newSession' };
  if ((m = new RegExp(`^/session/${ID}/kiosk$`).exec(path))) return { name: 'kiosk', sessionId: m[1]! };
  if ((m = new RegExp(`^/session/${ID}/edit$`).exec(path))) return { name: 'editSession', sessionId: m[1]! };
  if ((m = new RegExp(`^/session/${ID}$`).exec(path))) return { name: 'facilitator', sessionId: m[1]! };
  return { name: 'home' };
}

export function routeHash(route: Route): string {
  switch (route.name) {
    case 'home':
      return '#/';
    case 'newSession':
      return '#/new';
    case 'facilitator':
      return `#/session/${route.sessionId}`;
    case 'editSession':
      return `#/session/${route.sessionId}/edit`;
    case 'kiosk':
      return `#/session/${route.sessionId}/kiosk`;
  }
}

export function navigate(route: Route, { replace = false } = {}): void {
  const hash = routeHash(route);
  if (replace) history.replaceState(null, '', hash);
  else history.pushState(null, '', hash);
  window.dispatchEvent(new HashChangeEvent('hashchange'));
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const onChange = (): void => setRoute(parseRoute(location.hash));
    window.addEventListener('hashchange', onChange);
    window.addEventListener('popstate', onChange);
    return () => {
      window.removeEventListener('hashchange', onChange);
      window.removeEventListener('popstate', onChange);
    };
  }, []);
  return route;
}

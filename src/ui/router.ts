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
  | { name: 'kiosk'; sessionId: string }
  /** Facilitator mode: the room with no internet (gather every tablet's ideas and hand them back). */
  | { name: 'room'; sessionId: string }
  /** The officer view (council office): the council's sessions, a neighbourhood, one session, or a report. */
  | { name: 'officer' }
  | { name: 'officerArea'; neighbourhood: string }
  | { name: 'officerSession'; sessionId: string }
  | { name: 'officerReport'; sessionIds: string[] };

const ID = '([A-Za-z0-9-]{1,64})';

function decodePart(part: string): string | null {
  try {
    return decodeURIComponent(part);
  } catch {
    return null;
  }
}

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '') || '/';
  let m: RegExpExecArray | null;
  if (path === '/new') return { name: 'newSession' };
  if (path === '/officer') return { name: 'officer' };
  if ((m = /^\/officer\/area\/([^/]{1,400})$/.exec(path))) {
    const neighbourhood = decodePart(m[1]!);
    if (neighbourhood) return { name: 'officerArea', neighbourhood };
  }
  if ((m = new RegExp(`^/officer/session/${ID}$`).exec(path)))
    return { name: 'officerSession', sessionId: m[1]! };
  if ((m = new RegExp(`^/officer/report/(${ID.slice(1, -1)}(?:,${ID.slice(1, -1)}){0,49})$`).exec(path)))
    return { name: 'officerReport', sessionIds: m[1]!.split(',') };
  if ((m = new RegExp(`^/session/${ID}/kiosk$`).exec(path))) return { name: 'kiosk', sessionId: m[1]! };
  if ((m = new RegExp(`^/session/${ID}/edit$`).exec(path))) return { name: 'editSession', sessionId: m[1]! };
  if ((m = new RegExp(`^/session/${ID}/room$`).exec(path))) return { name: 'room', sessionId: m[1]! };
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
    case 'room':
      return `#/session/${route.sessionId}/room`;
    case 'officer':
      return '#/officer';
    case 'officerArea':
      return `#/officer/area/${encodeURIComponent(route.neighbourhood)}`;
    case 'officerSession':
      return `#/officer/session/${route.sessionId}`;
    case 'officerReport':
      return `#/officer/report/${route.sessionIds.join(',')}`;
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

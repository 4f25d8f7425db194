/**
 * Where an address may lead while this tablet is a kiosk. A pure rule, decided on every route change and before
 * the first paint: while kiosk mode is on, the only screens are that session's kiosk and that session's PIN
 * screen (its facilitator addresses, behind the PIN). Everything else (the home screen with the demo and its PIN,
 * creating a session, importing files, enrolment, the officer view, other sessions, unknown addresses) shows the
 * kiosk instead. The right PIN lifts kiosk mode; until then facilitator mode is locked whenever the kiosk shows.
 */
import type { KioskLock } from '../storage/kioskLock';
import type { Route } from './router';

/** What the app does with the address asked for, as named outcomes. */
export const KIOSK_ROUTING = {
  /** Show the screen asked for. */
  show: 'show',
  /** Kiosk mode is not known yet (first start, storage cleared): show nothing until the device database answers. */
  wait: 'wait',
  /** The kiosk was asked for on a tablet not in kiosk mode: lock the tablet to it (committed) before it shows. */
  lockFirst: 'lockFirst',
  /** The tablet is a kiosk: show its kiosk instead, and put the kiosk's address in the address bar. */
  toKiosk: 'toKiosk',
  /** Files were shared to a kiosk: they are refused, with a message that gives nothing away. */
  refuseShare: 'refuseShare',
} as const;

export type KioskRouting =
  | { kind: typeof KIOSK_ROUTING.show }
  | { kind: typeof KIOSK_ROUTING.wait }
  | { kind: typeof KIOSK_ROUTING.lockFirst; sessionId: string }
  | { kind: typeof KIOSK_ROUTING.toKiosk; sessionId: string }
  | { kind: typeof KIOSK_ROUTING.refuseShare; sessionId: string };

export interface KioskRoutingInput {
  route: Route;
  /** The address is the share target's landing (files shared from another app). */
  isSharedLaunch: boolean;
  /** The device's kiosk lock: a lock, null (not a kiosk) or undefined (not known yet). */
  lock: KioskLock | null | undefined;
  /** The session whose facilitator mode was unlocked with its PIN on this tab, if any. */
  unlockedSessionId: string | null;
}

/** The session's PIN screen, and what it guards: the dashboard, the settings form and the room. */
function isBehindPin(route: Route, sessionId: string): boolean {
  return (
    (route.name === 'facilitator' || route.name === 'editSession' || route.name === 'room') &&
    route.sessionId === sessionId
  );
}

export function kioskRouting({
  route,
  isSharedLaunch,
  lock,
  unlockedSessionId,
}: KioskRoutingInput): KioskRouting {
  if (lock === undefined) return { kind: KIOSK_ROUTING.wait };
  if (lock === null) {
    return route.name === 'kiosk'
      ? { kind: KIOSK_ROUTING.lockFirst, sessionId: route.sessionId }
      : { kind: KIOSK_ROUTING.show };
  }
  const { sessionId } = lock;
  if (route.name === 'kiosk' && route.sessionId === sessionId) return { kind: KIOSK_ROUTING.show };
  // The facilitator typed this session's PIN: kiosk mode is being lifted (or storage refused to forget it).
  if (unlockedSessionId === sessionId) {
    return route.name === 'kiosk'
      ? { kind: KIOSK_ROUTING.lockFirst, sessionId: route.sessionId }
      : { kind: KIOSK_ROUTING.show };
  }
  if (isBehindPin(route, sessionId)) return { kind: KIOSK_ROUTING.show };
  if (isSharedLaunch) return { kind: KIOSK_ROUTING.refuseShare, sessionId };
  return { kind: KIOSK_ROUTING.toKiosk, sessionId };
}

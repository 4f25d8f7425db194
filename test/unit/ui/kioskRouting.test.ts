import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { KioskLock } from '../../../src/storage/kioskLock';
import { SHARED_HASH } from '../../../src/sync/shareTarget';
import { KIOSK_ROUTING, kioskRouting, type KioskRouting } from '../../../src/ui/kioskRouting';
import { parseRoute, type Route } from '../../../src/ui/router';
import { PROPERTY_BUDGET_MS } from '../helpers/property';

const L = 'session-locked';
const OTHER = 'session-other';
const LOCK: KioskLock = { sessionId: L, since: 1_700_000_000_000 };

/** Where typing this address leads on a tablet locked to L's kiosk, with facilitator mode locked. */
function whileLocked(hash: string, unlockedSessionId: string | null = null): KioskRouting {
  return kioskRouting({
    route: parseRoute(hash),
    isSharedLaunch: hash === SHARED_HASH,
    lock: LOCK,
    unlockedSessionId,
  });
}

const toKiosk: KioskRouting = { kind: KIOSK_ROUTING.toKiosk, sessionId: L };
const show: KioskRouting = { kind: KIOSK_ROUTING.show };

describe('routing while a tablet is a kiosk', () => {
  it.each([
    ['the home screen (demo, its PIN, create, import, enrolment)', '#/'],
    ['no address at all', ''],
    ['the officer view', '#/officer'],
    ['an officer area', '#/officer/area/Northmoor'],
    ['an officer session', `#/officer/session/${L}`],
    ['a report', `#/officer/report/${L},${OTHER}`],
    ['creating a session', '#/new'],
    ['another session’s dashboard', `#/session/${OTHER}`],
    ['another session’s settings', `#/session/${OTHER}/edit`],
    ['another session’s kiosk', `#/session/${OTHER}/kiosk`],
    ['an unknown address', '#/no/such/screen'],
    ['an address with a query', '#/?demo=1'],
  ])('Given kiosk mode, When %s is asked for, Then the kiosk shows instead', (_, hash) => {
    expect(whileLocked(hash)).toEqual(toKiosk);
  });

  it('Given kiosk mode, When its own kiosk is asked for (a reload), Then it shows', () => {
    expect(whileLocked(`#/session/${L}/kiosk`)).toEqual(show);
  });

  it('Given kiosk mode, When the session’s dashboard or settings are asked for, Then they show behind its PIN screen', () => {
    expect(whileLocked(`#/session/${L}`)).toEqual(show);
    expect(whileLocked(`#/session/${L}/edit`)).toEqual(show);
  });

  it('Given kiosk mode, When files are shared to the tablet, Then they are refused on a kiosk screen', () => {
    expect(whileLocked(SHARED_HASH)).toEqual({ kind: KIOSK_ROUTING.refuseShare, sessionId: L });
  });

  it('Given kiosk mode and another session’s PIN typed earlier on this tab, When home is asked for, Then the kiosk shows', () => {
    expect(whileLocked('#/', OTHER)).toEqual(toKiosk);
    expect(whileLocked(`#/session/${OTHER}`, OTHER)).toEqual(toKiosk);
  });

  it('Given the session’s own PIN was typed (kiosk mode being lifted), When home is asked for, Then it shows', () => {
    expect(whileLocked('#/', L)).toEqual(show);
    expect(whileLocked('#/officer', L)).toEqual(show);
  });

  it('Given the session’s own PIN was typed, When another session’s kiosk is started, Then the tablet is locked to that one first', () => {
    expect(whileLocked(`#/session/${OTHER}/kiosk`, L)).toEqual({
      kind: KIOSK_ROUTING.lockFirst,
      sessionId: OTHER,
    });
  });
});

describe('routing on a tablet that is not a kiosk', () => {
  const notLocked = (hash: string): KioskRouting =>
    kioskRouting({
      route: parseRoute(hash),
      isSharedLaunch: hash === SHARED_HASH,
      lock: null,
      unlockedSessionId: null,
    });

  it('Given no kiosk mode, When any screen but a kiosk is asked for, Then it shows', () => {
    for (const hash of ['#/', '#/new', '#/officer', `#/session/${L}`, SHARED_HASH]) {
      expect(notLocked(hash), hash).toEqual(show);
    }
  });

  it('Given no kiosk mode, When a kiosk is asked for, Then the tablet is locked to it before it shows', () => {
    expect(notLocked(`#/session/${L}/kiosk`)).toEqual({ kind: KIOSK_ROUTING.lockFirst, sessionId: L });
  });

  it('Given kiosk mode is not known yet (no copy in localStorage), When anything is asked for, Then nothing shows until it is', () => {
    for (const hash of ['#/', `#/session/${L}/kiosk`, SHARED_HASH]) {
      const r = kioskRouting({
        route: parseRoute(hash),
        isSharedLaunch: false,
        lock: undefined,
        unlockedSessionId: null,
      });
      expect(r, hash).toEqual({ kind: KIOSK_ROUTING.wait });
    }
  });
});

describe('no way out of a kiosk (property)', () => {
  const id = fc.constantFrom(L, OTHER, 'x', 'a-b-c');
  const route: fc.Arbitrary<Route> = fc.oneof(
    fc.constant<Route>({ name: 'home' }),
    fc.constant<Route>({ name: 'newSession' }),
    fc.constant<Route>({ name: 'officer' }),
    fc.string().map((neighbourhood): Route => ({ name: 'officerArea', neighbourhood })),
    id.map((sessionId): Route => ({ name: 'officerSession', sessionId })),
    fc
      .array(id, { minLength: 1, maxLength: 3 })
      .map((sessionIds): Route => ({ name: 'officerReport', sessionIds })),
    id.map((sessionId): Route => ({ name: 'facilitator', sessionId })),
    id.map((sessionId): Route => ({ name: 'editSession', sessionId })),
    id.map((sessionId): Route => ({ name: 'room', sessionId })),
    id.map((sessionId): Route => ({ name: 'kiosk', sessionId })),
  );

  it(
    'Given kiosk mode and facilitator mode not unlocked with its PIN, When any address is asked for, Then only its kiosk or its PIN screen can show',
    () => {
      fc.assert(
        fc.property(route, fc.boolean(), fc.constantFrom(null, OTHER), (r, isShared, unlocked) => {
          const out = kioskRouting({
            route: r,
            isSharedLaunch: isShared,
            lock: LOCK,
            unlockedSessionId: unlocked,
          });
          if (out.kind === KIOSK_ROUTING.show) {
            const isOwnKiosk = r.name === 'kiosk' && r.sessionId === L;
            const isOwnPin =
              (r.name === 'facilitator' || r.name === 'editSession' || r.name === 'room') &&
              r.sessionId === L;
            expect(isOwnKiosk || isOwnPin).toBe(true);
          } else {
            expect([KIOSK_ROUTING.toKiosk, KIOSK_ROUTING.refuseShare]).toContain(out.kind);
            expect(out).toMatchObject({ sessionId: L });
          }
        }),
      );
    },
    PROPERTY_BUDGET_MS,
  );
});

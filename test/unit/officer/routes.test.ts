/** The officer view's addresses and the council's sessions grouped by neighbourhood. */
import { describe, expect, it } from 'vitest';
import { parseRoute, routeHash, type Route } from '../../../src/ui/router';
import { byNeighbourhood } from '../../../src/ui/officer/useCouncilList';
import type { CouncilSession } from '../../../src/sync/councilApi';

describe('officer routes', () => {
  const routes: Route[] = [
    { name: 'officer' },
    { name: 'officerArea', neighbourhood: 'Ashfield North' },
    { name: 'officerArea', neighbourhood: 'Llanfair / Pwll & “Mill”' },
    { name: 'officerSession', sessionId: '0f3c2b1a-9d8e-4f00-8a11-222233334444' },
    { name: 'officerReport', sessionIds: ['a-1', 'b-2'] },
    { name: 'room', sessionId: 'a-1' },
  ];

  it.each(routes)(
    'Given the route %j, When written as an address and read back, Then it is the same route',
    (route) => {
      expect(parseRoute(routeHash(route))).toEqual(route);
    },
  );

  it('Given addresses that are not the officer view’s, Then they fall back to the home screen', () => {
    expect(parseRoute('#/officer/area/%E0%A4%A')).toEqual({ name: 'home' });
    expect(parseRoute('#/officer/session/has spaces')).toEqual({ name: 'home' });
    expect(parseRoute('#/officer/report/')).toEqual({ name: 'home' });
    expect(parseRoute(`#/officer/report/${Array.from({ length: 51 }, (_, i) => `s${i}`).join(',')}`)).toEqual(
      {
        name: 'home',
      },
    );
  });
});

describe('sessions by neighbourhood', () => {
  const session = (id: string, neighbourhood: string, date: string): CouncilSession => ({
    id,
    title: `Session ${id}`,
    neighbourhood,
    date,
    venue: 'Hall',
    updatedAt: '2026-11-01T10:00:00Z',
  });

  it('Given sessions of several neighbourhoods, however typed, Then they are grouped alphabetically, newest session first, named as the newest spells it', () => {
    const groups = byNeighbourhood([
      session('1', 'northmoor', '2026-03-01'),
      session('2', 'Ashfield North', '2026-04-18'),
      session('3', 'Northmoor ', '2026-10-10'),
      session('4', 'Ashfield North', '2026-10-10'),
    ]);
    expect(groups.map((g) => g.name)).toEqual(['Ashfield North', 'Northmoor']);
    expect(groups[0]!.sessions.map((s) => s.id)).toEqual(['4', '2']);
    expect(groups[1]!.sessions.map((s) => s.id)).toEqual(['3', '1']);
  });

  it('Given sessions in "Tŵr Ward" typed with ŵ as one character (NFC) and as w + combining circumflex (NFD), Then they are ONE neighbourhood, as the server matches them', () => {
    const nfc = 'T\u0175r Ward';
    const nfd = 'Tw\u0302r Ward';
    const groups = byNeighbourhood([
      session('1', nfc, '2026-03-01'),
      session('2', nfd, '2026-10-10'),
      session('3', 'Ashfield North', '2026-04-18'),
    ]);
    expect(groups.map((g) => g.name)).toEqual(['Ashfield North', nfc]);
    expect(groups[1]!.sessions.map((s) => s.id)).toEqual(['2', '1']);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { proposalViews, resolveMerges, visibleProposals } from '../../../src/domain/proposals';
import type { Moderation, Proposal } from '../../../src/domain/types';
import { PROPERTY_BUDGET_MS } from '../helpers/property';

function proposal(id: string, at = 1): Proposal {
  return {
    id,
    at,
    deviceId: 'tablet-1',
    title: `Idea ${id}`,
    description: `About ${id}`,
    themeId: 'theme-jobs',
    costPence: 1000,
    where: '',
    participantId: null,
  };
}

const stamp = (id: string, at: number) => ({ id, at, deviceId: 'facilitator' });
const hide = (id: string, at: number, proposalId: string, reason = 'abuse'): Moderation => ({
  ...stamp(id, at),
  kind: 'hide',
  proposalId,
  reason,
});
const unhide = (id: string, at: number, proposalId: string): Moderation => ({
  ...stamp(id, at),
  kind: 'unhide',
  proposalId,
});
const merge = (id: string, at: number, proposalId: string, intoId: string): Moderation => ({
  ...stamp(id, at),
  kind: 'merge',
  proposalId,
  intoId,
});

const ids = (...xs: string[]) => new Set(xs);

describe('hide and unhide', () => {
  const proposals = [proposal('p1')];

  it('Given an idea hidden and later unhidden, when viewed, then it is visible again', () => {
    const [view] = proposalViews(proposals, [hide('m1', 10, 'p1'), unhide('m2', 20, 'p1')]);
    expect(view?.isHidden).toBe(false);
    expect(view?.hiddenReason).toBe('');
    expect(
      visibleProposals(proposalViews(proposals, [unhide('m2', 20, 'p1'), hide('m1', 10, 'p1')])),
    ).toHaveLength(1);
  });

  it('Given an idea unhidden and later hidden, when viewed in any record order, then it is hidden with the reason', () => {
    const records = [unhide('m1', 10, 'p1'), hide('m2', 20, 'p1', 'personal details')];
    for (const order of [records, [...records].reverse()]) {
      const [view] = proposalViews(proposals, order);
      expect(view?.isHidden).toBe(true);
      expect(view?.hiddenReason).toBe('personal details');
      expect(visibleProposals(proposalViews(proposals, order))).toEqual([]);
    }
  });

  it('Given a hide and an unhide at the same moment, when viewed, then the one with the larger id wins', () => {
    const [view] = proposalViews(proposals, [hide('m-b', 10, 'p1'), unhide('m-a', 10, 'p1')]);
    expect(view?.isHidden).toBe(true);
  });
});

describe('edit', () => {
  it('Given two edits, when viewed, then the latest text is shown and the original record is unchanged', () => {
    const original = proposal('p1');
    const records: Moderation[] = [
      { ...stamp('m2', 20), kind: 'edit', proposalId: 'p1', title: 'Youth club', description: 'Fridays' },
      { ...stamp('m1', 10), kind: 'edit', proposalId: 'p1', title: 'Yuoth club', description: '' },
    ];
    const [view] = proposalViews([original], records);
    expect(view).toMatchObject({
      shownTitle: 'Youth club',
      shownDescription: 'Fridays',
      isEdited: true,
      title: 'Idea p1',
      description: 'About p1',
    });
    expect(original.title).toBe('Idea p1');
  });

  it('Given no edit, when viewed, then the original text is shown and it is not marked edited', () => {
    const [view] = proposalViews([proposal('p1')], []);
    expect(view).toMatchObject({ shownTitle: 'Idea p1', shownDescription: 'About p1', isEdited: false });
  });
});

describe('resolveMerges', () => {
  it('Given no merges, when resolved, then every idea is its own canonical idea', () => {
    expect(resolveMerges(ids('a', 'b'), [])).toEqual(
      new Map([
        ['a', 'a'],
        ['b', 'b'],
      ]),
    );
  });

  it('Given a chain A into B into C, when resolved, then A and B count for C', () => {
    const canonical = resolveMerges(ids('A', 'B', 'C'), [merge('m1', 1, 'A', 'B'), merge('m2', 2, 'B', 'C')]);
    expect(canonical).toEqual(
      new Map([
        ['A', 'C'],
        ['B', 'C'],
        ['C', 'C'],
      ]),
    );
  });

  it('Given a two-idea cycle, when resolved from either side, then both count for the smaller id', () => {
    const records = [merge('m1', 1, 'p2', 'p1'), merge('m2', 1, 'p1', 'p2')];
    for (const set of [ids('p1', 'p2'), ids('p2', 'p1')]) {
      const canonical = resolveMerges(set, records);
      expect(canonical.get('p1')).toBe('p1');
      expect(canonical.get('p2')).toBe('p1');
    }
  });

  it('Given a three-idea cycle with a tail leading into it, when resolved, then all count for the cycle’s smallest id', () => {
    const records = [
      merge('m1', 1, 'q', 'r'),
      merge('m2', 1, 'r', 'p'),
      merge('m3', 1, 'p', 'q'),
      merge('m4', 1, 'tail', 'r'),
    ];
    const canonical = resolveMerges(ids('tail', 'q', 'r', 'p'), records);
    expect([...canonical.values()]).toEqual(['p', 'p', 'p', 'p']);
  });

  it('Given one duplicate merged into two ideas, when resolved, then the latest merge record wins', () => {
    const records = [merge('m-late', 20, 'dup', 'x'), merge('m-early', 10, 'dup', 'y')];
    expect(resolveMerges(ids('dup', 'x', 'y'), records).get('dup')).toBe('x');
  });

  it('Given a merge into an idea this device has not received, when resolved, then the merge is ignored', () => {
    expect(resolveMerges(ids('a'), [merge('m1', 1, 'a', 'missing')]).get('a')).toBe('a');
  });

  it(
    'Given any merge records, when resolved in any order, then the answer is the same and canonical ids are fixed points',
    () => {
      const names = ['a', 'b', 'c', 'd', 'e', 'f'];
      const records = fc.array(
        fc.record({ from: fc.constantFrom(...names), into: fc.constantFrom(...names), at: fc.nat(3) }),
        { maxLength: 10 },
      );
      const input = records.chain((rs) => {
        const mods = rs.filter((r) => r.from !== r.into).map((r, i) => merge(`m${i}`, r.at, r.from, r.into));
        return fc.tuple(
          fc.constant(mods),
          fc.shuffledSubarray(mods, { minLength: mods.length, maxLength: mods.length }),
          fc.shuffledSubarray(names, { minLength: names.length, maxLength: names.length }),
        );
      });
      fc.assert(
        fc.property(input, ([mods, shuffledMods, shuffledNames]) => {
          const canonical = resolveMerges(new Set(names), mods);
          expect(resolveMerges(new Set(shuffledNames), shuffledMods)).toEqual(canonical);
          for (const name of names) {
            const c = canonical.get(name);
            expect(c).toBeDefined();
            expect(canonical.get(c ?? '')).toBe(c);
          }
        }),
        { numRuns: 300 },
      );
    },
    PROPERTY_BUDGET_MS,
  );
});

describe('proposalViews with merges', () => {
  it('Given A merged into B, when viewed, then A points at B, B lists A, and only B is visible', () => {
    const views = proposalViews([proposal('B', 2), proposal('A', 1)], [merge('m1', 5, 'A', 'B')]);
    expect(views.map((v) => v.id)).toEqual(['A', 'B']);
    expect(views[0]).toMatchObject({ canonicalId: 'B', mergedIds: [] });
    expect(views[1]).toMatchObject({ canonicalId: 'B', mergedIds: ['A'] });
    expect(visibleProposals(views).map((v) => v.id)).toEqual(['B']);
  });

  it('Given ideas added at the same moment, when viewed, then they are listed by id', () => {
    expect(
      proposalViews([proposal('z', 1), proposal('a', 1), proposal('m', 0)], []).map((v) => v.id),
    ).toEqual(['m', 'a', 'z']);
  });
});

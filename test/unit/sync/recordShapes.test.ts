/**
 * Structural checks on every kind of record: what the commands write passes; each way a record can be malformed
 * is named with its map, key, field and problem.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { checkDocShape, checkRecord, MAX_PROBLEMS, type RecordMapName } from '../../../src/doc/recordShapes';
import { addProposal, castBallot, startParticipant } from '../../../src/doc/commands';
import {
  editProposal,
  hideProposal,
  mergeProposals,
  unhideProposal,
} from '../../../src/doc/moderationCommands';
import { endSession, updateSettings } from '../../../src/doc/sessionCommands';
import { maps } from '../../../src/doc/schema';
import { createdSession, validSettings } from '../helpers/session';
import { tabletsApart, type Tablet } from './workshop';

const [tablet] = tabletsApart(1, 6) as [Tablet];
const m = maps(tablet.doc);
const one = <T>(map: Y.Map<T>, pick: (v: T) => boolean = () => true): T => [...map.values()].find(pick)!;
const proposal = one(m.proposals);
const comment = one(m.comments);
const participant = one(m.participants, (p) => Object.keys(p.answers).length > 0);
const ballot = one(m.ballots);
const hide = one(m.moderation);
const edit = one(m.settings);
const status = {
  id: 's-1',
  proposalId: proposal.id,
  status: 'funded',
  amountPence: 1000,
  reason: 'Board meeting 3 March',
  deviceId: 'officer',
  at: 1,
};

describe('records the commands write', () => {
  it('Given a workshop run through the commands, When the document is checked, Then it has no problems', () => {
    expect(checkDocShape(tablet.doc)).toEqual([]);
    expect(checkRecord('statuses', 's-1', status)).toEqual([]);
  });

  it.each([
    { kind: 'budget', minSharePercent: 10 },
    { kind: 'ranking', maxRanked: 3 },
  ] as const)(
    'Given a $kind session with every kind of moderation and a settings change, When checked, Then it has no problems',
    (method) => {
      const s = createdSession(validSettings({ method }));
      const ideas = [0, 1, 2].map((i) =>
        addProposal(
          s.doc,
          { title: `Idea ${i}`, description: '', themeId: 'theme-green', costPence: 1_000_000, where: '' },
          null,
          s.ctx,
        ),
      );
      const who = startParticipant(s.doc, { language: 'cy', hasConsented: true }, s.ctx);
      castBallot(
        s.doc,
        who,
        method.kind === 'budget'
          ? { kind: 'budget', selected: [ideas[0]!] }
          : { kind: 'ranking', ranked: ideas.slice(0, 2) },
        s.ctx,
      );
      hideProposal(s.doc, ideas[0]!, 'Off topic', s.ctx);
      unhideProposal(s.doc, ideas[0]!, s.ctx);
      editProposal(
        s.doc,
        ideas[1]!,
        { title: 'Idea one, spelt right', description: 'Now with words' },
        s.ctx,
      );
      mergeProposals(s.doc, ideas[2]!, ideas[1]!, s.ctx);
      updateSettings(s.doc, { venue: 'The library', potPence: 4_000_000 }, s.ctx);
      endSession(s.doc, s.ctx);
      expect(checkDocShape(s.doc)).toEqual([]);
    },
  );
});

type Case = [string, RecordMapName, string, unknown, string, string];
const cases: Case[] = [
  [
    'cost that is text',
    'proposals',
    proposal.id,
    { ...proposal, costPence: 'abc' },
    'costPence',
    'notWholeNumber',
  ],
  ['negative cost', 'proposals', proposal.id, { ...proposal, costPence: -5 }, 'costPence', 'outOfRange'],
  ['empty title', 'proposals', proposal.id, { ...proposal, title: '   ' }, 'title', 'empty'],
  ['title over 120', 'proposals', proposal.id, { ...proposal, title: 'x'.repeat(121) }, 'title', 'tooLong'],
  ['no theme', 'proposals', proposal.id, { ...proposal, themeId: undefined }, 'themeId', 'wrongType'],
  ['theme missing', 'proposals', proposal.id, (({ themeId: _, ...p }) => p)(proposal), 'themeId', 'missing'],
  ['key is not its id', 'proposals', 'other', proposal, 'id', 'keyMismatch'],
  ['a number', 'proposals', proposal.id, 42, '', 'notARecord'],
  ['an array', 'comments', comment.id, [comment], '', 'notARecord'],
  ['a Y.Map', 'comments', comment.id, new Y.Map(), '', 'notARecord'],
  ['comment over 1000', 'comments', comment.id, { ...comment, text: 'x'.repeat(1001) }, 'text', 'tooLong'],
  [
    'author that is a number',
    'comments',
    comment.id,
    { ...comment, participantId: 7 },
    'participantId',
    'wrongType',
  ],
  ['time that is text', 'comments', comment.id, { ...comment, at: 'today' }, 'at', 'notWholeNumber'],
  [
    'consent that is "yes"',
    'participants',
    participant.id,
    { ...participant, hasConsented: 'yes' },
    'hasConsented',
    'wrongType',
  ],
  [
    '11 answers',
    'participants',
    participant.id,
    { ...participant, answers: Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`q${i}`, 'a'])) },
    'answers',
    'tooMany',
  ],
  [
    'an answer that is a list',
    'participants',
    participant.id,
    { ...participant, answers: { age: ['a'] } },
    'answers.age',
    'wrongType',
  ],
  ['a ballot under another key', 'ballots', 'someone', ballot, 'participantId', 'keyMismatch'],
  [
    'a ballot of an unknown kind',
    'ballots',
    ballot.participantId,
    { ...ballot, kind: 'lottery' },
    'kind',
    'unknownKind',
  ],
  [
    'half a dot',
    'ballots',
    ballot.participantId,
    { ...ballot, kind: 'dots', dots: { p: 0.5 } },
    'dots.p',
    'notWholeNumber',
  ],
  ['revision 0', 'ballots', ballot.participantId, { ...ballot, revision: 0 }, 'revision', 'outOfRange'],
  [
    'a ranking of 21',
    'ballots',
    ballot.participantId,
    { ...ballot, kind: 'ranking', ranked: Array.from({ length: 21 }, (_, i) => `p${i}`) },
    'ranked',
    'tooMany',
  ],
  ['a hide with no reason', 'moderation', hide.id, { ...hide, kind: 'hide', reason: '' }, 'reason', 'empty'],
  ['a merge with no target', 'moderation', hide.id, { ...hide, kind: 'merge' }, 'intoId', 'missing'],
  [
    'a status not in the list',
    'statuses',
    's-1',
    { ...status, status: 'cancelled' },
    'status',
    'unknownKind',
  ],
  [
    'a status amount of 1.5',
    'statuses',
    's-1',
    { ...status, amountPence: 1.5 },
    'amountPence',
    'notWholeNumber',
  ],
  [
    'a settings date of 31 February',
    'settings',
    edit.id,
    { ...edit, values: { date: '2026-02-31' } },
    'values.date',
    'badDate',
  ],
  [
    '41 funding streams',
    'settings',
    edit.id,
    { ...edit, values: { fundingStreams: Array.from({ length: 41 }, () => ({})) } },
    'values.fundingStreams',
    'tooMany',
  ],
  [
    'a theme with a 5,000-character name',
    'settings',
    edit.id,
    { ...edit, values: { themes: [{ id: 't', name: 'x'.repeat(5000) }] } },
    'values.themes.0.name',
    'tooLong',
  ],
  [
    'dots per person of 0',
    'settings',
    edit.id,
    { ...edit, values: { method: { kind: 'dots', dotsPerParticipant: 0, maxDotsPerProposal: 1 } } },
    'values.method.dotsPerParticipant',
    'outOfRange',
  ],
  [
    'a record with a changed prototype',
    'proposals',
    proposal.id,
    Object.assign(Object.create({ evil: true }) as object, proposal),
    '',
    'notARecord',
  ],
];

describe('malformed records', () => {
  it.each(cases)(
    'Given %s, When it is checked, Then the problem is named',
    (_name, map, key, value, field, problem) => {
      expect(checkRecord(map, key, value)).toContainEqual({ map, key, field, problem });
    },
  );

  it('Given a decision saved before the £100 million bound (£9,999,999,999 was saved in a walk), When a session holding it is checked, Then it still passes: decisions are write-once, so refusing it would refuse the whole session on every new device for good', () => {
    expect(checkRecord('statuses', 's-1', { ...status, amountPence: 999_999_999_900 })).toEqual([]);
  });

  it('Given a decision saved again after "not saved", When checked, Then the earlier tries it names pass as a list of ids, and anything else there is named', () => {
    expect(checkRecord('statuses', 's-2', { ...status, id: 's-2', replaces: ['s-1'] })).toEqual([]);
    expect(checkRecord('statuses', 's-2', { ...status, id: 's-2', replaces: 's-1' })).toContainEqual({
      map: 'statuses',
      key: 's-2',
      field: 'replaces',
      problem: 'wrongType',
    });
    expect(
      checkRecord('statuses', 's-2', { ...status, id: 's-2', replaces: Array(101).fill('s-1') }),
    ).toContainEqual({ map: 'statuses', key: 's-2', field: 'replaces', problem: 'tooMany' });
  });

  it('Given an erased resident whose time of erasure is not a time (NaN, 1e300, below 0: a review found a device could write them, and the admin listing then threw), When checked, Then the field is named; a real erasure passes', () => {
    const erased = { ...participant, answers: {}, answersErased: 1_800_000_000_000 };
    delete (erased as Record<string, unknown>).deviceKey;
    delete (erased as Record<string, unknown>).signature;
    expect(checkRecord('participants', participant.id, erased)).toEqual([]);
    for (const answersErased of [Number.NaN, 1e300, -1, 1.5, '2026-12-07']) {
      const problems = checkRecord('participants', participant.id, { ...erased, answersErased });
      expect(
        problems.map((p) => p.field),
        String(answersErased),
      ).toContain('answersErased');
    }
  });

  it('Given a record with fields a newer app added, When it is checked, Then it passes', () => {
    expect(checkRecord('proposals', proposal.id, { ...proposal, photoId: 'ph-1' })).toEqual([]);
  });

  it('Given a document with too many comments and a broken meta, When it is checked, Then each is named once and the list stays short', () => {
    const doc = new Y.Doc();
    doc.transact(() => {
      maps(doc).meta.set('sessionId', '');
      for (let i = 0; i < 20_001; i++) maps(doc).comments.set(`c${i}`, { ...comment, id: `c${i}` });
      for (let i = 0; i < 500; i++) maps(doc).proposals.set(`p${i}`, { ...proposal, costPence: -1 });
    });
    const problems = checkDocShape(doc);
    expect(problems).toContainEqual({ map: 'meta', key: 'sessionId', field: '', problem: 'empty' });
    expect(problems).toContainEqual({ map: 'meta', key: 'schemaVersion', field: '', problem: 'missing' });
    expect(problems).toContainEqual({ map: 'comments', key: '', field: '', problem: 'tooMany' });
    expect(problems).toHaveLength(MAX_PROBLEMS);
  });
});

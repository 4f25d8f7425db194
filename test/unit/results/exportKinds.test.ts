/**
 * What officers download (issue 11, section 4): the council's export carries the "you said, we did" decisions,
 * and the export for publishing leaves out everything that could name a resident or link one resident's idea,
 * comment and ballot together.
 *
 * The session (dots, 5 dots, at most 3 on one idea), built with the real commands:
 * - Tablet `device-kiosk`: resident R puts forward "Safer crossing on Mill Lane", comments on it and votes;
 *   residents S and T answer the about-you question (age: "Under 18" and "65 or over": 2 answers, under the
 *   threshold of 5) and vote; U puts forward "Ellis Pryce at number 12 plays loud music", which is hidden.
 * - Facilitator `device-facilitator`: hides U's idea ("Names a neighbour: Ellis Pryce"), fixes the title of
 *   "Bench outside Mrs Okafor's house" to "Bench on Station Road" (the first wording names a person), and
 *   someone comments on the hidden idea ("Ellis is loud every night").
 * - Officer `device-officer`: funds the crossing (£12,000) and turns the bench down ("The pavement is too narrow").
 */
import { describe, expect, it } from 'vitest';
import { addComment, addProposal, castBallot, setAnswers, startParticipant } from '../../../src/doc/commands';
import { editProposal, hideProposal } from '../../../src/doc/moderationCommands';
import { viewSession, type SessionView } from '../../../src/doc/session';
import { setProposalStatus } from '../../../src/doc/statusCommands';
import { parsePabulib, tallyElection } from '../../../src/domain/counting';
import { ballotsCsv } from '../../../src/domain/results/csv';
import { exportJson, exportJsonText, type JsonExport } from '../../../src/domain/results/json';
import { participation, SUPPRESS_BELOW } from '../../../src/domain/results/participation';
import { sessionToPb } from '../../../src/domain/results/pb';
import {
  cryptoToken,
  publishable,
  publishableBallotsCsv,
  publishableJsonText,
  publishableParticipation,
  publishablePb,
  PUBLISHED_BALLOTS_COLUMNS,
  type PublishedJson,
} from '../../../src/domain/results/publishable';
import { writePabulib } from '../../../src/domain/counting';
import { createdSession, testContext, validSettings, WORKSHOP_START } from '../helpers/session';
import { parseCsv } from '../helpers/csv';

const MIN = 60_000;

const HIDDEN_TITLE = 'Ellis Pryce at number 12 plays loud music';
const HIDE_REASON = 'Names a neighbour: Ellis Pryce';
const HIDDEN_COMMENT = 'Ellis is loud every night';
const FIRST_WORDING = 'Bench outside Mrs Okafor’s house';
const NOT_TAKEN = 'The pavement is too narrow';

interface Built {
  view: SessionView;
  ids: { crossing: string; bench: string; hidden: string };
  /** Resident R: the one with an idea, a comment and a ballot. */
  r: string;
  /** Every resident's participant id. */
  residents: string[];
  /** ISO times of R's idea, comment and ballot. */
  rTimes: string[];
}

function build(): Built {
  const settings = validSettings({
    aboutYou: [{ id: 'age', text: 'How old are you?', options: ['Under 18', '18 to 64', '65 or over'] }],
  });
  const K = testContext('device-kiosk', { idPrefix: 'kiosk' });
  const F = testContext('device-facilitator', { idPrefix: 'fac', startAt: WORKSHOP_START + 90 * MIN });
  const O = testContext('device-officer', { idPrefix: 'off', startAt: WORKSHOP_START + 3 * 24 * 60 * MIN });
  const { doc } = createdSession(settings, K, '44444444-4444-4444-8444-444444444444');
  const rTimes: string[] = [];
  const stamp = (): void => {
    rTimes.push(new Date(K.clock.now()).toISOString());
  };

  // A facilitator types in the bench idea before the doors open.
  F.clock.set(WORKSHOP_START - 30 * MIN);
  const bench = addProposal(
    doc,
    { title: FIRST_WORDING, description: '', themeId: 'theme-green', costPence: 300_000, where: '' },
    null,
    F.ctx,
  );

  // R: an idea, a comment and a ballot, a minute apart on the same tablet.
  K.clock.set(WORKSHOP_START + 10 * MIN);
  const r = startParticipant(doc, { language: 'en', hasConsented: true }, K.ctx);
  K.clock.advance(MIN);
  const crossing = addProposal(
    doc,
    {
      title: 'Safer crossing on Mill Lane',
      description: 'Children cross here every morning',
      themeId: 'theme-young',
      costPence: 1_200_000,
      where: 'Mill Lane by the school',
    },
    r,
    K.ctx,
  );
  stamp();
  K.clock.advance(MIN);
  addComment(doc, { proposalId: crossing, text: 'Please add a lollipop person too' }, r, K.ctx);
  stamp();
  K.clock.advance(MIN);
  castBallot(doc, r, { kind: 'dots', dots: { [crossing]: 3, [bench]: 2 } }, K.ctx);
  stamp();

  // S and T: two about-you answers (under the threshold) and two ballots.
  const others: string[] = [];
  for (const [i, age] of ['Under 18', '65 or over'].entries()) {
    K.clock.set(WORKSHOP_START + (20 + 10 * i) * MIN);
    const p = startParticipant(doc, { language: 'en', hasConsented: true }, K.ctx);
    K.clock.advance();
    setAnswers(doc, p, { age }, K.ctx);
    K.clock.advance();
    castBallot(doc, p, { kind: 'dots', dots: { [crossing]: 1, [bench]: 1 } }, K.ctx);
    others.push(p);
  }

  // U: an idea that names a person.
  K.clock.set(WORKSHOP_START + 50 * MIN);
  const u = startParticipant(doc, { language: 'en', hasConsented: true }, K.ctx);
  K.clock.advance();
  const hidden = addProposal(
    doc,
    {
      title: HIDDEN_TITLE,
      description: 'Every night',
      themeId: 'theme-green',
      costPence: 0,
      where: 'Number 12',
    },
    u,
    K.ctx,
  );
  K.clock.advance();
  addComment(doc, { proposalId: hidden, text: HIDDEN_COMMENT }, u, K.ctx);

  // Moderation and decisions.
  hideProposal(doc, hidden, HIDE_REASON, F.ctx);
  F.clock.advance();
  editProposal(doc, bench, { title: 'Bench on Station Road', description: '' }, F.ctx);
  setProposalStatus(
    doc,
    { proposalId: crossing, status: 'funded', amountPence: 1_200_000, reason: '' },
    O.ctx,
  );
  O.clock.advance(MIN);
  setProposalStatus(
    doc,
    { proposalId: bench, status: 'not-taken-forward', amountPence: null, reason: NOT_TAKEN },
    O.ctx,
  );
  O.clock.advance(MIN);
  setProposalStatus(
    doc,
    { proposalId: hidden, status: 'not-taken-forward', amountPence: null, reason: `Hidden: ${HIDE_REASON}` },
    O.ctx,
  );
  return {
    view: viewSession(doc)!,
    ids: { crossing, bench, hidden },
    r,
    residents: [r, ...others, u],
    rTimes,
  };
}

/** Every string in a value (object keys and leaves), as a set. */
function strings(value: unknown, out = new Set<string>()): Set<string> {
  if (typeof value === 'string') out.add(value);
  else if (Array.isArray(value)) for (const v of value) strings(v, out);
  else if (value !== null && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) {
      out.add(k);
      strings(v, out);
    }
  return out;
}

const FORBIDDEN_TEXT = [HIDDEN_TITLE, 'Ellis', HIDE_REASON, HIDDEN_COMMENT, 'Okafor', 'Number 12'];

describe('the council’s JSON export', () => {
  it('Given officers recorded decisions, when the JSON is exported, then each idea carries its status, amount, reason and when', () => {
    const { view, ids } = build();
    const json = JSON.parse(exportJsonText(view)) as JsonExport;
    const decision = (id: string) => json.proposals.find((p) => p.id === id)?.decision;
    const day3 = WORKSHOP_START + 3 * 24 * 60 * MIN;
    expect(json.audience).toBe('council');
    expect(decision(ids.crossing)).toEqual({
      status: 'funded',
      amountPence: 1_200_000,
      reason: '',
      decidedAt: new Date(day3).toISOString(),
    });
    expect(decision(ids.bench)).toEqual({
      status: 'not-taken-forward',
      amountPence: null,
      reason: NOT_TAKEN,
      decidedAt: new Date(day3 + MIN).toISOString(),
    });
    // The council keeps everything: the hidden idea, its reason, the first wording.
    expect(json.proposals.find((p) => p.id === ids.hidden)).toMatchObject({
      title: HIDDEN_TITLE,
      hiddenReason: HIDE_REASON,
    });
    expect(json.proposals.find((p) => p.id === ids.bench)?.originalTitle).toBe(FIRST_WORDING);
  });

  it('Given an idea nobody decided yet, then it is submitted with no amount, reason or time', () => {
    const { view } = build();
    const undecided = exportJson({ ...view, statuses: new Map() }).proposals[0]!;
    expect(undecided.decision).toEqual({
      status: 'submitted',
      amountPence: null,
      reason: '',
      decidedAt: null,
    });
  });
});

describe('the JSON export for publishing', () => {
  const publish = (view: SessionView): { text: string; json: PublishedJson } => {
    const text = publishableJsonText(exportJson(view), cryptoToken);
    return { text, json: JSON.parse(text) as PublishedJson };
  };

  it('Given a hidden idea naming a person, a hide reason and a reworded title, then none of their text is published', () => {
    const { view, ids } = build();
    const { text, json } = publish(view);
    for (const forbidden of FORBIDDEN_TEXT) expect(text).not.toContain(forbidden);
    expect(json.audience).toBe('publishing');
    // The hidden idea stays as a stub, so the counts add up, with its decision withheld.
    expect(json.proposals.find((p) => p.id === ids.hidden)).toEqual(
      expect.objectContaining({ isHidden: true, title: '', description: '', where: '', decision: null }),
    );
    expect(json.comments.find((c) => c.proposalId === ids.hidden)).toEqual({
      proposalId: ids.hidden,
      byFacilitator: false,
      text: '',
      isOnHiddenIdea: true,
    });
    // What residents were shown, and the decisions they will read, are published.
    expect(json.proposals.find((p) => p.id === ids.bench)?.title).toBe('Bench on Station Road');
    expect(json.proposals.find((p) => p.id === ids.bench)?.decision?.reason).toBe(NOT_TAKEN);
    expect(json.proposals.find((p) => p.id === ids.crossing)?.decision?.amountPence).toBe(1_200_000);
    expect(strings(json).has('hiddenReason')).toBe(false);
    expect(strings(json).has('originalTitle')).toBe(false);
  });

  it('Given two residents answered the about-you question, then no count under the threshold is published', () => {
    const { view } = build();
    const { text, json } = publish(view);
    expect(text).not.toContain('"answers"');
    const cells = json.participation.aboutYou.flatMap((q) => q.cells);
    expect(cells.length).toBeGreaterThan(0);
    for (const c of cells) if (c.count !== null) expect(c.count).toBeGreaterThanOrEqual(SUPPRESS_BELOW);
    expect(cells.find((c) => c.option === 'Under 18')).toMatchObject({ count: null, suppressed: true });
    expect(cells.find((c) => c.option === '65 or over')).toMatchObject({ count: null, suppressed: true });
  });

  it('Given a summary made some other way with a small count showing, then publishing suppresses it', () => {
    const p = participation(build().view);
    const leaky = {
      ...p,
      aboutYou: p.aboutYou.map((q) => ({
        ...q,
        cells: q.cells.map((c) => ({
          ...c,
          count: 1,
          shown: '1',
          suppressed: false,
          suppressedBecause: null,
        })),
      })),
    };
    const out = publishableParticipation(leaky, cryptoToken);
    for (const c of out.aboutYou.flatMap((q) => q.cells)) expect(c.count).toBeNull();
  });

  it('Given R put forward an idea, commented and voted, then no value links the three', () => {
    const { view, ids, r, residents, rTimes } = build();
    const { json } = publish(view);
    const all = strings(json);
    // No participant id, no device id and no time of R's records is anywhere in the file.
    for (const id of residents) expect(all.has(id)).toBe(false);
    for (const device of ['device-kiosk', 'device-facilitator', 'device-officer'])
      expect(all.has(device)).toBe(false);
    for (const at of rTimes) expect(all.has(at)).toBe(false);
    expect(JSON.stringify(json)).not.toContain(r);

    const idea = json.proposals.find((p) => p.id === ids.crossing)!;
    const comment = json.comments.find((c) => c.text === 'Please add a lollipop person too')!;
    const ballot = json.ballots.find((b) => b.points[ids.crossing] === 3)!;
    expect(Object.keys(idea).sort()).not.toContain('participantId');
    // What the three records share is only what any idea's comments and votes share: the idea's own id.
    const shared = (a: unknown, b: unknown): string[] => [...strings(a)].filter((s) => strings(b).has(s));
    const keys = new Set([...strings(Object.keys(idea)), ...Object.keys(comment), ...Object.keys(ballot)]);
    const values = (x: unknown): string[] => [...strings(x)].filter((s) => !keys.has(s));
    const linking = (a: unknown, b: unknown): string[] =>
      shared(a, b).filter((s) => values(a).includes(s) && s !== ids.crossing && s !== ids.bench);
    expect(linking(idea, comment)).toEqual([]);
    expect(linking(idea, ballot)).toEqual([]);
    expect(linking(comment, ballot)).toEqual([]);
    // The ballot's pseudonym is used for that ballot only.
    expect(ballot.ref).toMatch(/^ballot-[0-9a-f]{12}$/);
    expect(JSON.stringify(json).split(ballot.ref)).toHaveLength(2);
    // Device figures carry pseudonyms, not the tablets' ids.
    expect(json.participation.byDevice.map((d) => d.deviceId)).not.toContain('device-kiosk');
  });

  it('Given two exports of the same session, then the pseudonyms differ between them and between record kinds', () => {
    const { view } = build();
    const a = publish(view).json;
    const b = publish(view).json;
    const refsA = new Set(a.ballots.map((x) => x.ref));
    expect(refsA.size).toBe(a.ballots.length);
    for (const x of b.ballots) expect(refsA.has(x.ref)).toBe(false);
    const devicesA = a.participation.byDevice.map((d) => d.deviceId);
    for (const d of b.participation.byDevice) expect(devicesA).not.toContain(d.deviceId);
    for (const d of devicesA) expect(refsA.has(d)).toBe(false);
  });

  it('keeps the figures: the same results and the same points on the same ballots', () => {
    const { view } = build();
    const council = exportJson(view);
    const published = publishable(council, cryptoToken);
    expect(published.results).toEqual(council.results);
    const points = (list: { points: Record<string, number> }[]) =>
      list.map((b) => JSON.stringify(b.points)).sort();
    expect(points(published.ballots)).toEqual(points(council.ballots));
    expect(published.participation.residents).toBe(council.participation.residents);
  });
});

describe('the ballots CSV and the pabulib file for publishing', () => {
  it('Given the same session, then the ballots CSV has the council’s points under ballot pseudonyms, with no participant, device or time', () => {
    const { view, residents, rTimes } = build();
    const text = publishableBallotsCsv(view, cryptoToken);
    const [header, ...rows] = parseCsv(text);
    expect(header).toEqual([...PUBLISHED_BALLOTS_COLUMNS]);
    for (const id of [...residents, 'device-kiosk', ...rTimes]) expect(text).not.toContain(id);
    const council = parseCsv(ballotsCsv(view));
    expect(rows).toHaveLength(council.length - 1);
    const ref = header!.indexOf('ballot_ref');
    expect(new Set(rows.map((r) => r[ref])).size).toBe(3); // R, S and T voted
    // A second export: new pseudonyms.
    const again = parseCsv(publishableBallotsCsv(view, cryptoToken)).slice(1);
    const first = new Set(rows.map((r) => r[ref]));
    for (const r of again) expect(first.has(r[ref])).toBe(false);
  });

  it('Given the .pb file, then voter ids are pseudonyms and the file recounts to the same figures', () => {
    const { view, residents } = build();
    const council = sessionToPb(view, 'greedy');
    const text = writePabulib(publishablePb(council, cryptoToken));
    for (const id of residents) expect(text).not.toContain(id);
    const back = parsePabulib(text);
    expect(back.voters).toHaveLength(council.voters.length);
    const recount = tallyElection(back);
    const original = tallyElection(council);
    expect(recount.votes).toEqual(original.votes);
    expect(recount.score).toEqual(original.score);
    expect(recount.score?.size).toBeGreaterThan(0);
  });
});

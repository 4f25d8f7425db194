/**
 * Issue 11 §1: every `.pb` export passes pabulib's checker with no error (our copy of its rules:
 * src/domain/counting/pbCheck.ts, from test/fixtures/pabulib/CHECKER.md), for every way of voting and every rule
 * the app offers, and recounting the file as `npm run tally` does (parsePabulib, then greedy by score or votes,
 * or MES with Add1) funds the same ideas as the app. Sessions are built with the app's own commands and include
 * a £0 idea, an idea nobody chose, an idea costing more than the pot, a hidden idea and a merged duplicate.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { addProposal, castBallot, startParticipant } from '../../../src/doc/commands';
import { hideProposal, mergeProposals } from '../../../src/doc/moderationCommands';
import { updateSettings } from '../../../src/doc/sessionCommands';
import { viewSession, type SessionView } from '../../../src/doc/session';
import {
  equalShares,
  greedy,
  parsePabulib,
  tallyElection,
  type PbElection,
} from '../../../src/domain/counting';
import { checkPb } from '../../../src/domain/counting/pbCheck';
import { isValidationError } from '../../../src/domain/errors';
import { sessionToPbText } from '../../../src/domain/results/pb';
import { rulesFor, sessionResults, type RuleName } from '../../../src/domain/results/results';
import type { BallotChoices, PriorityMethod } from '../../../src/domain/types';
import { PROPERTY_BUDGET_MS } from '../helpers/property';
import { createdSession, testContext, validSettings } from '../helpers/session';

interface Workshop {
  doc: Y.Doc;
  view: () => SessionView;
  ids: string[];
}

/**
 * A workshop: ideas (costs in pounds) put forward in order, ballots cast, then ideas hidden and duplicates merged
 * (after the voting, so ballots name them).
 */
function workshop(
  method: PriorityMethod,
  potPounds: number,
  costs: number[],
  ballots: (ids: string[]) => BallotChoices[],
  after: { hide?: number[]; merge?: [number, number][] } = {},
): Workshop {
  const t = testContext('device-x', { idPrefix: 'x' });
  const { doc } = createdSession(validSettings({ method, potPence: potPounds * 100 }), t, 'pb-check');
  const ids = costs.map((cost, i) => {
    t.clock.advance();
    return addProposal(
      doc,
      { title: `Idea ${i}`, description: '', themeId: 'theme-green', costPence: cost * 100, where: '' },
      null,
      t.ctx,
    );
  });
  for (const choices of ballots(ids)) {
    t.clock.advance();
    const p = startParticipant(doc, { language: 'en', hasConsented: true }, t.ctx);
    t.clock.advance();
    castBallot(doc, p, choices, t.ctx);
  }
  for (const i of after.hide ?? []) hideProposal(doc, ids[i]!, 'Names a person', t.ctx);
  for (const [dup, kept] of after.merge ?? []) mergeProposals(doc, ids[dup]!, ids[kept]!, t.ctx);
  return { doc, view: () => viewSession(doc)!, ids };
}

// Ideas 0..7: 2 costs £0, 3 has no votes, 4 is hidden after voting, 5 is a duplicate merged into 0, 6 costs more
// than the pot (£50,000).
const COSTS = [20_000, 15_000, 0, 10_000, 5_000, 20_000, 80_000];
const HIDE_AND_MERGE = { hide: [4], merge: [[5, 0]] as [number, number][] };

function dots(): Workshop {
  const dot = (d: Record<string, number>): BallotChoices => ({ kind: 'dots', dots: d });
  return workshop(
    { kind: 'dots', dotsPerParticipant: 5, maxDotsPerProposal: 3 },
    50_000,
    COSTS,
    ([a, b, free, , hidden, dup, over]) => [
      dot({ [a!]: 2, [free!]: 3 }),
      dot({ [dup!]: 3, [b!]: 2 }),
      dot({ [b!]: 1, [hidden!]: 3, [over!]: 1 }),
      dot({ [free!]: 2, [hidden!]: 2 }), // only the £0 idea is left: not in the file
      dot({ [over!]: 3, [a!]: 1 }),
    ],
    HIDE_AND_MERGE,
  );
}

function budget(minSharePercent: number): Workshop {
  const pick = (...selected: string[]): BallotChoices => ({ kind: 'budget', selected });
  return workshop(
    { kind: 'budget', minSharePercent },
    50_000,
    COSTS,
    ([a, b, free, , hidden, dup]) => [
      pick(a!, b!),
      pick(dup!, b!, free!),
      pick(a!, hidden!, free!),
      pick(b!, hidden!, dup!),
      pick(dup!, b!),
      pick(a!, free!, hidden!),
    ],
    HIDE_AND_MERGE,
  );
}

function ranking(): Workshop {
  const rank = (...ranked: string[]): BallotChoices => ({ kind: 'ranking', ranked });
  return workshop(
    { kind: 'ranking', maxRanked: 3 },
    50_000,
    COSTS,
    ([a, b, free, , hidden, dup, over]) => [
      rank(over!, a!, b!),
      rank(dup!, b!, free!),
      rank(free!, a!),
      rank(hidden!, free!), // only the £0 idea is left: not in the file
      rank(b!, over!, hidden!),
      rank(b!, dup!),
    ],
    HIDE_AND_MERGE,
  );
}

/**
 * What `npm run tally` funds from the file (src/cli/tally.ts): greedy by score (else votes), with the file's
 * threshold under greedy-threshold, or MES with Add1.
 */
function tally(e: PbElection, rule: 'greedy' | 'mes'): string[] {
  if (rule === 'greedy') {
    const { votes, score } = tallyElection(e);
    const threshold =
      e.meta['rule'] === 'greedy-threshold' ? Number(e.meta['min_project_score_threshold']) : 0;
    return greedy(e.projects, score ?? votes, e.budget, { threshold }).selected;
  }
  return equalShares(
    e.projects,
    e.voters.map((v) => v.vote),
    e.budget,
  ).selected;
}

/** The export under a rule: no checker error, only deliberate warnings, and the same winners on a recount. */
function expectClean(view: SessionView, rule: RuleName): PbElection {
  const text = sessionToPbText(view, rule);
  const { errors, warnings } = checkPb(text);
  expect(errors, `${view.settings.method.kind} / ${rule}`).toEqual([]);
  for (const w of warnings) expect(w).toMatch(/^project with no votes: /);
  const e = parsePabulib(text);
  const inFile = new Set(e.projects.map((p) => p.id));
  const app = sessionResults(view, rule)
    .selected.filter((id) => inFile.has(id))
    .sort();
  const written = e.projects.filter((p) => p.fields['selected'] === '1').map((p) => p.id);
  if (rule === 'votes') {
    expect(e.meta['rule']).toBe('unknown');
    expect(e.projectColumns).not.toContain('selected');
  } else {
    expect(written.sort()).toEqual(app);
  }
  if (e.meta['rule'] === 'greedy-threshold') {
    expect(e.meta['min_project_score_threshold']).toBe('1');
    expect(tally(e, 'greedy').sort()).toEqual(app);
  }
  if (rule === 'greedy') expect(e.meta['rule']).toBe('greedy-threshold');
  if (e.meta['rule'] === 'equalshares/add1') expect(tally(e, 'mes').sort()).toEqual(app);
  return e;
}

describe('.pb exports pass pabulib checker rules', () => {
  it.each([
    ['dots', dots],
    ['budget without a minimum', () => budget(0)],
    ['budget with a minimum share', () => budget(40)],
    ['ranking', ranking],
  ] as const)('%s: every rule exports with no error and recounts the same', (_, make) => {
    const view = make().view();
    for (const rule of rulesFor(view.settings.method.kind)) expectClean(view, rule);
  });

  it('Given the dots workshop, When exported, Then dates, country, META order, ideas left out and the comment read as pabulib wants', () => {
    const w = dots();
    const e = parsePabulib(sessionToPbText(w.view(), 'greedy'));
    expect(Object.keys(e.meta)).toEqual([
      'description',
      'country',
      'unit',
      'instance',
      'num_projects',
      'num_votes',
      'budget',
      'vote_type',
      'rule',
      'date_begin',
      'date_end',
      'max_points',
      'max_sum_points',
      'min_project_score_threshold',
      'currency',
      'comment',
    ]);
    expect(e.meta).toMatchObject({
      country: 'United Kingdom',
      instance: '2025',
      date_begin: '12.04.2025',
      date_end: '12.04.2025',
      rule: 'greedy-threshold',
      min_project_score_threshold: '1',
    });
    // Left out: the £0 idea (2), the over-pot idea (6), the hidden (4) and merged (5) ones; kept: 0, 1, 3.
    expect(e.projects.map((p) => p.id)).toEqual([w.ids[0], w.ids[1], w.ids[3]]);
    expect(e.meta['comment']).toContain(`ideas costing nothing (${w.ids[2]})`);
    expect(e.meta['comment']).toContain(`Funded by the app at no cost: ${w.ids[2]}`);
    expect(e.meta['comment']).toContain(`ideas costing more than the pot (${w.ids[6]})`);
    // The ballot left naming only the £0 idea is not in the file.
    expect(e.voters).toHaveLength(4);
    expect(checkPb(e).warnings).toEqual([`project with no votes: ${w.ids[3]}`]);
  });

  it('Given a ranking, When exported under greedy, Then the points column holds K..1 and score agrees with the board', () => {
    const view = ranking().view();
    const e = parsePabulib(sessionToPbText(view, 'greedy'));
    expect(e.voterColumns).toEqual(['voter_id', 'vote', 'points']);
    expect(
      e.voters.every((v) => v.points!.every((p, k) => p <= 3 && (k === 0 || p < v.points![k - 1]!))),
    ).toBe(true);
    const board = new Map(sessionResults(view, 'greedy').rows.map((r) => [r.proposalId, r.points]));
    for (const p of e.projects) expect(Number(p.fields['score'])).toBe(board.get(p.id));
  });

  it("Given a ranking, When exported under borda, Then rule greedy-threshold over Borda points is the app's Borda count", () => {
    const view = ranking().view();
    const e = parsePabulib(sessionToPbText(view, 'borda'));
    expect(e.meta['rule']).toBe('greedy-threshold');
    expect(e.meta['comment']).toMatch(/Borda count \(m - 1 - position, m = 5 ideas\)/);
    const borda = new Map(sessionResults(view, 'borda').rows.map((r) => [r.proposalId, r.points]));
    for (const p of e.projects) expect(Number(p.fields['score'])).toBe(borda.get(p.id));
  });

  it('Given a budget workshop with a ballot naming only the £0 idea, When exported under mes, Then the voter is left out and the rule written is one the file reproduces', () => {
    const w = workshop({ kind: 'budget', minSharePercent: 0 }, 100, [60, 30, 20, 0], ([a, b, c, free]) => [
      { kind: 'budget', selected: [a!, b!] },
      { kind: 'budget', selected: [a!, c!] },
      { kind: 'budget', selected: [a!] },
      { kind: 'budget', selected: [free!] },
    ]);
    const e = expectClean(w.view(), 'mes');
    expect(e.voters).toHaveLength(3);
    expect(['equalshares/add1', 'unknown']).toContain(e.meta['rule']);
    if (e.meta['rule'] === 'unknown') expect(e.meta['comment']).toMatch(/Method of Equal Shares/);
  });
});

describe('an idea nobody chose', () => {
  // Pot £50,000. A (£20,000) and B (£15,000) are chosen; nobody chose C (£5,000) or the £0 idea D, and £15,000
  // is left: pabulib's greedy would fund both (a project with no votes is still a candidate there).
  const CHOSEN_AND_NOT = [20_000, 15_000, 5_000, 0];
  const dot = (d: Record<string, number>): BallotChoices => ({ kind: 'dots', dots: d });
  const made: [string, () => Workshop][] = [
    [
      'dots',
      () =>
        workshop(
          { kind: 'dots', dotsPerParticipant: 5, maxDotsPerProposal: 3 },
          50_000,
          CHOSEN_AND_NOT,
          ([a, b]) => [dot({ [a!]: 3, [b!]: 1 }), dot({ [b!]: 2 })],
        ),
    ],
    [
      'budget',
      () =>
        workshop({ kind: 'budget', minSharePercent: 0 }, 50_000, CHOSEN_AND_NOT, ([a, b]) => [
          { kind: 'budget', selected: [a!, b!] },
          { kind: 'budget', selected: [a!] },
        ]),
    ],
    [
      'ranking',
      () =>
        workshop({ kind: 'ranking', maxRanked: 3 }, 50_000, CHOSEN_AND_NOT, ([a, b]) => [
          { kind: 'ranking', ranked: [a!, b!] },
          { kind: 'ranking', ranked: [b!] },
        ]),
    ],
  ];

  it.each(made)(
    '%s: Given money left, When counted under each rule, Then no rule funds it, and the .pb says greedy-threshold 1',
    (_, make) => {
      const w = make();
      const view = w.view();
      const [a, b, c, d] = w.ids;
      for (const rule of rulesFor(view.settings.method.kind)) {
        const r = sessionResults(view, rule);
        if (rule === 'votes') continue;
        expect(r.selected.sort(), rule).toEqual([a!, b!].sort());
        expect(
          r.rows
            .filter((row) => row.funded)
            .map((row) => row.proposalId)
            .sort(),
        ).toEqual([a!, b!].sort());
        expect(r.rows.find((row) => row.proposalId === c)).toMatchObject({ supporters: 0, funded: false });
        expect(r.rows.find((row) => row.proposalId === d)).toMatchObject({ supporters: 0, funded: false });
        expect(r.spentPence).toBe(35_000 * 100);
        expect(r.leftoverPence).toBe(15_000 * 100);
        const e = expectClean(view, rule);
        expect(e.projects.find((p) => p.id === c)?.fields['selected']).toBe('0');
        if (rule !== 'mes') {
          expect(e.meta).toMatchObject({ rule: 'greedy-threshold', min_project_score_threshold: '1' });
          expect(r.ruleText).toMatch(/never funded/);
        }
        // Not "Funded by the app at no cost": nobody chose the £0 idea.
        expect(e.meta['comment'] ?? '').not.toContain('Funded by the app');
      }
    },
  );

  it('Given a full ranking whose last idea scores 0 under Borda and is funded, When exported under borda, Then the rule is unknown and the comment says why', () => {
    // Three ideas, each ballot ranks all three: the last place earns m - 1 - 2 = 0 Borda points. C is ranked
    // (chosen) but scores 0; money is left for it, so the app funds it and greedy-threshold 1 would not.
    const w = workshop({ kind: 'ranking', maxRanked: 3 }, 100, [40, 30, 10], ([a, b, c]) => [
      { kind: 'ranking', ranked: [a!, b!, c!] },
    ]);
    const view = w.view();
    const r = sessionResults(view, 'borda');
    expect(r.rows.find((row) => row.proposalId === w.ids[2])).toMatchObject({ points: 0, supporters: 1 });
    expect(r.selected.sort()).toEqual([...w.ids].sort());
    const e = expectClean(view, 'borda');
    expect(e.meta['rule']).toBe('unknown');
    expect(e.meta['min_project_score_threshold']).toBeUndefined();
    expect(e.meta['comment']).toMatch(/ranked last of all scores 0/);
  });
});

describe('npm run tally on an export', { timeout: 60_000 }, () => {
  it('Given the ranking workshop exported under borda, When tallied by the CLI, Then it funds the Borda winners', async () => {
    const view = ranking().view();
    const dir = mkdtempSync(path.join(tmpdir(), 'pb-check-'));
    const file = path.join(dir, 'borda.pb');
    writeFileSync(file, sessionToPbText(view, 'borda'));
    const root = path.resolve(import.meta.dirname, '../../..');
    const { stdout } = await promisify(execFile)(
      'npx',
      ['tsx', 'src/cli/tally.ts', file, '--rule', 'greedy', '--json'],
      {
        cwd: root,
      },
    );
    const out = JSON.parse(stdout) as { selected: string[] };
    // The £0 idea the app funds is not in the file (pabulib: "project with no cost").
    const inFile = new Set(parsePabulib(sessionToPbText(view, 'borda')).projects.map((p) => p.id));
    const app = sessionResults(view, 'borda').selected;
    expect(app.filter((id) => !inFile.has(id))).toHaveLength(1);
    expect([...out.selected].sort()).toEqual(app.filter((id) => inFile.has(id)).sort());
  });
});

const METHODS: PriorityMethod[] = [
  { kind: 'budget', minSharePercent: 20 },
  { kind: 'budget', minSharePercent: 0 },
  { kind: 'dots', dotsPerParticipant: 5, maxDotsPerProposal: 3 },
  { kind: 'ranking', maxRanked: 3 },
];

type Step =
  | { kind: 'idea'; costPounds: number }
  | { kind: 'ballot'; picks: number[] }
  | { kind: 'merge'; a: number; b: number }
  | { kind: 'hide'; a: number }
  | { kind: 'pot'; pounds: number };

const idea: fc.Arbitrary<Step> = fc.record({
  kind: fc.constant('idea' as const),
  costPounds: fc.oneof(
    { weight: 1, arbitrary: fc.constant(0) },
    { weight: 6, arbitrary: fc.integer({ min: 1, max: 25_000 }) },
    { weight: 1, arbitrary: fc.integer({ min: 50_001, max: 90_000 }) },
  ),
});
const ballot: fc.Arbitrary<Step> = fc.record({
  kind: fc.constant('ballot' as const),
  picks: fc.array(fc.nat(), { minLength: 1, maxLength: 6 }),
});
const moderation: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('merge' as const), a: fc.nat(), b: fc.nat() }),
  fc.record({ kind: fc.constant('hide' as const), a: fc.nat() }),
  fc.record({ kind: fc.constant('pot' as const), pounds: fc.integer({ min: 10_000, max: 100_000 }) }),
);
/** Ideas first, then ballots (some interleaved with more ideas), then moderation and pot changes. */
const steps: fc.Arbitrary<Step[]> = fc
  .tuple(
    fc.array(idea, { minLength: 1, maxLength: 7 }),
    fc.array(fc.oneof({ weight: 5, arbitrary: ballot }, { weight: 1, arbitrary: idea }), { maxLength: 25 }),
    fc.array(moderation, { maxLength: 4 }),
  )
  .map(([a, b, c]) => [...a, ...b, ...c]);

/** One step by a device; a step the rules refuse (a ballot over the pot, say) changes nothing. */
function runStep(doc: Y.Doc, s: Step, t: ReturnType<typeof testContext>): void {
  const view = viewSession(doc)!;
  const ideas = view.visible.map((v) => v.id);
  const all = view.proposals.map((p) => p.id);
  t.clock.advance();
  try {
    if (s.kind === 'idea') {
      addProposal(
        doc,
        { title: 'Idea', description: '', themeId: 'theme-green', costPence: s.costPounds * 100, where: '' },
        null,
        t.ctx,
      );
    } else if (s.kind === 'ballot' && ideas.length > 0) {
      const chosen = [...new Set(s.picks.map((i) => ideas[i % ideas.length]!))];
      const method = view.settings.method;
      const p = startParticipant(doc, { language: 'en', hasConsented: true }, t.ctx);
      if (method.kind === 'dots') {
        const dotsFor = (id: string, i: number): [string, number] => [id, 1 + ((s.picks[i] ?? 0) % 2)];
        castBallot(
          doc,
          p,
          { kind: 'dots', dots: Object.fromEntries(chosen.slice(0, 3).map(dotsFor)) },
          t.ctx,
        );
      } else if (method.kind === 'budget') {
        castBallot(doc, p, { kind: 'budget', selected: chosen }, t.ctx);
      } else {
        castBallot(doc, p, { kind: 'ranking', ranked: chosen.slice(0, method.maxRanked) }, t.ctx);
      }
    } else if (s.kind === 'merge' && all.length > 1) {
      mergeProposals(doc, all[s.a % all.length]!, all[s.b % all.length]!, t.ctx);
    } else if (s.kind === 'hide' && all.length > 0) {
      hideProposal(doc, all[s.a % all.length]!, 'Not council business', t.ctx);
    } else if (s.kind === 'pot') {
      updateSettings(doc, { potPence: s.pounds * 100 }, t.ctx);
    }
  } catch (e) {
    if (!isValidationError(e)) throw e;
  }
}

describe('random workshops', () => {
  it(
    'Given any workshop built with the app (£0 and over-pot ideas, hiding, merging, pot changes), When exported under each of its rules, Then pabulib finds no error and the file recounts to the same winners',
    () => {
      fc.assert(
        fc.property(fc.nat({ max: METHODS.length - 1 }), steps, (m, script) => {
          const t = testContext('device-r', { idPrefix: 'r' });
          const { doc } = createdSession(validSettings({ method: METHODS[m]! }), t, 'pb-random');
          for (const s of script) runStep(doc, s, t);
          const view = viewSession(doc)!;
          for (const rule of rulesFor(view.settings.method.kind)) expectClean(view, rule);
        }),
        { numRuns: 150 },
      );
    },
    PROPERTY_BUDGET_MS,
  );
});

describe('names that pabulib reads differently', () => {
  /** One idea under one theme, one ballot for it, in a session titled `sessionTitle`. */
  function named(theme: string, title: string, sessionTitle = 'Workshop'): string {
    const t = testContext('device-x', { idPrefix: 'x' });
    const { doc } = createdSession(
      validSettings({ title: sessionTitle, themes: [{ id: 'th', name: theme }] }),
      t,
      'pb-names',
    );
    t.clock.advance();
    const id = addProposal(
      doc,
      { title, description: '', themeId: 'th', costPence: 100_000, where: '' },
      null,
      t.ctx,
    );
    t.clock.advance();
    const p = startParticipant(doc, { language: 'en', hasConsented: true }, t.ctx);
    castBallot(doc, p, { kind: 'dots', dots: { [id]: 1 } }, t.ctx);
    return sessionToPbText(viewSession(doc)!, 'greedy');
  }

  it('Given the theme "Jobs, skills and training", When exported, Then its ideas have ONE category, with no comma, and the file passes the checker', () => {
    for (const theme of ['Jobs, skills and training', 'Jobs,skills']) {
      const text = named(theme, 'Apprenticeship fair');
      expect(checkPb(text).errors).toEqual([]);
      const category = parsePabulib(text).projects[0]!.fields['category']!;
      expect(category.split(',')).toHaveLength(1);
      expect(category).toBe(theme === 'Jobs,skills' ? 'Jobs / skills' : 'Jobs / skills and training');
    }
  });

  it('Given a title with a line break, or ending in U+0085, When exported, Then the name is one line with no white space at its ends, and the file passes the checker', () => {
    const text = named('Green spaces', 'Tidy\nthe park');
    expect(checkPb(text).errors).toEqual([]);
    // Every line of the file is a whole row: a reader that splits lines first (FORMAT.md §7) reads it right.
    expect(text.split('\r\n').find((line) => line.includes('Tidy'))).toMatch(/;Tidy the park;Green spaces;/);
    expect(parsePabulib(named('Green spaces', 'Tidy the park\u0085')).projects[0]!.fields['name']).toBe(
      'Tidy the park',
    );
    const e = parsePabulib(named('Green spaces', 'Tidy', 'Workshop\u0085'));
    expect(e.meta['description']).toBe('Workshop');
  });
});

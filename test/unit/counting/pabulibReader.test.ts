// What the .pb reader does with the input real elections bring (issue 11 §2): a project named twice in a ballot,
// a cell that starts with a quoted word, and values that would otherwise be counted wrongly without a word.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PabulibError, readPabulib, readRows } from '../../../src/domain/counting/pabulib';
import { tallyElection } from '../../../src/domain/counting/votes';
import { hardCasePath } from './fixtures';

/** A small approval election; each case below changes one line of it. */
const APPROVAL = [
  'META',
  'key;value',
  'num_projects;3',
  'num_votes;3',
  'budget;100',
  'vote_type;approval',
  'PROJECTS',
  'project_id;cost;name',
  'a;40;Benches',
  'b;50;Lights',
  'c;30;Trees',
  'VOTES',
  'voter_id;vote',
  'v1;a,b',
  'v2;b,c',
  'v3;c',
  '',
].join('\n');

const ORDINAL = APPROVAL.replace('vote_type;approval', 'vote_type;ordinal\nmax_length;2');
const CUMULATIVE = APPROVAL.replace('vote_type;approval', 'vote_type;cumulative')
  .replace('voter_id;vote', 'voter_id;vote;points')
  .replace('v1;a,b', 'v1;a,b;3,2')
  .replace('v2;b,c', 'v2;b,c;4,1')
  .replace('v3;c', 'v3;c;5');

describe('Given a cell that starts with a quoted word, the reader reads it as Python’s csv module does', () => {
  // Expected cells printed by Python 3: list(csv.reader(io.StringIO(line), delimiter=';')).
  const python: [string, string[]][] = [
    ['"Odkupmy" i my - zak;x', ['Odkupmy i my - zak', 'x']],
    ['"a""b" c"d" e;f', ['a"b c"d" e', 'f']],
    ['ab"c";d', ['ab"c"', 'd']],
    ['""x"y";z', ['x"y"', 'z']],
    ['"a" "b";c', ['a "b"', 'c']],
    [' "a";b', [' "a"', 'b']],
  ];
  it.each(python)('When %j is read, Then the cells are those Python gives', (line, cells) => {
    expect(readRows(line).map((r) => r.cells)).toEqual([cells]);
  });

  it('When Częstochowa 2020 Grabówka is read, Then project 47 keeps its words and the recount equals the published votes and scores', () => {
    const { election, warnings } = readPabulib(readFileSync(hardCasePath('grabowka'), 'utf8'));
    expect(warnings).toEqual([]);
    expect(election.projects.find((p) => p.id === '47')?.fields['name']).toMatch(
      /^Odkupmy i my - zakup i montaż nowoczesnych koszy/,
    );
    const { votes, score } = tallyElection(election);
    for (const p of election.projects) {
      expect([p.id, votes.get(p.id), score?.get(p.id)]).toEqual([
        p.id,
        Number(p.fields['votes']),
        Number(p.fields['score']),
      ]);
    }
  });
});

describe('Given a ballot that names the same project twice', () => {
  it('When an approval ballot does, Then the project counts once in it and one warning sums up every such ballot', () => {
    const text = APPROVAL.replace('v1;a,b', 'v1;a,b,a').replace('v2;b,c', 'v2;b,c,c,c');
    const { election, warnings } = readPabulib(text);
    expect(election.voters.map((v) => v.vote)).toEqual([['a', 'b'], ['b', 'c'], ['c']]);
    expect(tallyElection(election).votes).toEqual(
      new Map([
        ['a', 1],
        ['b', 2],
        ['c', 2],
      ]),
    );
    expect(warnings).toEqual([
      'VOTES: 2 ballots name a project more than once (e.g. voter v1 on line 14 lists project a more than once); such a project is counted once in that ballot.',
    ]);
  });

  it('When Warszawa 2022 Wola is read (voter 37051 lists 1040 twice), Then it is read with one warning line naming that voter', () => {
    const { election, warnings } = readPabulib(readFileSync(hardCasePath('wola'), 'utf8'));
    expect(election.voters.find((v) => v.id === '37051')?.vote).toEqual(['147', '1040']);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(
      /^VOTES: 1 ballot names a project more than once \(e\.g\. voter 37051 on line 3096/,
    );
    // pabulib's `votes` column counts the repeat (1269); a ballot approves a project or not, so we count 1268.
    // Either way 1040 is not among the published winners (the CLI test checks those).
    expect(tallyElection(election).votes.get('1040')).toBe(1268);
  });

  it('When a ranking or a points ballot does, Then the file is refused: which place or how many points is a guess', () => {
    expect(() => readPabulib(ORDINAL.replace('v1;a,b', 'v1;a,a'))).toThrow(
      'Line 15: voter v1 ranks project a twice; which place counts would be a guess, and so would the scores.',
    );
    expect(() => readPabulib(CUMULATIVE.replace('v1;a,b;3,2', 'v1;a,a;3,2'))).toThrow(
      'Line 14: voter v1 gives points to project a twice; adding them or keeping one would be a guess.',
    );
  });
});

describe('Given values that would be counted wrongly without a word', () => {
  const refused: [string, string, string][] = [
    [
      'a negative budget',
      APPROVAL.replace('budget;100', 'budget;-100'),
      'Line 5: the budget in META is -100; a budget cannot be negative.',
    ],
    [
      'an ordinal max_length that is not a whole number',
      ORDINAL.replace('max_length;2', 'max_length;abc'),
      'Line 7: META max_length "abc" is not a whole number of places; a ranked ballot scores max_length minus the place, so no project could be scored.',
    ],
    [
      'a hexadecimal cost',
      APPROVAL.replace('a;40;', 'a;0x28;'),
      'Line 9: the cost of project a "0x28" is not a number written in decimal digits.',
    ],
    [
      'a binary budget',
      APPROVAL.replace('budget;100', 'budget;0b1100100'),
      'Line 5: the budget in META "0b1100100" is not a number written in decimal digits.',
    ],
    [
      'an unknown vote_type',
      APPROVAL.replace('vote_type;approval', 'vote_type;quadratic'),
      'Line 6: META vote_type "quadratic" is not one pabulib knows (approval, choose-1, cumulative, ordinal, scoring), so there is no telling how its ballots count.',
    ],
    [
      'negative cumulative points',
      CUMULATIVE.replace('v2;b,c;4,1', 'v2;b,c;4,-1'),
      'Line 15: voter v2 gives -1 to project c; points in a cumulative ballot cannot be negative.',
    ],
    [
      'a hexadecimal point value',
      CUMULATIVE.replace('v2;b,c;4,1', 'v2;b,c;0x4,1'),
      'Line 15: a point value of voter v2 "0x4" is not a number written in decimal digits.',
    ],
  ];
  it.each(refused)(
    'When a file has %s, Then it is refused in one sentence naming the line',
    (_, text, message) => {
      expect(() => readPabulib(text)).toThrow(PabulibError);
      expect(() => readPabulib(text)).toThrow(message);
      expect(message).not.toContain('\n');
    },
  );

  it('When decimal spellings real files use are read (1e3, 400000.0, 12,5), Then they are numbers as before', () => {
    const text = APPROVAL.replace('budget;100', 'budget;400000.0')
      .replace('a;40;', 'a;1e3;')
      .replace('b;50;', 'b;12,5;');
    const { election } = readPabulib(text);
    expect([election.budget, ...election.projects.map((p) => p.cost)]).toEqual([400000, 1000, 12.5, 30]);
  });

  it('When a scoring ballot gives negative points, Then they are added as written and one warning says so', () => {
    const text = CUMULATIVE.replace('vote_type;cumulative', 'vote_type;scoring')
      .replace('v1;a,b;3,2', 'v1;a,b;3,-2')
      .replace('v2;b,c;4,1', 'v2;b,c;-4,1');
    const { election, warnings } = readPabulib(text);
    expect(tallyElection(election).score?.get('b')).toBe(-6);
    expect(warnings).toEqual([
      "VOTES: 2 ballots give negative points (e.g. voter v1 on line 14 gives -2 to project b); they are added as written, lowering those projects' scores.",
    ]);
  });

  it('When META has no vote_type, Then the ballots are counted as approval ballots and a warning says so', () => {
    const { election, warnings } = readPabulib(APPROVAL.replace('vote_type;approval\n', ''));
    expect(election.voteType).toBe('approval');
    expect(warnings).toEqual(['META has no vote_type: every ballot is counted as an approval ballot.']);
  });
});

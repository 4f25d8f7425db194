import { describe, expect, it } from 'vitest';
import { PabulibError, parsePabulib, readRows, writePabulib } from '../../../src/domain/counting/pabulib';
import { ALL_FIXTURES, fixtureText, load } from './fixtures';

const SMALL = [
  'META',
  'key;value',
  'description;"A ""small"" test; with a semicolon"',
  'num_projects;2',
  'num_votes;2',
  'budget;10.5',
  'vote_type;cumulative',
  'PROJECTS',
  'project_id;cost;name',
  'a1;4.25;"Park; ""new"" benches"',
  '124-A;6;Lights',
  'VOTES',
  'voter_id;vote;points',
  'v1;a1,124-A;3,2',
  'v2;;',
  '',
].join('\n');

describe('pabulib .pb reader and writer', () => {
  it('reads a small file: ids as strings, float budget and cost, quoted cells, points, empty ballots', () => {
    const e = parsePabulib(SMALL);
    expect(e.budget).toBe(10.5);
    expect(e.voteType).toBe('cumulative');
    expect(e.meta['description']).toBe('A "small" test; with a semicolon');
    expect(e.projects.map((p) => [p.id, p.cost, p.fields['name']])).toEqual([
      ['a1', 4.25, 'Park; "new" benches'],
      ['124-A', 6, 'Lights'],
    ]);
    expect(e.voters[0]).toEqual({ id: 'v1', vote: ['a1', '124-A'], points: [3, 2], fields: {} });
    expect(e.voters[1]).toEqual({ id: 'v2', vote: [], points: [], fields: {} });
  });

  it('round-trips a small file: parse(write(x)) equals x, with CRLF and with LF', () => {
    const e = parsePabulib(SMALL);
    expect(parsePabulib(writePabulib(e))).toEqual(e);
    expect(parsePabulib(writePabulib(e, '\n'))).toEqual(e);
    expect(writePabulib(e, '\n')).toContain('a1;4.25;"Park; ""new"" benches"\n');
  });

  it('ignores a BOM and accepts CRLF and LF alike', () => {
    const lf = parsePabulib(SMALL);
    expect(parsePabulib('\ufeff' + SMALL.replace(/\n/g, '\r\n'))).toEqual(lf);
  });

  it.each(ALL_FIXTURES)('round-trips %s: same text up to line endings, same structure', (name) => {
    const text = fixtureText(name);
    const e = load(name);
    const written = writePabulib(e);
    expect(parsePabulib(written)).toEqual(e);
    expect(written.endsWith('\r\n')).toBe(true);
    // Byte for byte once line endings are normalised (Wieliczka has one lone LF inside META, line 12).
    expect(writePabulib(e, '\n')).toBe(text.replace(/\r\n/g, '\n'));
    if (name !== 'wieliczka') expect(written).toBe(text);
  });

  it('reads the quoted names in Wieliczka (projects 80 and 81)', () => {
    const e = load('wieliczka');
    for (const id of ['80', '81']) {
      const name = e.projects.find((p) => p.id === id)?.fields['name'] ?? '';
      expect(name).toMatch(/"/);
      expect(name).not.toMatch(/""/);
    }
    // Project 59 has empty latitude and longitude.
    expect(e.projects.find((p) => p.id === '59')?.fields['latitude']).toBe('');
  });

  it('splits rows with a real CSV reader: quotes, doubled quotes, separators and line breaks inside quotes', () => {
    expect(readRows('a;"b;c";"d""e"\r\n\r\n"x\ny";z\n').map((r) => [r.cells, r.line])).toEqual([
      [['a', 'b;c', 'd"e'], 1],
      [['x\ny', 'z'], 3],
    ]);
  });

  const broken: [string, string, RegExp][] = [
    ['no META', SMALL.replace('META\n', ''), /^Line 1: the file must start with a line holding only META/],
    [
      'sections out of order',
      SMALL.replace('PROJECTS', 'VOTES'),
      /^Line 8: found the section VOTES where PROJECTS/,
    ],
    [
      'a short row',
      SMALL.replace('124-A;6;Lights', '124-A;6'),
      /^Line 11: this PROJECTS row has 2 cells but the header has 3/,
    ],
    [
      'a bad cost',
      SMALL.replace('124-A;6;', '124-A;six;'),
      /^Line 11: the cost of project 124-A "six" is not a number/,
    ],
    [
      'an unknown project',
      SMALL.replace('v1;a1,124-A', 'v1;a1,zz'),
      /^Line 14: voter v1 votes for "zz", which is not a project/,
    ],
    [
      'a project twice in a ballot with points (pabulibReader.test.ts: approval ballots count it once)',
      SMALL.replace('v1;a1,124-A', 'v1;a1,a1'),
      /^Line 14: voter v1 gives points to project a1 twice/,
    ],
    [
      'points not matching',
      SMALL.replace('3,2', '3'),
      /^Line 14: voter v1 has 2 projects in vote but 1 values in points/,
    ],
    ['an unclosed quote', SMALL.replace('benches"', 'benches'), /^Line 10: a quoted cell is never closed/],
    [
      'a wrong num_votes',
      SMALL.replace('num_votes;2', 'num_votes;3'),
      /^Line 5: num_votes says 3 but VOTES has 2 rows/,
    ],
    [
      'a duplicated project id',
      SMALL.replace('124-A;6', 'a1;6'),
      /^Line 11: the project id "a1" appears twice/,
    ],
    [
      'a missing VOTES section',
      SMALL.slice(0, SMALL.indexOf('VOTES')),
      /the file ends before the VOTES section/,
    ],
    ['no budget', SMALL.replace('budget;10.5\n', ''), /META has no budget/],
  ];
  it.each(broken)('rejects %s with a sentence naming the line', (_, text, message) => {
    expect(() => parsePabulib(text)).toThrow(PabulibError);
    expect(() => parsePabulib(text)).toThrow(message);
  });
});

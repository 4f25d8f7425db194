/** The enrolment code's expiry, as the admin reads it: local time in words, never a UTC ISO timestamp. */
import { afterEach, describe, expect, it } from 'vitest';
import { runAdmin, untilInWords } from '../../../src/server/adminCli';
import { Store } from '../../../src/server/store';
import { tempDir } from './support';

describe('the enrolment code’s expiry in words', { timeout: 20_000 }, () => {
  const cleanup: (() => void)[] = [];
  afterEach(() => {
    for (const f of cleanup.splice(0)) f();
  });

  it('Given a moment, Then it reads as local time in words in the zone asked for', () => {
    const at = Date.UTC(2026, 11, 12, 14, 30);
    expect(untilInWords(at, 'Europe/London')).toBe('14:30 on 12 December 2026');
    expect(untilInWords(new Date(Date.UTC(2026, 6, 1, 13, 30)).toISOString(), 'Europe/London')).toBe(
      '14:30 on 1 July 2026',
    );
    expect(untilInWords('soon')).toBe('soon');
  });

  it('Given Welsh, Then the moment reads in Welsh words', () => {
    const at = Date.UTC(2026, 11, 12, 14, 30);
    expect(untilInWords(at, 'Europe/London', 'cy')).toBe('14:30 ar 12 Rhagfyr 2026');
    expect(untilInWords(Date.UTC(2026, 6, 1, 13, 30), 'Europe/London', 'cy')).toBe(
      '14:30 ar 1 Gorffennaf 2026',
    );
    expect(untilInWords('soon', undefined, 'cy')).toBe('soon');
  });

  it('Given enrol without --json, Then the code is printed with "valid until" in local time, not an ISO timestamp', async () => {
    const t = tempDir();
    cleanup.push(t.remove);
    Store.open(t.dir).close();
    let out = '';
    const code = await runAdmin(
      ['enrol', '--role', 'facilitator', '--name', 'Tablet 3', '--expires-minutes', '30'],
      { DATA_DIR: t.dir },
      { out: (s) => (out += s + '\n'), err: () => undefined },
    );
    expect(code).toBe(0);
    expect(out).toMatch(/It works once, valid until \d\d:\d\d on \d{1,2} [A-Z][a-z]+ \d{4}\./);
    expect(out).not.toMatch(/\d{4}-\d\d-\d\dT/);
  });
});
